package dev.platctl.providers.github;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.platctl.providers.github.GitHubTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authenticating as a GitHub App installation: a JWT signed by the JDK, exchanged for installation tokens renewed before they expire. */
class AppAuthTest {
    static final String APP_ID = "123456";
    static final long INSTALLATION = 987654L;
    static KeyPair app;
    static KeyPair stranger;

    FakeGitHub fake;
    /** platctl's clock; the fake's time moves with it ({@link #advance}). */
    final GitHubTesting.MovableClock clock = new GitHubTesting.MovableClock();

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
        return provider(pem, GitHubTesting.ORG, clock);
    }

    private GitHubProvider provider(String pem, String owner, GitHubTesting.MovableClock platctlClock) {
        return provider(pem, owner, new GitHubTesting.RecordingSleeper(platctlClock));
    }

    private GitHubProvider provider(String pem, String owner, GitHubTesting.RecordingSleeper sleeper) {
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_APP_KEY", pem), sleeper.clock, sleeper, Optional.empty());
        Diagnostics d = p.configure(obj("owner", owner, "base_url", fake.baseUrl(), "write_interval", 0,
                "app_auth", Map.of("app_id", Long.parseLong(APP_ID), "installation_id", INSTALLATION, "private_key_env", "GITHUB_APP_KEY")));
        assertFalse(d.hasErrors(), d::toString);
        return p;
    }

    private void advance(Duration d) {
        clock.advance(d);
        fake.advance(d);
    }

    /** An installation token made outside platctl, as actions/create-github-app-token makes one. */
    private String installationToken() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl()
                        + "/app/installations/" + INSTALLATION + "/access_tokens"))
                .header("Authorization", "Bearer " + new AppInstallationTokens(APP_ID, INSTALLATION,
                        AppInstallationTokens.privateKey(pkcs1(app)), clock).jwt())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return FakeJson.JSON.readTree(r.body()).path("token").asText();
    }

    @Test
    void aPkcs1KeyAsGitHubIssuesItSignsAJwtThatBuysAnInstallationToken() {
        ResourceType repos = GitHubTesting.type(provider(pkcs1(app)), RepositoryType.TYPE);
        ObjectValue state = GitHubTesting.create(repos, obj("name", "by-app"), "t.github_repository.a");
        assertEquals(Value.of("acme/by-app"), state.getOrNull("full_name"));
        assertEquals(List.of("GET /app/installations/987654", "POST /app/installations/987654/access_tokens", "POST /orgs/acme/repos"),
                fake.log().subList(0, 3), "whose the installation is (with the JWT), then a token for the installation's requests");
        assertEquals(1, fake.installationTokensIssued(), "one token serves every call within its hour");
        FakeGitHub.Exchange exchange = fake.exchanges().get(1);
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
        String first = fake.exchanges().get(1).body().path("token").asText();

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
        assertEquals(List.of("GET /repos/acme/revoked 401", "POST /app/installations/987654/access_tokens 201", "GET /repos/acme/revoked 200"), tail,
                "sent again with the new token, which gets a full answer: the cached ETag was the old token's");
        repos.read(state);
        assertEquals(304, fake.exchanges().get(fake.exchanges().size() - 1).status(), "the new token's own ETag is cached now");
    }

    @Test
    void aTokenRefusedAgainAfterItsRenewalIsTheProvidersFailureToldWithoutAskingAgain() {
        ResourceType repos = GitHubTesting.type(provider(pkcs1(app)), RepositoryType.TYPE);
        ObjectValue state = GitHubTesting.create(repos, obj("name", "refused"), "t.github_repository.a");
        fake.revokeInstallationTokens();
        fake.meanwhile("POST /app/installations/987654/access_tokens", fake::revokeInstallationTokens);
        String expected = "cannot configure provider \"github\": GitHub rejected the installation token that app_auth made for GitHub"
                + " App 123456 (installation 987654), a newly made one too: Bad credentials (status 401); check that the App is still"
                + " installed on the owner and not suspended, and that base_url is the GitHub that issued it";
        ProviderConfigurationException e = assertThrows(ProviderConfigurationException.class, () -> repos.read(state));
        assertEquals(expected, e.getMessage());
        List<String> tail = fake.exchanges().subList(fake.exchanges().size() - 3, fake.exchanges().size()).stream()
                .map(x -> x.method() + " " + x.path() + " " + x.status()).toList();
        assertEquals(List.of("GET /repos/acme/refused 401", "POST /app/installations/987654/access_tokens 201", "GET /repos/acme/refused 401"),
                tail, "renewed once, as a token revoked early is; refused again, it is not renewed a second time");
        int asked = fake.log().size();
        assertEquals(expected, assertThrows(ProviderConfigurationException.class, () -> repos.read(state)).getMessage());
        assertEquals(asked, fake.log().size(), "the refused token is not sent again");
    }

    @Test
    void requestsRefusedTogetherWithTheOldTokenGetOneNewToken() throws Exception {
        GitHubProvider p = provider(pkcs1(app));
        ResourceType repos = GitHubTesting.type(p, RepositoryType.TYPE);
        List<ObjectValue> states = new ArrayList<>();
        for (String name : List.of("one", "two", "three")) states.add(GitHubTesting.create(repos, obj("name", name), "t.github_repository." + name));
        fake.revokeInstallationTokens();
        // the three reads reach GitHub with the old token before any of them is refused
        List<FakeGitHub.Hold> holds = new ArrayList<>();
        for (String name : List.of("one", "two", "three")) holds.add(fake.hold("GET /repos/acme/" + name, 1));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Optional<ObjectValue>>> reads = new ArrayList<>();
            for (ObjectValue s : states) reads.add(pool.submit(() -> repos.read(s)));
            for (FakeGitHub.Hold h : holds) h.awaitArrivals(1);
            holds.forEach(FakeGitHub.Hold::release);
            for (int i = 0; i < 3; i++) assertEquals(Optional.of(states.get(i)), reads.get(i).get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3L, fake.exchanges().stream().filter(x -> x.status() == 401).count());
        assertEquals(2, fake.installationTokensIssued(), "one new token for the three refusals, not three");
    }

    @Test
    void aJwtSignedWithAnotherKeyIsRefusedInGitHubsWordsOnceForTheWholeRun() {
        ResourceType repos = GitHubTesting.type(provider(pkcs1(stranger)), RepositoryType.TYPE);
        for (String name : List.of("x", "y")) {
            ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", name), "t.github_repository." + name));
            assertEquals("cannot configure provider \"github\": cannot read the installation 987654 of GitHub App 123456: A JSON web"
                    + " token could not be decoded (status 401)" + AppInstallationTokens.JWT_REFUSED, e.getMessage());
            assertInstanceOf(ProviderConfigurationException.class, e, "no resource can be reached: the engine tells it once");
            assertFalse(e.retryable());
        }
        assertEquals(List.of("GET /app/installations/987654"), fake.log(), "the second resource is told without asking GitHub again");
    }

    @Test
    void aRefusedTokenExchangeIsNotAskedAgain() {
        ResourceType repos = GitHubTesting.type(provider(pkcs1(app)), RepositoryType.TYPE);
        ObjectValue state = GitHubTesting.create(repos, obj("name", "x"), "t.github_repository.x");
        fake.registerApp(APP_ID, INSTALLATION, stranger.getPublic());
        fake.revokeInstallationTokens();
        for (int i = 0; i < 2; i++) {
            ProviderException e = assertThrows(ProviderException.class, () -> repos.read(state));
            assertEquals("cannot configure provider \"github\": cannot get a token for GitHub App 123456 (installation 987654): A JSON"
                    + " web token could not be decoded (status 401)" + AppInstallationTokens.JWT_REFUSED, e.getMessage());
            assertInstanceOf(ProviderConfigurationException.class, e, "no resource can be reached: the engine tells it once");
        }
        assertEquals(2L, fake.log().stream().filter(l -> l.startsWith("POST /app/installations/")).count(),
                "the first token, and the one refused renewal: the second read asks nothing");
    }

    @Test
    void aTokenExchangeStillRateLimitedAfterTheClientsRetriesIsAskedAgainByTheNextRead() {
        GitHubTesting.RecordingSleeper sleeper = new GitHubTesting.RecordingSleeper(clock);
        sleeper.during(fake::advance);
        ResourceType repos = GitHubTesting.type(provider(pkcs1(app), GitHubTesting.ORG, sleeper), RepositoryType.TYPE);
        ObjectValue state = GitHubTesting.create(repos, obj("name", "x"), "t.github_repository.x");
        fake.revokeInstallationTokens();
        for (int i = 0; i <= GitHubClient.MAX_RETRIES; i++)
            fake.inject(new FakeGitHub.Injected(429, Map.of("retry-after", "60"), GitHubClientTest.SECONDARY));
        ProviderException e = assertThrows(ProviderException.class, () -> repos.read(state));
        assertEquals("cannot get a token for GitHub App 123456 (installation 987654): " + GitHubClientTest.SECONDARY + " (status 429)",
                e.getMessage());
        assertFalse(e.retryable(), "the client already waited as long as it does");
        assertEquals(List.of(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60)), sleeper.waits);
        assertEquals(Optional.of(state), repos.read(state), "a rate limit passes: the next read asks for a token again and gets one");
        assertEquals(2, fake.installationTokensIssued());
    }

    @Test
    void aMangledKeyIsAConfigurationErrorNamingItsVariable() {
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_APP_KEY", "not a key"), clock, new GitHubTesting.RecordingSleeper(), Optional.empty());
        Diagnostics d = p.configure(obj("owner", GitHubTesting.ORG, "base_url", fake.baseUrl(),
                "app_auth", Map.of("app_id", 1, "installation_id", 2, "private_key_env", "GITHUB_APP_KEY")));
        assertEquals(List.of("Invalid GitHub App private key"), d.errors().stream().map(x -> x.summary()).toList(), d::toString);
        assertEquals("provider \"github\" cannot read the GitHub App private key in the environment variable GITHUB_APP_KEY: it is not a"
                + " PEM private key (expected -----BEGIN RSA PRIVATE KEY-----, as GitHub issues it, or -----BEGIN PRIVATE KEY-----).",
                d.errors().get(0).detail());
    }

    @Test
    void aMissingKeyIsReportedOnFirstUseAndRemembered() {
        GitHubProvider none = new GitHubProvider(Map.of(), clock, new GitHubTesting.RecordingSleeper(), Optional.empty());
        assertFalse(none.configure(obj("owner", GitHubTesting.ORG, "base_url", fake.baseUrl(),
                "app_auth", Map.of("app_id", 1, "installation_id", 2, "private_key_env", "GITHUB_APP_KEY"))).hasErrors(),
                "a workspace need not use GitHub");
        ResourceType repos = GitHubTesting.type(none, RepositoryType.TYPE);
        for (String name : List.of("x", "y")) {
            ProviderException missing = assertThrows(ProviderException.class,
                    () -> GitHubTesting.create(repos, obj("name", name), "t.github_repository." + name));
            assertTrue(missing.getMessage().contains("cannot configure provider \"github\": no GitHub App private key: set the environment variable GITHUB_APP_KEY"),
                    missing.getMessage());
        }
        assertEquals(List.of(), fake.log());
    }

    @Test
    void aHugeInstallationIdIsAConfigurationError() {
        GitHubProvider p = new GitHubProvider(Map.of(), clock, new GitHubTesting.RecordingSleeper(), Optional.empty());
        Diagnostics d = p.configure(obj("owner", "acme", "app_auth", Map.of("app_id", 1,
                "installation_id", new java.math.BigDecimal("99999999999999999999"), "private_key_env", "K")));
        assertEquals(List.of("Invalid value for \"app_auth.installation_id\""), d.errors().stream().map(x -> x.summary()).toList(), d::toString);
        assertTrue(d.errors().get(0).detail().contains("a whole number from 1 to 9223372036854775807"), d.errors().get(0)::detail);
    }

    /** platctl's clock ahead of GitHub's or behind it: GitHub checks the JWT's times against its own clock. */
    static Stream<Arguments> clockSkews() {
        return Stream.of(
                Arguments.of(Duration.ofSeconds(50), true, "ahead by less than the minute the issue time is put back"),
                Arguments.of(Duration.ofMinutes(-5), true, "behind: the JWT still expires in the future"),
                Arguments.of(Duration.ofMinutes(2), false, "ahead by more than a minute: an issue time in GitHub's future"),
                Arguments.of(Duration.ofMinutes(-10), false, "behind by more than the JWT's nine minutes: already expired"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("clockSkews")
    void aClockSkewedWithinAMinuteAheadOrNineBehindStillGetsATokenAndOthersAreToldInGitHubsWords(Duration skew, boolean accepted, String reason) {
        GitHubTesting.MovableClock skewed = new GitHubTesting.MovableClock(clock.instant().plus(skew));
        ResourceType repos = GitHubTesting.type(provider(pkcs1(app), GitHubTesting.ORG, skewed), RepositoryType.TYPE);
        if (accepted) {
            GitHubTesting.create(repos, obj("name", "skewed"), "t.github_repository.s");
            assertEquals(1, fake.installationTokensIssued(), reason);
        } else {
            ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", "skewed"), "t.github_repository.s"));
            assertTrue(e.getMessage().contains("claim"), reason + ": " + e.getMessage());
        }
    }

    @Test
    void anAppInstalledOnAPersonalAccountIsRefusedBeforeAnythingIsCreated() {
        fake.close();
        fake = FakeGitHub.personal("alice", "alice");
        fake.registerApp(APP_ID, INSTALLATION, app.getPublic());
        ResourceType repos = GitHubTesting.type(provider(pkcs1(app), "alice", clock), RepositoryType.TYPE);
        ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", "x"), "t.github_repository.x"));
        assertEquals("cannot configure provider \"github\": cannot use owner 'alice' with app_auth: 'alice' is a personal account, and an App installation's token cannot"
                + " create a personal account's repositories (POST /user/repos needs the user's own token); use a personal access token"
                + " (token_env), or install the App on an organization", e.getMessage());
        assertEquals(List.of("GET /app/installations/987654"), fake.log());
    }

    @Test
    void anAppInstalledOnAnotherOrganizationIsRefused() {
        fake.registerApp(APP_ID, INSTALLATION, app.getPublic(), "elsewhere", true);
        ResourceType repos = GitHubTesting.type(provider(pkcs1(app)), RepositoryType.TYPE);
        ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", "x"), "t.github_repository.x"));
        assertEquals("cannot configure provider \"github\": cannot use owner 'acme': the GitHub App installation 987654 is on the organization 'elsewhere', and its tokens"
                + " reach only that account's repositories; set owner to 'elsewhere', or use the App's installation on 'acme'", e.getMessage());
    }

    @Test
    void anInstallationTokenCannotActAsAPersonalAccount() throws Exception {
        fake.close();
        fake = FakeGitHub.personal("alice", "alice");
        fake.registerApp(APP_ID, INSTALLATION, app.getPublic());
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_TOKEN", installationToken()), clock, new GitHubTesting.RecordingSleeper(clock),
                Optional.empty());
        assertFalse(p.configure(obj("owner", "alice", "base_url", fake.baseUrl(), "write_interval", 0)).hasErrors());
        ResourceType repos = GitHubTesting.type(p, RepositoryType.TYPE);
        for (String name : List.of("x", "y")) {
            ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", name), "t.github_repository." + name));
            assertEquals("cannot configure provider \"github\": cannot use owner 'alice': GitHub has no organization 'alice', and this token cannot act as a user (an"
                    + " installation or Actions token?): GET /user answered Resource not accessible by integration (status 403); a personal"
                    + " account's repositories can be created only with that user's own token", e.getMessage());
        }
        assertEquals(List.of("POST /app/installations/987654/access_tokens", "GET /orgs/alice", "GET /user"), fake.log(),
                "asked once for the whole run");
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

    /** The next run of platctl with {@code token} in GITHUB_TOKEN and the cache the runs before left. */
    private ResourceType nextRun(String token, Path cache) {
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_TOKEN", token), clock, new GitHubTesting.RecordingSleeper(clock), Optional.of(cache));
        assertFalse(p.configure(obj("owner", GitHubTesting.ORG, "base_url", fake.baseUrl(), "write_interval", 0)).hasErrors());
        return GitHubTesting.type(p, RepositoryType.TYPE);
    }

    @Test
    void aNewTokenInTheNextRunGetsFullAnswersAndItsOwnEtagsReplaceTheOldOnes(@TempDir Path cache) throws Exception {
        ResourceType first = GitHubTesting.type(GitHubTesting.provider(fake, new GitHubTesting.RecordingSleeper(clock), Optional.of(cache)),
                RepositoryType.TYPE);
        ObjectValue state = GitHubTesting.create(first, obj("name", "rotated"), "t.github_repository.r");
        first.read(state);
        int notModified = fake.notModified();
        int used = fake.used();
        // the next CI job: another token (Actions' GITHUB_TOKEN is new in every job, so is an App's installation token)
        String token = installationToken();
        assertEquals(Optional.of(state), nextRun(token, cache).read(state));
        assertEquals(notModified, fake.notModified(), "a 200, not a 304: GitHub's ETags are specific to the token");
        assertEquals(used + 2, fake.used(), "the token exchange and the full read: the old ETag saved nothing, and cost nothing extra");
        assertEquals(Optional.of(state), nextRun(token, cache).read(state));
        assertEquals(notModified + 1, fake.notModified(), "a run with that token again finds the ETag it left in place of the old one");
    }

    @Test
    void anInstallationTokenMadeOutsidePlatctlIsJustAToken() throws Exception {
        String token = installationToken();
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_TOKEN", token), clock, new GitHubTesting.RecordingSleeper(), Optional.empty());
        assertFalse(p.configure(obj("owner", "acme", "base_url", fake.baseUrl(), "write_interval", 0)).hasErrors());
        GitHubTesting.create(GitHubTesting.type(p, RepositoryType.TYPE), obj("name", "from-actions"), "t.github_repository.a");
        assertTrue(fake.hasRepository("from-actions"), "as actions/create-github-app-token's output in GITHUB_TOKEN");
    }
}
