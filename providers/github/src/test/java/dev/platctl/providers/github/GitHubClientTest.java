package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.provider.ProviderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The REST client against the fake: rate limits waited out as GitHub's best practices say, for the client as a whole;
 * writes one at a time and paced by a token bucket; waits that end on Ctrl-C; pagination across 304s.
 */
class GitHubClientTest {
    static final String SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
            + "If you reach out to GitHub Support for help, please include the request ID ABCD:1234.";

    FakeGitHub fake;
    GitHubTesting.RecordingSleeper sleeper;
    final HttpClient http = HttpClient.newHttpClient();
    final List<Thread> threads = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        sleeper = new GitHubTesting.RecordingSleeper();
    }

    @AfterEach
    void tearDown() {
        try {
            GitHubOpenApi.assertConforms(fake.exchanges());
        } finally {
            threads.forEach(Thread::interrupt);
            fake.close();
        }
    }

    private GitHubClient client(Duration writeInterval) {
        return new GitHubClient(http, URI.create(fake.baseUrl()), GitHubCredentials.token(FakeGitHub.TOKEN, "GITHUB_TOKEN"), sleeper.clock, sleeper,
                writeInterval, EtagCache.inMemory());
    }

    private static JsonNode repo(String name) {
        return GitHubClient.json().createObjectNode().put("name", name);
    }

    private long count(String line) {
        return fake.log().stream().filter(l -> l.equals(line)).count();
    }

    /** Runs {@code call} on a thread of its own. */
    private <T> CompletableFuture<T> start(Supplier<T> call) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                done.complete(call.get());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        threads.add(t);
        t.start();
        return done;
    }

    /** Waits until {@code condition} holds, failing after 30 seconds: a bound on a broken test, not a timing. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("gave up waiting until " + what);
            Thread.onSpinWait();
        }
    }

    private static <T> T result(CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    // ----- rate limits -----

    @Test
    void aSecondaryRateLimitWithoutRetryAfterWaitsAMinuteThenTwiceAsLong() {
        fake.inject(new FakeGitHub.Injected(403, Map.of(), SECONDARY));
        fake.inject(new FakeGitHub.Injected(403, Map.of(), SECONDARY));
        JsonNode created = client(Duration.ZERO).post("/orgs/acme/repos", repo("patient"));
        assertEquals("acme/patient", created.path("full_name").asText());
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)), sleeper.waits);
        assertEquals(3L, count("POST /orgs/acme/repos"));
    }

    @Test
    void aSecondaryRateLimitThatDoesNotLiftFailsAfterBoundedExponentialWaitsAndIsNotRetryable() {
        for (int i = 0; i <= GitHubClient.MAX_RETRIES; i++) fake.inject(new FakeGitHub.Injected(429, Map.of(), SECONDARY));
        GitHubApiException e = assertThrows(GitHubApiException.class, () -> client(Duration.ZERO).post("/orgs/acme/repos", repo("never")));
        assertEquals(429, e.status());
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4)), sleeper.waits);
        assertFalse(e.retryable(), "the client waited as long as it does: the engine must not run the whole call again");
    }

    @Test
    void abuseDetectionIsASecondaryLimitWaitedOutByTheClient() {
        fake.inject(new FakeGitHub.Injected(403, Map.of(), "You have triggered an abuse detection mechanism. Please wait a few minutes."));
        client(Duration.ZERO).post("/orgs/acme/repos", repo("old-words"));
        assertEquals(List.of(Duration.ofMinutes(1)), sleeper.waits);
    }

    @Test
    void aServerErrorIsLeftToTheEnginesRetries() {
        fake.inject(new FakeGitHub.Injected(502, Map.of(), "Server Error"));
        GitHubApiException e = assertThrows(GitHubApiException.class, () -> client(Duration.ZERO).find("/repos/acme/svc"));
        assertTrue(e.retryable());
        assertEquals(List.of(), sleeper.waits);
    }

    @Test
    void aForbiddenThatIsNotARateLimitFailsAtOnce() {
        fake.inject(new FakeGitHub.Injected(403, Map.of(), "Resource not accessible by integration"));
        GitHubApiException e = assertThrows(GitHubApiException.class, () -> client(Duration.ZERO).post("/orgs/acme/repos", repo("denied")));
        assertEquals("Resource not accessible by integration (status 403)", e.getMessage());
        assertFalse(e.retryable());
        assertEquals(List.of(), sleeper.waits);
    }

    @Test
    void retryAfterWinsOverTheExponentialWait() {
        fake.inject(new FakeGitHub.Injected(403, Map.of("retry-after", "7"), SECONDARY));
        client(Duration.ZERO).post("/orgs/acme/repos", repo("told"));
        assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits);
    }

    @Test
    void aSpentPrimaryLimitOnASuccessfulAnswerHoldsTheNextRequestUntilTheReset() {
        fake.inject(new FakeGitHub.Injected(200, Map.of("x-ratelimit-remaining", "0"), "last one"));
        GitHubClient c = client(Duration.ZERO);
        c.find("/repos/acme/anything");
        assertEquals(List.of(), sleeper.waits, "the answer itself is used");
        c.find("/repos/acme/anything");
        assertEquals(List.of(Duration.ofSeconds(61)), sleeper.waits, "until x-ratelimit-reset, one second after it");
    }

    @Test
    void theBackoffLevelBelongsToTheClientNotToOneRequest() {
        GitHubClient c = client(Duration.ZERO);
        for (int i = 0; i <= GitHubClient.MAX_RETRIES; i++) fake.inject(new FakeGitHub.Injected(429, Map.of(), SECONDARY));
        assertThrows(GitHubApiException.class, () -> c.post("/orgs/acme/repos", repo("first")));
        fake.inject(new FakeGitHub.Injected(429, Map.of(), SECONDARY));
        c.post("/orgs/acme/repos", repo("second"));
        fake.inject(new FakeGitHub.Injected(429, Map.of(), SECONDARY));
        c.post("/orgs/acme/repos", repo("third"));
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16),
                        Duration.ofMinutes(1)), sleeper.waits, "the next request waits out the block the last refusal left (8 minutes)"
                        + " before it is sent at all, and its own refusal goes on to 16, not back to 1; a success starts over");
    }

    @Test
    void afterABlockOneRequestProbesAndTheOthersWaitForItsAnswer() throws Exception {
        GitHubClient c = client(Duration.ZERO);
        fake.inject(new FakeGitHub.Injected(200, Map.of("x-ratelimit-remaining", "0"), "last one"));
        c.find("/repos/acme/spent");
        FakeGitHub.Hold probe = fake.hold("GET /repos/acme/probe", 1);
        CompletableFuture<?> first = start(() -> c.find("/repos/acme/probe"));
        probe.awaitArrivals(1);
        List<CompletableFuture<?>> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String path = "/repos/acme/waiting-" + i;
            others.add(start(() -> c.find(path)));
        }
        await("the three later requests wait for the probe", () -> c.waitingForProbe() == 3);
        assertTrue(fake.log().stream().noneMatch(l -> l.contains("waiting-")), "none was sent while the probe was out: " + fake.log());
        probe.release();
        result(first);
        for (CompletableFuture<?> f : others) result(f);
        assertEquals(List.of(Duration.ofSeconds(61)), sleeper.waits, "only the probe's wait: the others found the block over");
        assertEquals(5, fake.log().size());
    }

    static Stream<Arguments> oddResetHeaders() {
        return Stream.of(
                Arguments.of(String.valueOf(Long.MAX_VALUE), RateLimitGate.MAX_WAIT, "beyond what an Instant holds: the longest block"),
                Arguments.of("99999999999", RateLimitGate.MAX_WAIT, "thousands of years on: the longest block"),
                Arguments.of(String.valueOf(Long.MIN_VALUE), Duration.ofSeconds(1), "before the epoch: a second, as for a reset just past"),
                Arguments.of("soon", Duration.ofSeconds(1), "not a number: a second"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("oddResetHeaders")
    void aSpentLimitWithAnOddResetHeaderIsWaitedOutWithinBounds(String reset, Duration wait, String reason) {
        fake.inject(new FakeGitHub.Injected(403, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", reset),
                "API rate limit exceeded for user ID 1."));
        GitHubClient c = client(Duration.ZERO);
        c.find("/repos/acme/anything");
        assertEquals(List.of(wait), sleeper.waits, reason);
        assertEquals(2L, count("GET /repos/acme/anything"), "sent again after the wait");
    }

    @Test
    void aProbeThatDiesOfAnErrorHandsTheTurnToTheNextRequest() throws Exception {
        FailingHttpClient failing = new FailingHttpClient(http);
        GitHubClient c = new GitHubClient(failing, URI.create(fake.baseUrl()), GitHubCredentials.token(FakeGitHub.TOKEN, "GITHUB_TOKEN"), sleeper.clock,
                sleeper, Duration.ZERO, EtagCache.inMemory());
        fake.inject(new FakeGitHub.Injected(200, Map.of("x-ratelimit-remaining", "0"), "last one"));
        c.find("/repos/acme/spent");
        failing.failNext(new OutOfMemoryError("Java heap space (reading the answer)"));
        assertThrows(OutOfMemoryError.class, () -> c.find("/repos/acme/probe"), "the probe, sent when the block ended, dies");
        CompletableFuture<?> next = start(() -> c.find("/repos/acme/next"));
        await("the next request is answered or waits for a probe that will never answer", () -> next.isDone() || c.waitingForProbe() > 0);
        assertEquals(0, c.waitingForProbe(), "nothing waits for the dead probe's answer");
        result(next);
        assertEquals(List.of("GET /repos/acme/spent", "GET /repos/acme/next"), fake.log());
    }

    /** The JDK's client, except that the next request fails with the error a test sets (what no test server can make happen). */
    static final class FailingHttpClient extends HttpClient {
        private final HttpClient http;
        private final AtomicReference<Error> next = new AtomicReference<>();

        FailingHttpClient(HttpClient http) {
            this.http = http;
        }

        void failNext(Error e) {
            next.set(e);
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
            Error e = next.getAndSet(null);
            if (e != null) throw e;
            return http.send(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return http.sendAsync(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> push) {
            return http.sendAsync(request, handler, push);
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return http.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return http.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return http.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return http.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return http.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return http.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return http.authenticator();
        }

        @Override
        public Version version() {
            return http.version();
        }

        @Override
        public Optional<Executor> executor() {
            return http.executor();
        }
    }

    // ----- pacing -----

    @Test
    void tenWritesGoBackToBackThenOnePerWriteIntervalAndReadsAreNeverPaced() {
        GitHubClient c = client(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) {
            c.post("/orgs/acme/repos", repo("r" + i));
            c.find("/repos/acme/r" + i);
        }
        assertEquals(List.of(), sleeper.waits, "a small apply pays nothing");
        c.post("/orgs/acme/repos", repo("r10"));
        c.patch("/repos/acme/r10", GitHubClient.json().createObjectNode().put("description", "x"));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeper.waits, "then one write per second, start to start");
    }

    @Test
    void aWriteAfterPartOfTheIntervalWaitsOnlyTheRest() {
        GitHubClient c = client(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) c.post("/orgs/acme/repos", repo("r" + i));
        sleeper.clock.advance(Duration.ofMillis(400));
        c.post("/orgs/acme/repos", repo("r10"));
        assertEquals(List.of(Duration.ofMillis(600)), sleeper.waits);
    }

    @Test
    void aQuietSpellRefillsTheBucket() {
        GitHubClient c = client(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) c.post("/orgs/acme/repos", repo("r" + i));
        sleeper.clock.advance(Duration.ofSeconds(10));
        for (int i = 10; i < 20; i++) c.post("/orgs/acme/repos", repo("r" + i));
        assertEquals(List.of(), sleeper.waits);
    }

    @Test
    void aZeroWriteIntervalNeverPaces() {
        GitHubClient c = client(Duration.ZERO);
        for (int i = 0; i < 25; i++) c.post("/orgs/acme/repos", repo("r" + i));
        assertEquals(List.of(), sleeper.waits);
    }

    @Test
    void aWriteSentAgainAfterARateLimitTakesAnotherToken() {
        GitHubClient c = client(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) c.post("/orgs/acme/repos", repo("r" + i));
        fake.inject(new FakeGitHub.Injected(403, Map.of("retry-after", "0"), SECONDARY));
        c.post("/orgs/acme/repos", repo("r10"));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeper.waits, "the first send waits for a token, and so does the second");
        assertEquals(12L, count("POST /orgs/acme/repos"));
    }

    @Test
    void aWriteSentAgainWithARenewedTokenTakesAnotherToken() {
        AtomicReference<String> token = new AtomicReference<>(FakeGitHub.TOKEN);
        GitHubCredentials renewing = new GitHubCredentials() {
            @Override
            public String token(GitHubClient api) {
                return token.get();
            }

            @Override
            public boolean renew(String rejected, GitHubClient api) {
                token.set(FakeGitHub.TOKEN);
                return true;
            }
        };
        GitHubClient c = new GitHubClient(http, URI.create(fake.baseUrl()), renewing, sleeper.clock, sleeper, Duration.ofSeconds(1),
                EtagCache.inMemory());
        for (int i = 0; i < 10; i++) c.post("/orgs/acme/repos", repo("r" + i));
        token.set("ghs_revoked0000000000000000000000000000");
        c.post("/orgs/acme/repos", repo("r10"));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeper.waits, "refused with 401, sent again with a token: paced");
        assertTrue(fake.exchanges().stream().anyMatch(x -> x.status() == 401));
    }

    @Test
    void aBlockEmptiesTheBucketSoWritesResumeOnePerIntervalNotTenAtOnce() {
        GitHubClient c = client(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) c.post("/orgs/acme/repos", repo("r" + i));
        fake.inject(new FakeGitHub.Injected(403, Map.of(), SECONDARY));
        c.post("/orgs/acme/repos", repo("r10"));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMinutes(1)), sleeper.waits, "a token, then the block");
        for (int i = 11; i < 14; i++) c.post("/orgs/acme/repos", repo("r" + i));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                sleeper.waits, "no token accrued during the block: one write per second after it");
    }

    @Test
    void anInterruptedWriteWaitingOutABlockSaysItWasTheRateLimit() {
        GitHubClient c = client(Duration.ofSeconds(1));
        fake.inject(new FakeGitHub.Injected(403, Map.of("retry-after", "60"), SECONDARY));
        sleeper.during(d -> Thread.currentThread().interrupt());
        ProviderException e = assertThrows(ProviderException.class, () -> c.post("/orgs/acme/repos", repo("r")));
        assertTrue(Thread.interrupted());
        assertEquals("POST " + fake.baseUrl() + "/orgs/acme/repos: interrupted while waiting out GitHub's rate limit", e.getMessage());
        assertEquals(List.of(Duration.ofSeconds(60)), sleeper.waits);
    }

    @Test
    void writesFromManyThreadsReachGitHubOneAtATime() throws Exception {
        GitHubClient c = client(Duration.ZERO);
        FakeGitHub.Hold held = fake.hold("POST /orgs/acme/repos", 1);
        List<CompletableFuture<JsonNode>> done = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = "svc-" + i;
            done.add(start(() -> c.post("/orgs/acme/repos", repo(name))));
        }
        held.awaitArrivals(1);
        await("the other writes queue in the client or reach the fake", () -> c.writersWaiting() == 3 || fake.writesInFlight() > 1);
        assertEquals(1, fake.writesInFlight(), "while one write is at GitHub, the others wait in the client");
        held.release();
        for (CompletableFuture<JsonNode> f : done) assertTrue(result(f).path("id").isNumber());
        assertEquals(1, fake.maxConcurrentWrites());
        assertEquals(4L, count("POST /orgs/acme/repos"));
    }

    // ----- Ctrl-C -----

    @Test
    void aWriterWaitingForTheWriteBeforeItStopsWhenInterrupted() throws Exception {
        GitHubClient c = client(Duration.ZERO);
        FakeGitHub.Hold held = fake.hold("POST /orgs/acme/repos", 1);
        CompletableFuture<JsonNode> first = start(() -> c.post("/orgs/acme/repos", repo("first")));
        held.awaitArrivals(1);
        CompletableFuture<JsonNode> second = start(() -> c.post("/orgs/acme/repos", repo("second")));
        await("the second write waits for the first", () -> c.writersWaiting() == 1);
        threads.get(1).interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> result(second), "it stops while the first is still out");
        ProviderException p = assertInstanceOf(ProviderException.class, e.getCause());
        assertEquals("POST " + fake.baseUrl() + "/orgs/acme/repos: interrupted while waiting for the write before it", p.getMessage());
        assertFalse(p.retryable());
        held.release();
        result(first);
        assertEquals(1L, count("POST /orgs/acme/repos"));
    }

    @Test
    void anInterruptedPacingWaitSaysItWasPacingNotARateLimit() {
        GitHubClient c = client(Duration.ofSeconds(1));
        for (int i = 0; i < 10; i++) c.post("/orgs/acme/repos", repo("r" + i));
        sleeper.during(d -> Thread.currentThread().interrupt());
        ProviderException e = assertThrows(ProviderException.class, () -> c.post("/orgs/acme/repos", repo("r10")));
        assertTrue(Thread.interrupted(), "the interruption is kept for the caller");
        assertEquals("POST " + fake.baseUrl() + "/orgs/acme/repos: interrupted while pacing writes (write_interval)", e.getMessage());
        assertEquals(10L, count("POST /orgs/acme/repos"));
    }

    @Test
    void anInterruptedRateLimitWaitSaysSo() {
        GitHubClient c = client(Duration.ZERO);
        fake.inject(new FakeGitHub.Injected(429, Map.of("retry-after", "60"), SECONDARY));
        sleeper.during(d -> Thread.currentThread().interrupt());
        ProviderException e = assertThrows(ProviderException.class, () -> c.find("/repos/acme/svc"));
        assertTrue(Thread.interrupted());
        assertEquals("GET " + fake.baseUrl() + "/repos/acme/svc: interrupted while waiting out GitHub's rate limit", e.getMessage());
        assertEquals(List.of(Duration.ofSeconds(60)), sleeper.waits, "one wait, cut short: no retry");
    }

    // ----- conditional requests across runs -----

    @Test
    void aTokenKeptBetweenRunsGetsA304FromTheCacheTheLastRunLeftWithoutSpendingRateLimit(@TempDir Path cache) {
        client(Duration.ZERO).post("/orgs/acme/repos", repo("svc"));
        GitHubClient firstRun = new GitHubClient(http, URI.create(fake.baseUrl()), GitHubCredentials.token(FakeGitHub.TOKEN, "GITHUB_TOKEN"), sleeper.clock,
                sleeper, Duration.ZERO, EtagCache.onDisk(cache, 100, 1 << 20, sleeper.clock));
        JsonNode read = firstRun.get("/repos/acme/svc");
        int used = fake.used();
        GitHubClient nextRun = new GitHubClient(http, URI.create(fake.baseUrl()), GitHubCredentials.token(FakeGitHub.TOKEN, "GITHUB_TOKEN"), sleeper.clock,
                sleeper, Duration.ZERO, EtagCache.onDisk(cache, 100, 1 << 20, sleeper.clock));
        assertEquals(read, nextRun.get("/repos/acme/svc"), "the cached body");
        assertEquals(1, fake.notModified());
        assertEquals(used, fake.used(), "a personal access token kept between runs: the refresh of an unchanged object is free");
    }

    // ----- pagination -----

    private List<String> policies(GitHubClient c) {
        Function<JsonNode, JsonNode> items = page -> page.path("branch_policies");
        return c.getAll("/repos/acme/svc/environments/production/deployment-branch-policies?per_page=1", items).stream()
                .map(p -> p.path("name").asText()).toList();
    }

    @Test
    void pagesAnsweredWith304AreFollowedToTheEnd() {
        GitHubClient c = client(Duration.ZERO);
        c.post("/orgs/acme/repos", repo("svc"));
        ObjectNode env = GitHubClient.json().createObjectNode();
        env.putObject("deployment_branch_policy").put("protected_branches", false).put("custom_branch_policies", true);
        c.put("/repos/acme/svc/environments/production", env);
        for (String name : List.of("main", "release/*", "hotfix/*"))
            c.post("/repos/acme/svc/environments/production/deployment-branch-policies",
                    GitHubClient.json().createObjectNode().put("name", name).put("type", "branch"));
        List<String> all = policies(c);
        assertEquals(3, all.size(), all::toString);

        assertEquals(all, policies(c), "the second listing: every page a 304 carrying its Link header");
        assertEquals(3, fake.notModified());

        fake.inject(new FakeGitHub.Injected(304, Map.of(), ""));
        assertEquals(all, policies(c), "a 304 without a Link header goes on to the page its cached answer linked");
        assertEquals(5, fake.notModified(), "pages 2 and 3");
    }
}
