package dev.platctl.providers.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API over the JDK's HttpClient: authentication, waits on primary and secondary rate limits, writes one at a
 * time, conditional GETs (an ETag answered with 304 reuses the cached body and costs no rate limit; the ETags outlive
 * the run in an {@link EtagCache}) and pagination.
 */
final class GitHubClient {
    static final int MAX_RETRIES = 3;
    static final String JSON_MEDIA_TYPE = "application/vnd.github+json";
    static final Duration MAX_WAIT = Duration.ofHours(1);
    /** The first wait on a secondary rate limit that names no time: "wait for at least one minute before retrying". */
    static final Duration SECONDARY_WAIT = Duration.ofMinutes(1);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI baseUrl;
    private final GitHubCredentials credentials;
    private final Clock clock;
    private final Sleeper sleeper;
    private final EtagCache etags;
    private final Duration writeInterval;
    private final ReentrantLock writes = new ReentrantLock(true);
    private Instant lastWrite;
    private final Object gate = new Object();
    private Instant blockedUntil;

    GitHubClient(HttpClient http, URI baseUrl, GitHubCredentials credentials, Clock clock, Sleeper sleeper, Duration writeInterval,
                 EtagCache etags) {
        this.http = http;
        this.etags = etags;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.clock = clock;
        this.sleeper = sleeper;
        this.writeInterval = writeInterval;
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

    /** Every item of a list call, following the {@code Link: <...>; rel="next"} headers. */
    List<JsonNode> getAll(String path) {
        List<JsonNode> out = new ArrayList<>();
        Optional<String> next = Optional.of(url(path));
        while (next.isPresent()) {
            GitHubResponse r = send("GET", next.get(), null, JSON_MEDIA_TYPE);
            r.body().forEach(out::add);
            next = r.nextPage();
        }
        return out;
    }

    /** Every item of a list call whose pages are objects holding the items in {@code field}, such as {@code {total_count, branch_policies}}. */
    List<JsonNode> getAll(String path, String field) {
        List<JsonNode> out = new ArrayList<>();
        Optional<String> next = Optional.of(url(path));
        while (next.isPresent()) {
            GitHubResponse r = send("GET", next.get(), null, JSON_MEDIA_TYPE);
            r.body().path(field).forEach(out::add);
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

    private String url(String path) {
        return baseUrl + path;
    }

    /**
     * Sends one request, waiting out rate limits. Writes (POST, PUT, PATCH, DELETE) go one at a time and at least
     * {@code writeInterval} apart, as GitHub's REST API best practices ask: concurrent or rapid content-creating
     * requests are what trips its secondary rate limits.
     */
    private GitHubResponse send(String method, String url, JsonNode body, String accept) {
        if (method.equals("GET")) return attempts(method, url, body, accept);
        writes.lock();
        try {
            if (lastWrite != null && !writeInterval.isZero()) {
                Duration since = Duration.between(lastWrite, clock.instant());
                if (since.compareTo(writeInterval) < 0) pause(writeInterval.minus(since.isNegative() ? Duration.ZERO : since));
            }
            try {
                return attempts(method, url, body, accept);
            } finally {
                lastWrite = clock.instant();
            }
        } finally {
            writes.unlock();
        }
    }

    private GitHubResponse attempts(String method, String url, JsonNode body, String accept) {
        boolean renewed = false;
        for (int attempt = 0; ; attempt++) {
            awaitUnblocked();
            EtagCache.Entry cached = method.equals("GET") ? etags.get(accept, url).orElse(null) : null;
            HttpResponse<String> r = exchange(method, url, body, accept, cached);
            HttpHeaders h = r.headers();
            Optional<String> next = h.allValues("link").stream().map(NEXT::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst();
            int status = r.statusCode();
            if (status < 400 && h.firstValue("x-ratelimit-remaining").map(v -> v.trim().equals("0")).orElse(false))
                blockFor(untilReset(h));
            if (status == 304 && cached != null) return new GitHubResponse(200, cached.body(), next);
            if (status < 400) {
                JsonNode json = parse(r.body());
                if (method.equals("GET")) h.firstValue("etag").ifPresent(e -> etags.put(accept, url, new EtagCache.Entry(e, json)));
                return new GitHubResponse(status, json, next);
            }
            if (status == 401 && !renewed && credentials.renew()) {
                // an installation token that expired early (clock skew, revoked): one new token, one more try
                renewed = true;
                attempt--;
                continue;
            }
            Optional<Duration> wait = rateLimitWait(status, h, r.body(), attempt);
            if (wait.isEmpty() || attempt >= MAX_RETRIES) throw new GitHubApiException(status, message(r.body()));
            blockFor(wait.get());
        }
    }

    private HttpResponse<String> exchange(String method, String url, JsonNode body, String accept, EtagCache.Entry cached) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Accept", accept)
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "platctl")
                .header("Authorization", "Bearer " + credentials.token());
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
            Thread.currentThread().interrupt();
            throw new ProviderException(method + " " + url + ": interrupted", false, e);
        }
    }

    /**
     * How long to wait before retrying, when the answer is a rate limit (GitHub's "Handle rate limit errors
     * appropriately"): {@code retry-after} seconds when the answer has it; until {@code x-ratelimit-reset} when
     * {@code x-ratelimit-remaining} is 0; otherwise, for a secondary limit (a 429, or a 403 whose message says so), one
     * minute, doubled on each further attempt. Any other 403 is a permission error, not retried.
     */
    private Optional<Duration> rateLimitWait(int status, HttpHeaders h, String body, int attempt) {
        if (status != 403 && status != 429) return Optional.empty();
        Optional<Long> retryAfter = h.firstValue("retry-after").map(v -> parseLong(v, -1)).filter(v -> v >= 0);
        if (retryAfter.isPresent()) return Optional.of(Duration.ofSeconds(retryAfter.get()));
        if (h.firstValue("x-ratelimit-remaining").map(v -> v.trim().equals("0")).orElse(false)) return Optional.of(untilReset(h));
        String message = message(body).toLowerCase(Locale.ROOT);
        boolean secondary = status == 429 || message.contains("secondary rate limit") || message.contains("abuse detection");
        return secondary ? Optional.of(SECONDARY_WAIT.multipliedBy(1L << Math.min(attempt, 10))) : Optional.empty();
    }

    /** Holds every request of this client, not only the one that was refused, until {@code d} from now. */
    private void blockFor(Duration d) {
        synchronized (gate) {
            Instant until = clock.instant().plus(d);
            if (blockedUntil == null || until.isAfter(blockedUntil)) blockedUntil = until;
        }
    }

    /**
     * Waits until a rate limit that held this client lifts. Each caller waits once for a given block: with a clock that
     * does not move (tests), a block is over once waited out.
     */
    private void awaitUnblocked() {
        Instant until;
        synchronized (gate) {
            until = blockedUntil;
        }
        if (until == null) return;
        Duration d = Duration.between(clock.instant(), until);
        if (d.compareTo(Duration.ZERO) > 0) pause(d);
        synchronized (gate) {
            if (until.equals(blockedUntil)) blockedUntil = null;
        }
    }

    /** The wait until {@code x-ratelimit-reset} (epoch seconds), one second more for clock skew. */
    private Duration untilReset(HttpHeaders h) {
        long reset = h.firstValue("x-ratelimit-reset").map(v -> parseLong(v, 0)).orElse(0L);
        Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(reset)).plusSeconds(1);
        return d.isNegative() ? Duration.ofSeconds(1) : d;
    }

    private void pause(Duration d) {
        Duration bounded = d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
        try {
            sleeper.sleep(bounded);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while waiting out GitHub's rate limit", false, e);
        }
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

    static ObjectMapper json() {
        return JSON;
    }
}
