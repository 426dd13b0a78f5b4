package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GitHub App installation tokens: a JWT (RS256, signed with the App's private key by the JDK) is exchanged with
 * {@code POST /app/installations/{id}/access_tokens} for a token that lasts an hour; a new one is fetched five minutes
 * before that, and after a 401 (once, however many requests the old token had in flight). The exchange goes through the
 * client, so rate limits are waited out; a refusal that asking again cannot change (a JWT GitHub cannot verify, an
 * installation it does not know) is remembered and reported without asking again; a refused JWT (401) is a
 * {@link ProviderConfigurationException}, told once by the engine for every resource. A rate limit that outlasted the
 * client's retries is not remembered: the next request that needs a token asks again.
 */
final class AppInstallationTokens implements GitHubCredentials {
    /** A token this close to its expiry is replaced before it is used. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    /** GitHub refuses a JWT that expires more than ten minutes from its own clock's now. */
    static final Duration JWT_LIFETIME = Duration.ofMinutes(9);
    /** The JWT's issue time is put this far back, for clocks that run ahead of GitHub's (which refuses an issue time in the future). */
    static final Duration CLOCK_DRIFT = Duration.ofSeconds(60);

    /**
     * What to do when GitHub refuses the App's JWT (401): no token can be had, so no resource can be reached, which is the
     * provider's failure, told once by the engine.
     */
    static final String JWT_REFUSED = "; GitHub refused the App's JWT: check that app_id is the App's, that private_key_env holds"
            + " one of its private keys GitHub still lists, and that this machine's clock is at most a minute ahead of GitHub's or"
            + " nine minutes behind";

    private final String appId;
    private final long installationId;
    private final PrivateKey key;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private String token;
    private Instant expiresAt = Instant.MIN;
    private ProviderException refused;

    AppInstallationTokens(String appId, long installationId, PrivateKey key, Clock clock) {
        this.appId = appId;
        this.installationId = installationId;
        this.key = key;
        this.clock = clock;
    }

    @Override
    public String token(GitHubClient api) {
        lock();
        try {
            if (token == null || !clock.instant().isBefore(expiresAt.minus(RENEW_BEFORE))) fetch(api);
            return token;
        } finally {
            lock.unlock();
        }
    }

    /** Fetches a new token unless another thread already replaced the rejected one. */
    @Override
    public boolean renew(String rejected, GitHubClient api) {
        lock();
        try {
            if (token == null || token.equals(rejected)) fetch(api);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** An installation token refused right after it was made: the installation cannot be used (suspended, removed, another GitHub). */
    @Override
    public String rejected(String githubSays) {
        return "GitHub rejected the installation token that app_auth made for GitHub App " + appId + " (installation " + installationId
                + "), a newly made one too: " + githubSays + "; check that the App is still installed on the owner and not suspended,"
                + " and that base_url is the GitHub that issued it";
    }

    /** The installation as GitHub describes it ({@code GET /app/installations/{id}}, with the JWT): its account and its type. */
    JsonNode installation(GitHubClient api) {
        try {
            return api.sendAuthorized("GET", "/app/installations/" + installationId, "Bearer " + jwt());
        } catch (GitHubApiException e) {
            String problem = "cannot read the installation " + installationId + " of GitHub App " + appId + ": " + e.getMessage();
            if (e.status() == 401) throw new ProviderConfigurationException(GitHubProvider.NAME, problem + JWT_REFUSED, e);
            throw new ProviderException(problem, e.retryable(), e);
        }
    }

    private void lock() {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(what() + ": interrupted while waiting for another request's token", false, e);
        }
    }

    private void fetch(GitHubClient api) {
        if (refused instanceof ProviderConfigurationException c) throw new ProviderConfigurationException(c.provider(), c.problem(), c);
        if (refused != null) throw new ProviderException(refused.getMessage(), false, refused);
        JsonNode body;
        try {
            body = api.sendAuthorized("POST", "/app/installations/" + installationId + "/access_tokens", "Bearer " + jwt());
        } catch (GitHubApiException e) {
            ProviderException failure = e.status() == 401
                    ? new ProviderConfigurationException(GitHubProvider.NAME, what() + ": " + e.getMessage() + JWT_REFUSED, e)
                    : new ProviderException(what() + ": " + e.getMessage(), e.retryable(), e);
            // a rate limit the client waited out as often as it does is not retryable at once, but it passes
            if (!e.retryable() && !e.rateLimited()) refused = failure;
            throw failure;
        } catch (ProviderException e) {
            throw new ProviderException(what() + ": " + e.getMessage(), e.retryable(), e);
        }
        if (!body.path("token").isTextual()) throw new ProviderException(what() + ": GitHub's answer has no token");
        try {
            expiresAt = Instant.parse(body.path("expires_at").asText());
        } catch (DateTimeParseException e) {
            throw new ProviderException(what() + ": GitHub's answer is not an installation token: " + e.getMessage(), false, e);
        }
        token = body.path("token").asText();
    }

    private String what() {
        return "cannot get a token for GitHub App " + appId + " (installation " + installationId + ")";
    }

    /** The App's JSON Web Token: RS256, issued a minute back, expiring nine minutes on, issued by the App. */
    String jwt() {
        Instant now = clock.instant();
        ObjectNode header = GitHubClient.json().createObjectNode().put("alg", "RS256").put("typ", "JWT");
        ObjectNode claims = GitHubClient.json().createObjectNode()
                .put("iat", now.minus(CLOCK_DRIFT).getEpochSecond()).put("exp", now.plus(JWT_LIFETIME).getEpochSecond());
        if (appId.matches("[0-9]{1,18}")) claims.put("iss", Long.parseLong(appId));
        else claims.put("iss", appId);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new ProviderException("cannot sign the JWT of GitHub App " + appId + ": " + e.getMessage(), false, e);
        }
    }

    /**
     * The RSA private key of a PEM text: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what GitHub hands out) or PKCS#8
     * ({@code BEGIN PRIVATE KEY}). A value whose line breaks were written as {@code \n} (common in CI secrets) is read too.
     */
    static PrivateKey privateKey(String pem) {
        String text = pem.indexOf('\n') < 0 ? pem.replace("\\n", "\n") : pem;
        boolean pkcs1 = text.contains("-----BEGIN RSA PRIVATE KEY-----");
        String kind = pkcs1 ? "RSA PRIVATE KEY" : "PRIVATE KEY";
        int begin = text.indexOf("-----BEGIN " + kind + "-----");
        int end = text.indexOf("-----END " + kind + "-----");
        if (begin < 0 || end < begin)
            throw new IllegalArgumentException("it is not a PEM private key (expected -----BEGIN RSA PRIVATE KEY-----, as GitHub"
                    + " issues it, or -----BEGIN PRIVATE KEY-----)");
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + kind.length() + 16, end).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its PEM body is not base64: " + e.getMessage(), e);
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("it is not an RSA private key: " + e.getMessage(), e);
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in PKCS#8's PrivateKeyInfo: version 0, the rsaEncryption algorithm, the key as octets. */
    static byte[] pkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaEncryption = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] key = der(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(rsaEncryption);
        body.writeBytes(key);
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) out.write(n);
        else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) out.write(n >>> (8 * i) & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
