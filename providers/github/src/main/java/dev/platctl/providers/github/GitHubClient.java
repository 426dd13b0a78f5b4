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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API over the JDK's HttpClient: authentication, waits on primary and secondary rate limits,
 * conditional GETs (an ETag answered with 304 reuses the cached body and costs no rate limit) and pagination.
 */
final class GitHubClient {
    static final int MAX_RETRIES = 3;
    static final String JSON_MEDIA_TYPE = "application/vnd.github+json";
    static final Duration MAX_WAIT = Duration.ofHours(1);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached(String etag, JsonNode body) {
    }

    private final HttpClient http;
    private final URI baseUrl;
    private final String token;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Cached> etags = new ConcurrentHashMap<>();
    private volatile long remaining = -1;
    private volatile long resetEpochSecond;

    GitHubClient(HttpClient http, URI baseUrl, String token, Clock clock, Sleeper sleeper) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
        this.clock = clock;
        this.sleeper = sleeper;
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

    private GitHubResponse send(String method, String url, JsonNode body, String accept) {
        for (int attempt = 0; ; attempt++) {
            waitForPrimaryReset();
            String key = accept + " " + url;
            Cached cached = method.equals("GET") ? etags.get(key) : null;
            HttpResponse<String> r = exchange(method, url, body, accept, cached);
            HttpHeaders h = r.headers();
            h.firstValue("x-ratelimit-remaining").ifPresent(v -> remaining = parseLong(v, -1));
            h.firstValue("x-ratelimit-reset").ifPresent(v -> resetEpochSecond = parseLong(v, 0));
            Optional<String> next = h.allValues("link").stream().map(NEXT::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst();
            int status = r.statusCode();
            if (status == 304 && cached != null) return new GitHubResponse(200, cached.body(), next);
            if (status < 400) {
                JsonNode json = parse(r.body());
                if (method.equals("GET")) h.firstValue("etag").ifPresent(e -> etags.put(key, new Cached(e, json)));
                return new GitHubResponse(status, json, next);
            }
            Optional<Duration> wait = rateLimitWait(status, h);
            if (wait.isEmpty() || attempt >= MAX_RETRIES) throw new GitHubApiException(status, message(r.body()));
            remaining = -1;
            pause(wait.get());
        }
    }

    private HttpResponse<String> exchange(String method, String url, JsonNode body, String accept, Cached cached) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Accept", accept)
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "platctl")
                .header("Authorization", "Bearer " + token);
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
     * How long to wait before retrying, when the answer is a rate limit: a secondary limit says so with
     * {@code retry-after}; a spent primary limit has {@code x-ratelimit-remaining: 0} and its reset time.
     */
    private Optional<Duration> rateLimitWait(int status, HttpHeaders h) {
        if (status != 403 && status != 429) return Optional.empty();
        Optional<Duration> retryAfter = h.firstValue("retry-after").map(v -> Duration.ofSeconds(parseLong(v, 60)));
        if (retryAfter.isPresent()) return retryAfter;
        if (h.firstValue("x-ratelimit-remaining").map(v -> v.equals("0")).orElse(false)) return Optional.of(untilReset());
        return status == 429 ? Optional.of(Duration.ofMinutes(1)) : Optional.empty();
    }

    /** When a previous answer said the primary limit is spent, waits for its reset before sending anything. */
    private void waitForPrimaryReset() {
        if (remaining == 0 && Instant.ofEpochSecond(resetEpochSecond).isAfter(clock.instant())) {
            remaining = -1;
            pause(untilReset());
        }
    }

    private Duration untilReset() {
        Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(resetEpochSecond)).plusSeconds(1);
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
