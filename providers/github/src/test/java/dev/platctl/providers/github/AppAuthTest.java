package dev.platctl.providers.github;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.platctl.providers.github.GitHubTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authenticating as a GitHub App installation: a JWT signed by the JDK, exchanged for installation tokens renewed before they expire. */
class AppAuthTest {
    static final String APP_ID = "123456";
    static final long INSTALLATION = 987654L;
    static KeyPair app;
    static KeyPair stranger;

    /** A clock tests move; the fake's time moves with it. */
    static final class MovableClock extends Clock {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    FakeGitHub fake;
    final MovableClock clock = new MovableClock();

    @BeforeAll
    static void keys() throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        app = g.generateKeyPair();
        stranger = g.generateKeyPair();
    }

    @BeforeEach
    void setUp() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        fake.registerApp(APP_ID, INSTALLATION, app.getPublic());
    }

    @AfterEach
    void tearDown() {
        try {
            GitHubOpenApi.assertConforms(fake.exchanges());
        } finally {
            fake.close();
        }
    }

    /** PKCS#8 PEM, as openssl pkcs8 -topk8 writes it. */
    static String pkcs8(KeyPair k) {
        return pem("PRIVATE KEY", k.getPrivate().getEncoded());
    }

    /** PKCS#1 PEM, as GitHub hands out an App's private key: the RSAPrivateKey inside PKCS#8's octet string. */
    static String pkcs1(KeyPair k) {
        byte[] der = k.getPrivate().getEncoded();
        int[] at = {0};
        header(der, at);              // PrivateKeyInfo SEQUENCE: step into it
        int skip = header(der, at);   // version INTEGER: step over it
        at[0] += skip;
        skip = header(der, at);       // algorithm SEQUENCE: step over it
        at[0] += skip;
        int len = header(der, at);    // privateKey OCTET STRING: its content is the PKCS#1 key
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(der, at[0], at[0] + len));
    }

    /** Reads a DER tag and length at {@code at}, leaving it at the content; returns the content's length. */
    private static int header(byte[] der, int[] at) {
        at[0]++;
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) return first;
        int len = 0;
        for (int i = 0; i < (first & 0x7f); i++) len = len << 8 | der[at[0]++] & 0xff;
        return len;
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + kind + "-----\n";
    }

    private GitHubProvider provider(String pem) {
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_APP_KEY", pem), clock, new GitHubTesting.RecordingSleeper(), Optional.empty());
        Diagnostics d = p.configure(obj("owner", GitHubTesting.ORG, "base_url", fake.baseUrl(), "write_interval", 0,
                "app_auth", Map.of("app_id", Long.parseLong(APP_ID), "installation_id", INSTALLATION, "private_key_env", "GITHUB_APP_KEY")));
        assertFalse(d.hasErrors(), d::toString);
        return p;
    }

    private void advance(Duration d) {
        clock.now = clock.now.plus(d);
        fake.advance(d);
    }

    @Test
    void aPkcs1KeyAsGitHubIssuesItSignsAJwtThatBuysAnInstallationToken() {
        ResourceType repos = GitHubTesting.type(provider(pkcs1(app)), RepositoryType.TYPE);
        ObjectValue state = GitHubTesting.create(repos, obj("name", "by-app"), "t.github_repository.a");
        assertEquals(Value.of("acme/by-app"), state.getOrNull("full_name"));
        assertEquals("POST /app/installations/987654/access_tokens", fake.log().get(0));
        assertEquals(1, fake.installationTokensIssued(), "one token serves every call within its hour");
        FakeGitHub.Exchange exchange = fake.exchanges().get(0);
        assertEquals(201, exchange.status());
        assertTrue(exchange.body().path("token").asText().startsWith("ghs_"));
    }

    @Test
    void aPkcs8KeyWorksToo() {
        ResourceType repos = GitHubTesting.type(provider(pkcs8(app)), RepositoryType.TYPE);
        GitHubTesting.create(repos, obj("name", "by-app"), "t.github_repository.a");
        assertEquals(1, fake.installationTokensIssued());
    }

    @Test
    void aKeyPastedWithEscapedLineBreaksIsReadAsPem() {
        ResourceType repos = GitHubTesting.type(provider(pkcs1(app).replace("\n", "\\n")), RepositoryType.TYPE);
        GitHubTesting.create(repos, obj("name", "by-app"), "t.github_repository.a");
        assertEquals(1, fake.installationTokensIssued());
    }

    @Test
    void theTokenIsRenewedBeforeItsHourIsUpAndTheOldOneStopsWorkingAfterIt() throws Exception {
        ResourceType repos = GitHubTesting.type(provider(pkcs1(app)), RepositoryType.TYPE);
        ObjectValue state = GitHubTesting.create(repos, obj("name", "long-run"), "t.github_repository.a");
        String first = fake.exchanges().get(0).body().path("token").asText();

        advance(Duration.ofMinutes(50));
        repos.read(state);
        assertEquals(1, fake.installationTokensIssued(), "ten minutes left: still good");
        advance(Duration.ofMinutes(6));
        repos.read(state);
        assertEquals(2, fake.installationTokensIssued(), "four minutes left: renewed before use");
        assertTrue(fake.exchanges().stream().noneMatch(x -> x.status() == 401), "no request was refused");

        advance(Duration.ofMinutes(5));
        HttpResponse<String> stale = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/repos/acme/long-run"))
                .header("Authorization", "Bearer " + first).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, stale.statusCode(), "the fake, like GitHub, refuses a token past its hour");
    }

    @Test
    void aTokenRevokedEarlyIsReplacedAndTheRequestSentAgain() {
        ResourceType repos = GitHubTesting.type(provider(pkcs1(app)), RepositoryType.TYPE);
        ObjectValue state = GitHubTesting.create(repos, obj("name", "revoked"), "t.github_repository.a");
        fake.revokeInstallationTokens();
        assertEquals(Optional.of(state), repos.read(state));
        assertEquals(2, fake.installationTokensIssued());
        List<String> tail = fake.exchanges().subList(fake.exchanges().size() - 3, fake.exchanges().size()).stream()
                .map(x -> x.method() + " " + x.path() + " " + x.status()).toList();
        assertEquals(List.of("GET /repos/acme/revoked 401", "POST /app/installations/987654/access_tokens 201", "GET /repos/acme/revoked 304"), tail,
                "sent again with the new token (and the ETag, which belongs to the App installation, not to one token)");
    }

    @Test
    void aJwtSignedWithAnotherKeyIsRefusedInGitHubsWords() {
        ResourceType repos = GitHubTesting.type(provider(pkcs1(stranger)), RepositoryType.TYPE);
        ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", "x"), "t.github_repository.a"));
        assertEquals("cannot get a token for GitHub App 123456 (installation 987654): A JSON web token could not be decoded (status 401)",
                e.getMessage());
        assertEquals(List.of("POST /app/installations/987654/access_tokens"), fake.log());
    }

    @Test
    void aMissingOrMangledKeyIsNamedWithItsVariable() {
        ResourceType repos = GitHubTesting.type(provider("not a key"), RepositoryType.TYPE);
        ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", "x"), "t.github_repository.a"));
        assertEquals("cannot read the GitHub App private key in GITHUB_APP_KEY: it is not a PEM private key (expected -----BEGIN RSA"
                + " PRIVATE KEY-----, as GitHub issues it, or -----BEGIN PRIVATE KEY-----)", e.getMessage());

        GitHubProvider none = new GitHubProvider(Map.of(), clock, new GitHubTesting.RecordingSleeper(), Optional.empty());
        none.configure(obj("owner", GitHubTesting.ORG, "base_url", fake.baseUrl(),
                "app_auth", Map.of("app_id", 1, "installation_id", 2, "private_key_env", "GITHUB_APP_KEY")));
        ProviderException missing = assertThrows(ProviderException.class,
                () -> GitHubTesting.create(GitHubTesting.type(none, RepositoryType.TYPE), obj("name", "x"), "t.github_repository.a"));
        assertTrue(missing.getMessage().contains("provider \"github\" has no GitHub App private key: set the environment variable GITHUB_APP_KEY"),
                missing.getMessage());
    }

    @Test
    void badAppAuthSettingsAreAllReportedAtOnce() {
        GitHubProvider p = new GitHubProvider(Map.of(), clock, new GitHubTesting.RecordingSleeper(), Optional.empty());
        Diagnostics d = p.configure(obj("owner", "acme", "token_env", "MY_TOKEN",
                "app_auth", Map.of("app_id", "", "installation_id", -3, "private_key", "-----BEGIN")));
        assertEquals(List.of("Unsupported attribute \"app_auth.private_key\"", "Invalid value for \"app_auth.app_id\"",
                        "Invalid value for \"app_auth.installation_id\"", "Invalid value for \"app_auth.private_key_env\"",
                        "Conflicting provider settings"),
                d.errors().stream().map(x -> x.summary()).toList(), d::toString);
        assertTrue(d.errors().get(0).detail().contains("the private key comes from the environment variable private_key_env names"),
                d.errors().get(0)::detail);
    }

    @Test
    void anInstallationTokenMadeOutsidePlatctlIsJustAToken() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl()
                        + "/app/installations/" + INSTALLATION + "/access_tokens"))
                .header("Authorization", "Bearer " + new AppInstallationTokens(HttpClient.newHttpClient(), URI.create(fake.baseUrl()), APP_ID,
                        INSTALLATION, AppInstallationTokens.privateKey(pkcs1(app)), clock).jwt())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String token = FakeJson.JSON.readTree(r.body()).path("token").asText();
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_TOKEN", token), clock, new GitHubTesting.RecordingSleeper(), Optional.empty());
        assertFalse(p.configure(obj("owner", "acme", "base_url", fake.baseUrl(), "write_interval", 0)).hasErrors());
        GitHubTesting.create(GitHubTesting.type(p, RepositoryType.TYPE), obj("name", "from-actions"), "t.github_repository.a");
        assertTrue(fake.hasRepository("from-actions"), "as actions/create-github-app-token's output in GITHUB_TOKEN");
    }
}
