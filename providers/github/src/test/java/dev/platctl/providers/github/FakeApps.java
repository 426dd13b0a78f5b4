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

/**
 * The fake's GitHub Apps: {@code POST /app/installations/{id}/access_tokens} checks the App's JWT as GitHub does (RS256
 * signature against the App's public key, issuer, issued-at and expiry no more than ten minutes apart) and issues
 * installation tokens that expire after an hour of the fake's time.
 */
final class FakeApps {
    static final String DOCS = "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private record App(String appId, PublicKey key) {
    }

    private final Map<Long, App> installations = new HashMap<>();
    private final Map<String, Instant> tokens = new HashMap<>();
    private int issued;

    void register(String appId, long installationId, PublicKey key) {
        installations.put(installationId, new App(appId, key));
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
        String jwt = authorization == null ? "" : authorization.replaceFirst("^(Bearer|bearer) ", "");
        String[] parts = jwt.split("\\.");
        JsonNode header;
        JsonNode claims;
        try {
            if (parts.length != 3) return unauthorized("A JSON web token could not be decoded");
            header = FakeJson.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = FakeJson.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return unauthorized("A JSON web token could not be decoded");
        }
        App app = installations.get(installationId);
        if (app == null) return new FakeGitHub.Answer(404, FakeJson.error("Not Found", DOCS));
        if (!header.path("alg").asText().equals("RS256") || !verifies(app.key(), parts)
                || !claims.path("iss").asText().equals(app.appId()))
            return unauthorized("A JSON web token could not be decoded");
        long iat = claims.path("iat").asLong(Long.MAX_VALUE);
        long exp = claims.path("exp").asLong(Long.MIN_VALUE);
        if (iat > now.getEpochSecond() + 60)
            return unauthorized("'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued");
        if (exp <= now.getEpochSecond())
            return unauthorized("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
        if (exp - iat > 600) return unauthorized("'Expiration time' claim ('exp') is too far in the future");
        String token = String.format("ghs_fake%032d", ++issued);
        Instant expiry = now.plus(TOKEN_LIFETIME);
        tokens.put(token, expiry);
        ObjectNode o = FakeJson.JSON.createObjectNode().put("token", token).put("expires_at", expiry.toString());
        o.putObject("permissions").put("administration", "write").put("contents", "write").put("environments", "write")
                .put("metadata", "read").put("pull_requests", "write").put("actions_variables", "write").put("members", "read");
        o.put("repository_selection", "all");
        return new FakeGitHub.Answer(201, o);
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
