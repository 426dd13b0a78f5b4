package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST client against the fake: rate limits waited out as GitHub's best practices say, writes one at a time and spaced. */
class GitHubClientTest {
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    static final String SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
            + "If you reach out to GitHub Support for help, please include the request ID ABCD:1234.";

    FakeGitHub fake;
    GitHubTesting.RecordingSleeper sleeper;
    final HttpClient http = HttpClient.newHttpClient();

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
            fake.close();
        }
    }

    private GitHubClient client(Duration writeInterval) {
        return new GitHubClient(http, URI.create(fake.baseUrl()), GitHubCredentials.token(FakeGitHub.TOKEN), CLOCK, sleeper, writeInterval, EtagCache.inMemory());
    }

    private static JsonNode repo(String name) {
        return GitHubClient.json().createObjectNode().put("name", name);
    }

    @Test
    void aSecondaryRateLimitWithoutRetryAfterWaitsAMinuteThenTwiceAsLong() {
        fake.inject(new FakeGitHub.Injected(403, Map.of(), SECONDARY));
        fake.inject(new FakeGitHub.Injected(403, Map.of(), SECONDARY));
        JsonNode created = client(Duration.ZERO).post("/orgs/acme/repos", repo("patient"));
        assertEquals("acme/patient", created.path("full_name").asText());
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)), sleeper.waits);
        assertEquals(3L, fake.log().stream().filter(l -> l.equals("POST /orgs/acme/repos")).count());
    }

    @Test
    void aSecondaryRateLimitThatDoesNotLiftFailsAfterBoundedExponentialWaits() {
        for (int i = 0; i <= GitHubClient.MAX_RETRIES; i++) fake.inject(new FakeGitHub.Injected(429, Map.of(), SECONDARY));
        GitHubApiException e = assertThrows(GitHubApiException.class, () -> client(Duration.ZERO).post("/orgs/acme/repos", repo("never")));
        assertEquals(429, e.status());
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4)), sleeper.waits);
    }

    @Test
    void aForbiddenThatIsNotARateLimitFailsAtOnce() {
        fake.inject(new FakeGitHub.Injected(403, Map.of(), "Resource not accessible by integration"));
        GitHubApiException e = assertThrows(GitHubApiException.class, () -> client(Duration.ZERO).post("/orgs/acme/repos", repo("denied")));
        assertEquals("Resource not accessible by integration (status 403)", e.getMessage());
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
    void writesAreSpacedByTheWriteIntervalAndReadsAreNot() {
        GitHubClient c = client(Duration.ofSeconds(1));
        c.post("/orgs/acme/repos", repo("a"));
        c.find("/repos/acme/a");
        c.find("/repos/acme/a");
        c.post("/orgs/acme/repos", repo("b"));
        c.patch("/repos/acme/b", GitHubClient.json().createObjectNode().put("description", "b"));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeper.waits,
                "with a clock that does not move, each write after the first waits the whole second");
    }

    @Test
    void writesFromManyThreadsReachGitHubOneAtATime() throws Exception {
        fake.delayWrites(Duration.ofMillis(50));
        GitHubClient c = client(Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonNode>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "svc-" + i;
                done.add(pool.submit(() -> c.post("/orgs/acme/repos", repo(name))));
            }
            for (Future<JsonNode> f : done) assertTrue(f.get().path("id").isNumber());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fake.maxConcurrentWrites());
        assertEquals(8L, fake.log().stream().filter(l -> l.equals("POST /orgs/acme/repos")).count());
    }
}
