package dev.platctl.providers.github;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.retry.RetryPolicy;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.github.GitHubTesting.assertNoChange;
import static dev.platctl.providers.github.GitHubTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepositoryTypeTest {
    static final String KEY = "payments.github_repository.this";

    FakeGitHub fake;
    GitHubTesting.RecordingSleeper sleeper;
    GitHubProvider provider;
    ResourceType repos;

    @BeforeEach
    void setUp() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        sleeper = new GitHubTesting.RecordingSleeper();
        provider = GitHubTesting.provider(fake, sleeper);
        repos = GitHubTesting.type(provider, RepositoryType.TYPE);
    }

    @AfterEach
    void tearDown() {
        try {
            GitHubOpenApi.assertConforms(fake.exchanges());
        } finally {
            fake.close();
        }
    }

    @Test
    void fullLifecycleCreateUpdateReplaceDriftImportDelete() {
        ObjectValue config = obj("name", "payments-api", "description", "Payments API", "topics", List.of("python", "api"),
                "auto_init", true, "delete_branch_on_merge", true);
        ObjectValue state = GitHubTesting.create(repos, config, KEY);
        assertEquals(Value.of("acme/payments-api"), state.getOrNull("full_name"));
        assertEquals(Value.of("main"), state.getOrNull("default_branch"));
        assertEquals(Value.list(List.of(Value.of("api"), Value.of("python"))), state.getOrNull("topics"), "sorted, marker hidden");
        FakeRepository onGitHub = fake.repository("payments-api");
        assertEquals("private", onGitHub.visibility, "private unless asked");
        assertEquals(List.of("api", AddressMarker.topic(KEY), "python"), onGitHub.topics);
        assertTrue(onGitHub.flags.get("delete_branch_on_merge"));

        assertEquals(Optional.of(state), repos.read(state));
        assertNoChange(repos, state, config);

        ObjectValue updated = obj("name", "payments-api", "description", "Payments", "topics", List.of("python"),
                "auto_init", true, "visibility", "public", "allow_merge_commit", false);
        state = GitHubTesting.update(repos, state, updated);
        assertEquals("Payments", onGitHub.description);
        assertEquals("public", onGitHub.visibility);
        assertFalse(onGitHub.flags.get("allow_merge_commit"));
        assertEquals(List.of(AddressMarker.topic(KEY), "python"), onGitHub.topics, "the marker survives a topic change");
        assertNoChange(repos, state, updated);

        PlanResult replace = repos.plan(Optional.of(state), updated.with("name", Value.of("payments-service")));
        assertEquals(Set.of(AttributePath.of("name")), replace.requiresReplace());
        assertTrue(replace.planned().getOrNull("full_name").equals(Value.UNKNOWN), "computed attributes are unknown on replace");
        repos.delete(state);
        assertFalse(fake.hasRepository("payments-api"));
        assertEquals(Optional.empty(), repos.read(state));
        ObjectValue renamed = updated.with("name", Value.of("payments-service"));
        state = GitHubTesting.create(repos, renamed, KEY);

        fake.edit("payments-service", r -> {
            r.description = "edited in the web UI";
            r.flags.put("has_wiki", false);
        });
        ObjectValue drifted = repos.read(state).orElseThrow();
        assertEquals(Value.of("edited in the web UI"), drifted.getOrNull("description"));
        assertNotEquals(state, drifted);
        ObjectValue repaired = GitHubTesting.update(repos, drifted, renamed);
        assertEquals(state.without("id"), repaired.without("id"));
        assertEquals("Payments", fake.repository("payments-service").description);
        assertTrue(fake.repository("payments-service").flags.get("has_wiki"));

        ObjectValue imported = repos.importState("acme/payments-service").orElseThrow();
        assertNoChange(repos, imported, renamed.with("auto_init", Value.FALSE));
        assertEquals(Optional.of(imported), repos.importState("payments-service"));
        ProviderException other = assertThrows(ProviderException.class, () -> repos.importState("someone-else/payments-service"));
        assertTrue(other.getMessage().contains("the owner 'someone-else' is not the provider's owner 'acme'"), other.getMessage());

        repos.delete(imported);
        assertEquals(Optional.empty(), repos.read(imported));
        assertEquals(Optional.empty(), repos.importState("payments-service"));
    }

    @Test
    void theDefaultBranchMovesToAnotherExistingBranch() {
        ObjectValue config = obj("name", "branches", "auto_init", true);
        ObjectValue state = GitHubTesting.create(repos, config, KEY);
        assertEquals(Value.of("main"), state.getOrNull("default_branch"));
        fake.commitFile("branches", "develop", "README.md", "# develop\n");

        ObjectValue moved = GitHubTesting.update(repos, state, config.with("default_branch", Value.of("develop")));
        assertEquals("develop", fake.repository("branches").defaultBranch);
        assertEquals(Value.of("develop"), moved.getOrNull("default_branch"));
        assertNoChange(repos, moved, config.with("default_branch", Value.of("develop")));
        assertTrue(fake.log().contains("PATCH /repos/acme/branches"), fake.log()::toString);

        ProviderException missing = assertThrows(ProviderException.class,
                () -> GitHubTesting.update(repos, moved, config.with("default_branch", Value.of("nope"))));
        assertTrue(missing.getMessage().startsWith("cannot update github_repository acme/branches: Validation Failed")
                && missing.getMessage().endsWith("(status 422)"), missing.getMessage());
        assertTrue(ProviderException.told("update", "github_repository x.github_repository.r", missing).startsWith("cannot update"
                + " github_repository x.github_repository.r (acme/branches): Validation Failed"),
                "the engine puts the repository's full name after its address");
        assertTrue(missing.reason().orElseThrow().startsWith("Validation Failed"), "GitHub's words alone: " + missing.reason());
        assertEquals("develop", fake.repository("branches").defaultBranch);
    }

    @Test
    void archiveOnDestroyKeepsTheRepository() {
        ObjectValue state = GitHubTesting.create(repos, obj("name", "legacy", "archive_on_destroy", true), KEY);
        repos.delete(state);
        assertTrue(fake.repository("legacy").archived);
    }

    @Test
    void lookupAdoptsOnlyARepositoryCarryingItsAddressMarker() {
        ObjectValue planned = repos.plan(Optional.empty(), obj("name", "crashed")).planned();
        assertEquals(Optional.empty(), repos.lookup(KEY, planned));
        ObjectValue created = repos.create(planned, KEY);
        assertEquals(Optional.of(created), repos.lookup(KEY, planned));
        assertEquals(Optional.empty(), repos.lookup("other.github_repository.this", planned));
    }

    @Test
    void aValidationErrorKeepsGitHubsMessageAndStatus() {
        GitHubTesting.create(repos, obj("name", "taken"), "someone.github_repository.this");
        ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", "taken"), KEY));
        assertEquals("cannot create github_repository acme/taken"
                + ": Repository creation failed.: name already exists on this account (status 422)", e.getMessage());
        assertEquals("cannot create github_repository " + KEY + " (acme/taken): Repository creation failed.: name already exists on"
                + " this account (status 422)", ProviderException.told("create", "github_repository " + KEY, e),
                "the engine names the repository GitHub refused after the address, not the address twice");
        assertFalse(e.retryable());
    }

    @Test
    void planRejectsBadVisibilityTopicsAndTheMarkerPattern() {
        PlanResult p = repos.plan(Optional.empty(), obj("name", "x", "visibility", "secret",
                "topics", List.of("Has Spaces", AddressMarker.topic("a"))));
        assertEquals(List.of("Invalid value for \"visibility\"", "Invalid value for \"topics\"", "Invalid value for \"topics\""),
                p.diagnostics().errors().stream().map(d -> d.summary()).toList());
    }

    @Test
    void aSecondaryRateLimitIsWaitedOutAndRetried() {
        fake.inject(new FakeGitHub.Injected(403, Map.of("retry-after", "1"),
                "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."));
        ObjectValue state = GitHubTesting.create(repos, obj("name", "patient"), KEY);
        assertEquals(List.of(Duration.ofSeconds(1)), sleeper.waits);
        assertEquals(Value.of("acme/patient"), state.getOrNull("full_name"));
        assertEquals(List.of("GET /orgs/acme", "GET /orgs/acme", "POST /orgs/acme/repos"), fake.log().subList(0, 3),
                "the first request, refused, is sent again");
    }

    @Test
    void anOwnerCheckCutShortByCtrlCIsAskedAgainByTheNextResource() {
        fake.inject(new FakeGitHub.Injected(429, Map.of("retry-after", "60"), GitHubClientTest.SECONDARY));
        sleeper.during(d -> Thread.currentThread().interrupt());
        ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", "first"), KEY));
        assertTrue(Thread.interrupted(), "the interruption is kept for the caller");
        assertTrue(e.getMessage().contains("interrupted while waiting out GitHub's rate limit"), e::getMessage);
        sleeper.during(d -> { });
        GitHubTesting.create(repos, obj("name", "second"), "t.github_repository.second");
        assertTrue(fake.hasRepository("second"), "an interruption is not the owner's answer: the next resource asks again");
        assertEquals(2L, fake.log().stream().filter(l -> l.equals("GET /orgs/acme")).count());
    }

    @Test
    void aSpentPrimaryLimitWaitsUntilItsReset() {
        fake.inject(new FakeGitHub.Injected(403, Map.of("x-ratelimit-remaining", "0"), "API rate limit exceeded for user ID 1."));
        GitHubTesting.create(repos, obj("name", "primary"), KEY);
        assertEquals(1, sleeper.waits.size());
        assertEquals(Duration.ofSeconds(61), sleeper.waits.get(0), "until x-ratelimit-reset, one second after it");
    }

    @Test
    void aRateLimitThatDoesNotLiftFailsAfterBoundedRetries() {
        for (int i = 0; i <= GitHubClient.MAX_RETRIES; i++)
            fake.inject(new FakeGitHub.Injected(429, Map.of("retry-after", "2"), "You have exceeded a secondary rate limit."));
        ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", "never"), KEY));
        assertEquals("cannot create github_repository acme/never: You have exceeded a secondary rate limit. (status 429)", e.getMessage());
        assertFalse(e.retryable(), "the client waited it out as often as it does");
        assertEquals(GitHubClient.MAX_RETRIES, sleeper.waits.size());
    }

    @Test
    void theEngineDoesNotRunACallAgainAfterTheClientWaitedOutItsRateLimit() {
        for (int i = 0; i <= GitHubClient.MAX_RETRIES; i++)
            fake.inject(new FakeGitHub.Injected(429, Map.of(), "You have exceeded a secondary rate limit."));
        List<Duration> engineWaits = new ArrayList<>();
        RetryPolicy engine = new RetryPolicy(RetryPolicy.DEFAULT.maxAttempts(), RetryPolicy.DEFAULT.initialDelay(),
                RetryPolicy.DEFAULT.maxDelay(), engineWaits::add, () -> 0);
        assertThrows(ProviderException.class, () -> engine.call(() -> GitHubTesting.create(repos, obj("name", "never"), KEY), () -> false,
                RetryPolicy.Listener.NONE));
        assertEquals(List.of(), engineWaits, "not retried by the engine on top of the client's retries");
        assertEquals(GitHubClient.MAX_RETRIES + 1, fake.log().size(), "4 requests, not 4 × 4: " + fake.log());
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4)), sleeper.waits);
    }

    @Test
    void aRateLimitedOwnerCheckIsAskedAgainByTheNextResource() {
        for (int i = 0; i <= GitHubClient.MAX_RETRIES; i++)
            fake.inject(new FakeGitHub.Injected(429, Map.of(), "You have exceeded a secondary rate limit."));
        assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", "first"), KEY));
        GitHubTesting.create(repos, obj("name", "second"), "payments.github_repository.second");
        assertTrue(fake.hasRepository("second"), "a rate limit is not remembered as the owner's answer");
    }

    @Test
    void aRefreshOfAnUnchangedRepositoryIsA304ThatCostsNoRateLimit() {
        ObjectValue state = GitHubTesting.create(repos, obj("name", "cached"), KEY);
        repos.read(state);
        int used = fake.used();
        int notModified = fake.notModified();
        assertEquals(Optional.of(state), repos.read(state));
        assertEquals(used, fake.used(), "a 304 does not count against the rate limit");
        assertEquals(notModified + 1, fake.notModified());
        fake.edit("cached", r -> r.description = "changed");
        assertEquals(Value.of("changed"), repos.read(state).orElseThrow().getOrNull("description"), "a change is a 200 with the new body");
        assertEquals(used + 1, fake.used());
    }

    @Test
    void aRefreshReadsEachRepositoryOnceAndNeverListsTheOrganization() {
        List<ObjectValue> states = new ArrayList<>();
        for (int i = 0; i < 5; i++) states.add(GitHubTesting.create(repos, obj("name", "svc-" + i), "t.github_repository.r" + i));
        repos.delete(states.get(3));
        List<String> before = fake.log();
        List<Optional<ObjectValue>> read = repos.readAll(states);
        List<String> calls = fake.log().subList(before.size(), fake.log().size());
        assertEquals(List.of("GET /repos/acme/svc-0", "GET /repos/acme/svc-1", "GET /repos/acme/svc-2", "GET /repos/acme/svc-3",
                "GET /repos/acme/svc-4"), calls, "a list of the organization would add calls and still lack the merge settings");
        for (int i = 0; i < 5; i++) assertEquals(i == 3 ? Optional.empty() : Optional.of(states.get(i)), read.get(i), "svc-" + i);
    }

    @Test
    void aSecondRunsRefreshOfUnchangedRepositoriesIsAnswered304AndCostsNoRateLimit(@TempDir Path cache) {
        ResourceType firstRun = GitHubTesting.type(GitHubTesting.provider(fake, sleeper, Optional.of(cache)), RepositoryType.TYPE);
        List<ObjectValue> states = new ArrayList<>();
        for (int i = 0; i < 3; i++) states.add(GitHubTesting.create(firstRun, obj("name", "drift-" + i), "t.github_repository.d" + i));
        firstRun.readAll(states);
        fake.edit("drift-2", r -> r.description = "changed on the web");

        ResourceType secondRun = GitHubTesting.type(GitHubTesting.provider(fake, sleeper, Optional.of(cache)), RepositoryType.TYPE);
        int used = fake.used();
        int notModified = fake.notModified();
        List<Optional<ObjectValue>> read = secondRun.readAll(states);
        assertEquals(Optional.of(states.get(0)), read.get(0));
        assertEquals(Value.of("changed on the web"), read.get(2).orElseThrow().getOrNull("description"));
        assertEquals(notModified + 2, fake.notModified(), "the two unchanged repositories are 304s");
        assertEquals(used + 1, fake.used(), "only the changed one counts against the rate limit");
    }
}
