package dev.platctl.providers.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API over the JDK's HttpClient: authentication, waits on primary and secondary rate limits (a
 * {@link RateLimitGate} shared by every request of the client), writes one at a time and paced by a
 * {@link WritePacing} token bucket, conditional GETs (an ETag answered with 304 reuses the cached body and costs no rate
 * limit; the ETags outlive the run in an {@link EtagCache}) and pagination.
 */
final class GitHubClient {
    /** How often one request is sent again after a rate limit refused it; then the refusal is reported, not retryable. */
    static final int MAX_RETRIES = 3;
    static final String JSON_MEDIA_TYPE = "application/vnd.github+json";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI baseUrl;
    private final GitHubCredentials credentials;
    private final Clock clock;
    private final Sleeper sleeper;
    private final EtagCache etags;
    private final ReentrantLock writes = new ReentrantLock(true);
    private final WritePacing pacing;
    private final RateLimitGate gate;
    private volatile Rejection rejection;

    GitHubClient(HttpClient http, URI baseUrl, GitHubCredentials credentials, Clock clock, Sleeper sleeper, Duration writeInterval,
                 EtagCache etags) {
        this.http = http;
        this.etags = etags;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.clock = clock;
        this.sleeper = sleeper;
        this.pacing = new WritePacing(writeInterval, clock);
        this.gate = new RateLimitGate(clock, sleeper);
    }

    /** One path segment, percent-encoded. */
    static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A file path inside a repository, each segment encoded and the slashes kept. */
    static String filePath(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) out.add(seg(s));
        return String.join("/", out);
    }

    JsonNode get(String path) {
        return send("GET", url(path), null, JSON_MEDIA_TYPE).body();
    }

    /** A GET whose 404 means the object does not exist. */
    Optional<JsonNode> find(String path) {
        return find(path, JSON_MEDIA_TYPE);
    }

    /** A GET with another media type, such as {@code application/vnd.github.v3.repository+json}; a 404 means it does not exist. */
    Optional<JsonNode> find(String path, String accept) {
        try {
            return Optional.of(send("GET", url(path), null, accept).body());
        } catch (GitHubApiException e) {
            if (e.status() == 404) return Optional.empty();
            throw e;
        }
    }

    /**
     * Every item of a list call, following the {@code Link: <...>; rel="next"} headers; {@code items} takes a page's items
     * from its body ({@code Function.identity()} for a bare array, {@code p -> p.path("branch_policies")} for an object).
     */
    List<JsonNode> getAll(String path, Function<JsonNode, JsonNode> items) {
        List<JsonNode> out = new ArrayList<>();
        Optional<String> next = Optional.of(url(path));
        while (next.isPresent()) {
            GitHubResponse r = send("GET", next.get(), null, JSON_MEDIA_TYPE);
            items.apply(r.body()).forEach(out::add);
            next = r.nextPage();
        }
        return out;
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", url(path), body, JSON_MEDIA_TYPE).body();
    }

    JsonNode put(String path, JsonNode body) {
        return send("PUT", url(path), body, JSON_MEDIA_TYPE).body();
    }

    JsonNode patch(String path, JsonNode body) {
        return send("PATCH", url(path), body, JSON_MEDIA_TYPE).body();
    }

    JsonNode delete(String path, JsonNode body) {
        return send("DELETE", url(path), body, JSON_MEDIA_TYPE).body();
    }

    /** Deletes; a 404 means it was gone already. */
    void deleteIfExists(String path) {
        try {
            delete(path, null);
        } catch (GitHubApiException e) {
            if (e.status() != 404) throw e;
        }
    }

    /**
     * A request made with {@code authorization} instead of the credentials' token (an App's JWT): rate limits are waited
     * out as for any request; it is not paced (it creates no content), not cached and never renewed.
     */
    JsonNode sendAuthorized(String method, String path, String authorization) {
        return attempts(method, url(path), null, JSON_MEDIA_TYPE, Optional.of(authorization), false).body();
    }

    private String url(String path) {
        return baseUrl + path;
    }

    /**
     * Sends one request, waiting out rate limits. Writes (POST, PUT, PATCH, DELETE) go one at a time, paced as GitHub's
     * REST API best practices ask: concurrent or rapid content-creating requests are what trips its secondary rate limits.
     */
    private GitHubResponse send(String method, String url, JsonNode body, String accept) {
        if (method.equals("GET")) return attempts(method, url, body, accept, Optional.empty(), false);
        try {
            writes.lockInterruptibly();
        } catch (InterruptedException e) {
            throw interrupted(method, url, "while waiting for the write before it", e);
        }
        try {
            return attempts(method, url, body, accept, Optional.empty(), true);
        } finally {
            writes.unlock();
        }
    }

    /** Waits for a write token and takes it: before every send of a write, the first and each one sent again. */
    private void pace(String method, String url) {
        for (Duration d = pacing.delay(); !d.isZero(); d = pacing.delay()) {
            boolean block = pacing.blocked();
            try {
                sleeper.sleep(d);
            } catch (InterruptedException e) {
                throw interrupted(method, url, block ? "while waiting out GitHub's rate limit" : "while pacing writes (write_interval)", e);
            }
        }
        pacing.start();
    }

    private GitHubResponse attempts(String method, String url, JsonNode body, String accept, Optional<String> authorization,
                                    boolean paced) {
        boolean renewed = false;
        for (int attempt = 0; ; attempt++) {
            // a token GitHub rejected is not sent again, nor waited for by pacing
            Rejection known = rejection;
            if (known != null && authorization.isEmpty() && known.token().equals(credentials.token(this)))
                throw new ProviderConfigurationException(GitHubProvider.NAME, known.problem(), known.cause().copy());
            if (paced) pace(method, url);
            // the token first: getting one may itself be a request through the gate
            String token = authorization.isPresent() ? null : credentials.token(this);
            EtagCache.Entry cached = method.equals("GET") && authorization.isEmpty() ? etags.get(accept, url).orElse(null) : null;
            RateLimitGate.Pass pass;
            try {
                pass = gate.enter();
            } catch (InterruptedException e) {
                throw interrupted(method, url, "while waiting out GitHub's rate limit", e);
            }
            HttpResponse<String> r;
            HttpHeaders h;
            int status;
            // the pass is settled whatever happens, or a probe that died unexpectedly would hold every later request
            boolean settled = false;
            try {
                r = exchange(method, url, body, accept, authorization.orElseGet(() -> "Bearer " + token), cached);
                h = r.headers();
                status = r.statusCode();
                if (isRateLimited(status, h, r.body())) {
                    gate.limited(pass, namedWait(h));
                    settled = true;
                    gate.blockedUntil().ifPresent(pacing::pause);
                    if (attempt >= MAX_RETRIES) throw new GitHubApiException(status, message(r.body()), false, true);
                    continue;
                }
                gate.passed(pass);
                settled = true;
            } finally {
                if (!settled) gate.failed(pass);
            }
            if (status < 400 && spent(h)) {
                gate.blockFor(untilReset(h));
                gate.blockedUntil().ifPresent(pacing::pause);
            }
            Optional<String> next = h.allValues("link").stream().map(NEXT::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst();
            if (status == 304 && cached != null) return new GitHubResponse(200, cached.body(), next.or(cached::next));
            if (status < 400) {
                JsonNode json = parse(r.body());
                if (method.equals("GET") && authorization.isEmpty())
                    h.firstValue("etag").ifPresent(e -> etags.put(accept, url, new EtagCache.Entry(e, json, next)));
                return new GitHubResponse(status, json, next);
            }
            if (status == 401 && token != null && !renewed && credentials.renew(token, this)) {
                // an installation token that expired early (clock skew, revoked): one new token, one more try
                renewed = true;
                attempt--;
                continue;
            }
            if (status == 401 && token != null) throw reject(token, new GitHubApiException(status, message(r.body()), false, false));
            throw new GitHubApiException(status, message(r.body()), status >= 500, false);
        }
    }

    /**
     * GitHub refused the credentials' token with 401 ("Bad credentials") and renewing could not help: no resource can be
     * reached with it, which is the provider's failure, told once by the engine. The token is remembered, so later
     * requests with it are refused without asking GitHub (a renewed installation token is asked about again).
     */
    private ProviderConfigurationException reject(String token, GitHubApiException refusal) {
        Rejection r = new Rejection(token, credentials.rejected(refusal.getMessage()), refusal);
        rejection = r;
        return new ProviderConfigurationException(GitHubProvider.NAME, r.problem(), refusal);
    }

    /** A token GitHub refused, what to tell about it, and GitHub's answer. */
    private record Rejection(String token, String problem, GitHubApiException cause) {
    }

    private HttpResponse<String> exchange(String method, String url, JsonNode body, String accept, String authorization,
                                          EtagCache.Entry cached) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Accept", accept)
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "platctl")
                .header("Authorization", authorization);
        if (cached != null) b.header("If-None-Match", cached.etag());
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderException(method + " " + url + ": " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            throw interrupted(method, url, "while waiting for GitHub's answer", e);
        }
    }

    /**
     * Whether the answer is a rate limit (GitHub's "Handle rate limit errors appropriately"): a 429, or a 403 that has
     * {@code retry-after}, a spent primary limit ({@code x-ratelimit-remaining: 0}), or a message naming a secondary limit
     * (or, in older words, abuse detection). Any other 403 is a permission error, not retried.
     */
    private static boolean isRateLimited(int status, HttpHeaders h, String body) {
        if (status == 429) return true;
        if (status != 403) return false;
        if (h.firstValue("retry-after").isPresent() || spent(h)) return true;
        String message = message(body).toLowerCase(Locale.ROOT);
        return message.contains("secondary rate limit") || message.contains("abuse detection");
    }

    /**
     * The wait a rate-limit answer names: {@code retry-after} seconds, or until {@code x-ratelimit-reset} when the limit is
     * spent; at most {@link RateLimitGate#MAX_WAIT}, whatever the header says.
     */
    private Optional<Duration> namedWait(HttpHeaders h) {
        Optional<Long> retryAfter = h.firstValue("retry-after").map(v -> parseLong(v, -1)).filter(v -> v >= 0);
        if (retryAfter.isPresent()) return Optional.of(Duration.ofSeconds(Math.min(retryAfter.get(), RateLimitGate.MAX_WAIT.toSeconds())));
        return spent(h) ? Optional.of(untilReset(h)) : Optional.empty();
    }

    private static boolean spent(HttpHeaders h) {
        return h.firstValue("x-ratelimit-remaining").map(v -> v.trim().equals("0")).orElse(false);
    }

    /**
     * The wait until {@code x-ratelimit-reset} (epoch seconds), one second more for clock skew: at least one second, at
     * most {@link RateLimitGate#MAX_WAIT}, whatever the header says (a reset in the past, or beyond what an Instant holds).
     */
    private Duration untilReset(HttpHeaders h) {
        Instant now = clock.instant();
        long latest = now.getEpochSecond() + RateLimitGate.MAX_WAIT.toSeconds();
        long reset = Math.max(0, Math.min(latest, h.firstValue("x-ratelimit-reset").map(v -> parseLong(v, 0)).orElse(0L)));
        Duration d = Duration.between(now, Instant.ofEpochSecond(reset)).plusSeconds(1);
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    /** Ctrl-C (an interrupted thread) ends a wait at once; the interruption is kept for the caller to see. */
    private static ProviderException interrupted(String method, String url, String where, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ProviderException(method + " " + url + ": interrupted " + where, false, e);
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) return MissingNode.getInstance();
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProviderException("GitHub answered with something that is not JSON: "
                    + text.substring(0, Math.min(200, text.length())), false, e);
        }
    }

    /** GitHub's message, followed by what each validation error says (its own message, or resource.field code). */
    static String message(String text) {
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return text.substring(0, Math.min(200, text.length()));
        }
        StringBuilder sb = new StringBuilder(body.path("message").asText("(no message)"));
        List<String> details = new ArrayList<>();
        for (JsonNode e : body.path("errors")) {
            if (e.isTextual()) details.add(e.asText());
            else if (e.hasNonNull("message")) details.add(e.path("message").asText());
            else details.add(e.path("resource").asText("?") + "." + e.path("field").asText("?") + " " + e.path("code").asText("invalid"));
        }
        if (!details.isEmpty()) sb.append(": ").append(String.join("; ", details));
        return sb.toString();
    }

    private static long parseLong(String v, long dflt) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** Requests waiting for the answer of the probe sent when a rate limit's block ended (for tests). */
    int waitingForProbe() {
        return gate.waitingForProbe();
    }

    /** Writers waiting for the write lock (for tests that check writes go one at a time). */
    int writersWaiting() {
        return writes.getQueueLength();
    }

    static ObjectMapper json() {
        return JSON;
    }
}
