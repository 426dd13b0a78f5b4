package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fake's GitHub Apps: {@code GET /app/installations/{id}} and {@code POST /app/installations/{id}/access_tokens}
 * check the App's JWT as GitHub does (RS256 signature against the App's public key, issuer, an issue time not in the
 * future and an expiry in the future but at most ten minutes on, both by the fake's clock) and the latter issues
 * installation tokens that expire after an hour of the fake's time.
 */
final class FakeApps {
    static final String DOCS = "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    /** An installed App: its id or client ID, its public key, and the account it is installed on (a simple-user). */
    private record App(String appId, PublicKey key, ObjectNode account) {
    }

    private final Map<Long, App> installations = new HashMap<>();
    private final Map<String, Instant> tokens = new HashMap<>();
    private int issued;

    void register(String appId, long installationId, PublicKey key, ObjectNode account) {
        installations.put(installationId, new App(appId, key, account));
    }

    /** Whether {@code token} is an installation token this fake issued that has not expired at {@code now}. */
    boolean valid(String token, Instant now) {
        Instant expiry = tokens.get(token);
        return expiry != null && now.isBefore(expiry);
    }

    void revokeAll() {
        tokens.clear();
    }

    int issued() {
        return issued;
    }

    FakeGitHub.Answer accessToken(long installationId, String authorization, Instant now) {
        App app = installations.get(installationId);
        Optional<FakeGitHub.Answer> refused = refusal(app, authorization, now);
        if (refused.isPresent()) return refused.get();
        String token = String.format("ghs_fake%032d", ++issued);
        Instant expiry = now.plus(TOKEN_LIFETIME);
        tokens.put(token, expiry);
        ObjectNode o = FakeJson.JSON.createObjectNode().put("token", token).put("expires_at", expiry.toString());
        o.set("permissions", permissions());
        o.put("repository_selection", "all");
        return new FakeGitHub.Answer(201, o);
    }

    /** The installation as {@code GET /app/installations/{id}} describes it to its App. */
    FakeGitHub.Answer installation(long installationId, String authorization, Instant now, String api) {
        App app = installations.get(installationId);
        Optional<FakeGitHub.Answer> refused = refusal(app, authorization, now);
        if (refused.isPresent()) return refused.get();
        ObjectNode o = FakeJson.JSON.createObjectNode().put("id", installationId);
        o.set("account", app.account());
        o.put("repository_selection", "all")
                .put("access_tokens_url", api + "/app/installations/" + installationId + "/access_tokens")
                .put("repositories_url", api + "/installation/repositories")
                .put("html_url", "https://github.com/organizations/" + app.account().path("login").asText() + "/settings/installations/" + installationId)
                .put("app_id", app.appId().matches("[0-9]{1,18}") ? Long.parseLong(app.appId()) : 1L)
                .put("app_slug", "platctl-test")
                .put("target_id", app.account().path("id").asLong())
                .put("target_type", app.account().path("type").asText());
        o.set("permissions", permissions());
        o.putArray("events");
        o.put("created_at", "2023-11-01T00:00:00Z").put("updated_at", "2023-11-01T00:00:00Z");
        o.putNull("single_file_name");
        o.putNull("suspended_by");
        o.putNull("suspended_at");
        return new FakeGitHub.Answer(200, o);
    }

    /**
     * Why GitHub refuses the App's JWT for an installation, if it does: no such installation, a token it cannot decode or
     * verify, an issue time in the future or an expiry in the past or more than ten minutes on, by GitHub's clock.
     */
    private static Optional<FakeGitHub.Answer> refusal(App app, String authorization, Instant now) {
        String jwt = authorization == null ? "" : authorization.replaceFirst("^(Bearer|bearer) ", "");
        String[] parts = jwt.split("\\.");
        JsonNode header;
        JsonNode claims;
        try {
            if (parts.length != 3) return Optional.of(unauthorized("A JSON web token could not be decoded"));
            header = FakeJson.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = FakeJson.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(unauthorized("A JSON web token could not be decoded"));
        }
        if (app == null) return Optional.of(new FakeGitHub.Answer(404, FakeJson.error("Not Found", DOCS)));
        if (!header.path("alg").asText().equals("RS256") || !verifies(app.key(), parts)
                || !claims.path("iss").asText().equals(app.appId()))
            return Optional.of(unauthorized("A JSON web token could not be decoded"));
        long iat = claims.path("iat").asLong(Long.MAX_VALUE);
        long exp = claims.path("exp").asLong(Long.MIN_VALUE);
        if (iat > now.getEpochSecond())
            return Optional.of(unauthorized("'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued"));
        if (exp <= now.getEpochSecond())
            return Optional.of(unauthorized("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires"));
        if (exp > now.getEpochSecond() + 600) return Optional.of(unauthorized("'Expiration time' claim ('exp') is too far in the future"));
        return Optional.empty();
    }

    private static ObjectNode permissions() {
        return FakeJson.JSON.createObjectNode().put("administration", "write").put("contents", "write").put("environments", "write")
                .put("metadata", "read").put("pull_requests", "write").put("actions_variables", "write").put("members", "read");
    }

    private static boolean verifies(PublicKey key, String[] parts) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static FakeGitHub.Answer unauthorized(String message) {
        return new FakeGitHub.Answer(401, FakeJson.error(message, "https://docs.github.com/rest"));
    }
}
