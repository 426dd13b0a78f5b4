package dev.platctl.providers.github;

import dev.platctl.engine.Engine;
import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.apply.ApplyListener;
import dev.platctl.engine.apply.ApplyOptions;
import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.graph.Cancellation;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.testing.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service module (repository, file, environment, protection, team access, variable) planned and applied by the engine against the fake. */
class GitHubEngineTest {
    static final String MODULE = """
            module {
              name    = "service"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "description" {
              type    = string
              default = "A service"
            }
            resource "github_repository" "this" {
              name        = request.name
              description = input.description
              topics      = ["platctl", request.team]
              auto_init   = true
            }
            resource "github_repository_file" "docs" {
              repository = github_repository.this.name
              branch     = github_repository.this.default_branch
              file       = "docs/index.md"
              content    = "# ${request.name}\\n"
            }
            resource "github_repository_environment" "production" {
              repository  = github_repository.this.name
              environment = "production"
              wait_timer  = 5
            }
            resource "github_branch_protection" "main" {
              repository                      = github_repository.this.name
              branch                          = github_repository.this.default_branch
              required_approving_review_count = 1
              depends_on                      = [github_repository_file.docs]
            }
            resource "github_team_repository" "team" {
              team_slug  = request.team
              repository = github_repository.this.name
              permission = "push"
            }
            resource "github_actions_variable" "env" {
              repository    = github_repository.this.name
              variable_name = "SERVICE_NAME"
              value         = request.name
            }
            """;

    /** A service whose skeleton lands before main is protected by rules that bind platctl's token too. */
    static final String PROTECTED_MODULE = """
            module {
              name    = "protected"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "runbook" {
              type    = string
              default = "v1"
            }
            resource "github_repository" "this" {
              name = request.name
            }
            resource "github_repository_files" "skeleton" {
              repository = github_repository.this.name
              branch     = github_repository.this.default_branch
              files = {
                "README.md"       = "# ${request.name}\\n"
                "docs/runbook.md" = "${input.runbook}\\n"
              }
              version = "protected-${input.runbook}"
            }
            resource "github_branch_protection" "main" {
              repository                      = github_repository.this.name
              branch                          = github_repository.this.default_branch
              required_approving_review_count = 1
              required_status_checks = {
                strict   = true
                contexts = ["test"]
              }
              enforce_admins = true
              depends_on     = [github_repository_files.skeleton]
            }
            """;

    /** A golden-path-sized service: 12 writes (repository and topics, a skeleton commit, 3 environments, protection, team, variable). */
    static final String GOLDEN_PATH_SIZED = """
            module {
              name    = "sized"
              version = "1.0.0"
              kind    = "Thing"
            }
            resource "github_repository" "this" {
              name = request.name
            }
            resource "github_repository_files" "skeleton" {
              repository = github_repository.this.name
              branch     = "main"
              files = {
                "README.md"   = "# ${request.name}\\n"
                "app/main.py" = "print(1)\\n"
                "Dockerfile"  = "FROM python:3.12\\n"
              }
              version = "sized-1.0.0"
            }
            resource "github_repository_environment" "development" {
              repository  = github_repository.this.name
              environment = "development"
            }
            resource "github_repository_environment" "staging" {
              repository  = github_repository.this.name
              environment = "staging"
            }
            resource "github_repository_environment" "production" {
              repository  = github_repository.this.name
              environment = "production"
              wait_timer  = 30
            }
            resource "github_branch_protection" "main" {
              repository                      = github_repository.this.name
              branch                          = "main"
              required_approving_review_count = 1
              depends_on                      = [github_repository_files.skeleton]
            }
            resource "github_team_repository" "team" {
              team_slug  = request.team
              repository = github_repository.this.name
              permission = "push"
            }
            resource "github_actions_variable" "name" {
              repository    = github_repository.this.name
              variable_name = "SERVICE_NAME"
              value         = request.name
            }
            """;

    /** A repository variable that a request can move to one of two environments. */
    static final String ENVIRONMENT_VARIABLE_MODULE = """
            module {
              name    = "envvar"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "environment" {
              type    = string
              default = "staging"
            }
            resource "github_repository" "this" {
              name = request.name
            }
            resource "github_repository_environment" "staging" {
              repository  = github_repository.this.name
              environment = "staging"
            }
            resource "github_repository_environment" "production" {
              repository  = github_repository.this.name
              environment = "production"
            }
            resource "github_actions_variable" "region" {
              repository    = github_repository.this.name
              environment   = input.environment
              variable_name = "region"
              value         = "eu-west-1"
              depends_on    = [github_repository_environment.staging, github_repository_environment.production]
            }
            """;

    @TempDir
    Path dir;
    Workspace ws;
    FakeGitHub fake;
    InMemoryStateStore store;
    Engine engine;

    @BeforeEach
    void setUp() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        fake.addTeam("payments", 11);
        ws = new Workspace(dir).file("modules/service/module.hcl", MODULE);
        store = new InMemoryStateStore();
        engine = new Engine(new Providers(List.of(GitHubTesting.provider(fake, new GitHubTesting.RecordingSleeper()))),
                store, Clock.systemUTC(), 4);
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
    void applyReplanDriftRepairAndDestroyThroughTheEngine() {
        ws.request("payments", "checkout", "service@1.0.0");
        Plan first = plan(PlanOptions.normal());
        assertEquals(6, first.changes().size());
        assertTrue(first.changes().stream().allMatch(c -> c.action() == Action.CREATE), () -> actions(first).toString());
        applied(first);
        FakeRepository repo = fake.repository("checkout");
        assertEquals("# checkout\n", new String(repo.branches.get("main").get("docs/index.md")));
        assertEquals(Set.of("production"), repo.environments.keySet());
        assertEquals(Set.of("main"), repo.protections.keySet());
        assertEquals("push", fake.teamPermission("payments", "checkout"));
        assertEquals("checkout", repo.variables.get("SERVICE_NAME")[0]);
        assertTrue(repo.topics.contains(AddressMarker.topic("checkout.github_repository.this")));

        Plan again = plan(PlanOptions.normal());
        assertFalse(again.hasChanges(), () -> actions(again).toString());

        fake.edit("checkout", r -> r.description = "edited by hand");
        Plan repair = plan(PlanOptions.normal());
        assertEquals(Map.of("checkout.github_repository.this", Action.UPDATE), actions(repair));
        assertEquals(ChangeReason.DRIFTED, repair.changes().stream()
                .filter(c -> c.address().toString().equals("checkout.github_repository.this")).findFirst().orElseThrow().reason());
        applied(repair);
        assertEquals("A service", fake.repository("checkout").description);

        Plan destroy = plan(new PlanOptions(Plan.Mode.DESTROY, true, Set.of()));
        assertTrue(destroy.changes().stream().allMatch(c -> c.action() == Action.DELETE));
        applied(destroy);
        assertFalse(fake.hasRepository("checkout"));
        assertTrue(store.read("payments").resources().isEmpty());
    }

    @Test
    void aRepositoryNameTakenBySomeoneElseFailsTheCreateNamingTheRepositoryAfterTheAddress() {
        GitHubTesting.create(GitHubTesting.type(GitHubTesting.provider(fake, new GitHubTesting.RecordingSleeper()), RepositoryType.TYPE),
                GitHubTesting.obj("name", "checkout"), "someone.github_repository.this");
        ws.request("payments", "checkout", "service@1.0.0");
        Plan plan = plan(PlanOptions.normal());
        ApplyResult r;
        try (StackLocks locks = engine.lock(new TreeSet<>(plan.stacks().stream().map(s -> s.stack()).toList()), who(), Duration.ZERO)) {
            r = engine.apply(config(), plan, locks, new ApplyOptions(4, 4, "tester", "apply", new Cancellation()), ApplyListener.NONE, "hash");
        }
        assertFalse(r.succeeded());
        assertEquals(List.of("cannot create github_repository checkout.github_repository.this (acme/checkout): Repository creation"
                + " failed.: name already exists on this account (status 422)"), r.diagnostics().errors().stream().map(d -> d.detail()).toList());
        assertTrue(store.read("payments").resources().isEmpty(), "someone else's repository is not adopted");
    }

    @Test
    void theSkeletonLandsBeforeProtectionTheUpgradeIsAPullRequestAndDestroyLiftsProtectionFirst() {
        ws.file("modules/protected/module.hcl", PROTECTED_MODULE).request("payments", "guarded", "protected@1.0.0");
        applied(plan(PlanOptions.normal()));
        assertEquals(List.of("main"), fake.protectedBranches("guarded"));
        assertEquals(1, fake.history("guarded", "main").size(), "the skeleton is one commit");
        String head = fake.head("guarded", "main");

        ws.request("payments", "guarded", "protected@1.0.0", "runbook: v2");
        Plan upgrade = plan(PlanOptions.normal());
        assertEquals(Map.of("guarded.github_repository_files.skeleton", Action.UPDATE), actions(upgrade));
        applied(upgrade);
        assertEquals(head, fake.head("guarded", "main"), "main is protected: the upgrade is a pull request");
        assertEquals("v2\n", fake.files("guarded", "platctl/protected-v2").get("docs/runbook.md"));
        assertEquals(1, fake.pullRequests("guarded").size());

        applied(plan(new PlanOptions(Plan.Mode.DESTROY, true, Set.of())));
        assertFalse(fake.hasRepository("guarded"));
        List<String> writes = fake.exchanges().stream().filter(x -> !x.method().equals("GET"))
                .map(x -> x.method() + " " + x.path() + " " + x.status()).toList();
        assertTrue(writes.stream().noneMatch(w -> w.endsWith(" 422") || w.endsWith(" 409")), writes::toString);
        int unprotect = writes.indexOf("DELETE /repos/acme/guarded/branches/main/protection 204");
        int removal = writes.lastIndexOf("PATCH /repos/acme/guarded/git/refs/heads/main 200");
        assertTrue(unprotect >= 0 && unprotect < removal, "protection goes before the files' removal commit: " + writes);
    }

    @Test
    void aGoldenPathSizedApplyWithDefaultPacingPausesTwiceForItsTwelveWrites() {
        GitHubTesting.RecordingSleeper sleeper = new GitHubTesting.RecordingSleeper();
        engine = new Engine(new Providers(List.of(GitHubTesting.provider(fake, sleeper, Optional.empty(), Map.of("owner", GitHubTesting.ORG)))),
                store, Clock.systemUTC(), 4);
        ws.file("modules/sized/module.hcl", GOLDEN_PATH_SIZED).request("payments", "orders", "sized@1.0.0");
        applied(plan(PlanOptions.normal()));
        List<String> writes = fake.log().stream().filter(l -> !l.startsWith("GET")).toList();
        assertEquals(12, writes.size(), writes::toString);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeper.waits,
                "ten writes back to back, then one a second (write_interval 1, the default): two pauses, not eleven");
    }

    @Test
    void anEnvironmentVariableIsReplacedWhenItsEnvironmentChangesAndRecreatedWhenItsEnvironmentWasDeleted() {
        ws.file("modules/envvar/module.hcl", ENVIRONMENT_VARIABLE_MODULE).request("payments", "billing", "envvar@1.0.0");
        applied(plan(PlanOptions.normal()));
        assertEquals("eu-west-1", fake.environmentVariable("billing", "staging", "REGION"));
        assertEquals(null, fake.variable("billing", "REGION"), "an environment's variable, not the repository's");
        assertFalse(plan(PlanOptions.normal()).hasChanges());

        ws.request("payments", "billing", "envvar@1.0.0", "environment: production");
        Plan move = plan(PlanOptions.normal());
        ResourceChange change = move.changes().stream()
                .filter(c -> c.address().toString().equals("billing.github_actions_variable.region")).findFirst().orElseThrow();
        assertTrue(change.action().isReplace(), () -> actions(move).toString());
        assertEquals(Set.of(AttributePath.of("environment")), change.replacePaths());
        assertEquals(1, actions(move).size(), () -> actions(move).toString());
        applied(move);
        assertEquals(null, fake.environmentVariable("billing", "staging", "REGION"));
        assertEquals("eu-west-1", fake.environmentVariable("billing", "production", "REGION"));

        fake.edit("billing", r -> r.environments.get("production").variables.clear());
        Plan recreate = plan(PlanOptions.normal());
        assertEquals(Map.of("billing.github_actions_variable.region", Action.CREATE), actions(recreate), "gone on GitHub: created again");
        applied(recreate);
        assertEquals("eu-west-1", fake.environmentVariable("billing", "production", "REGION"));
    }

    @Test
    void aRejectedTokenIsOneErrorForEveryResourceThatNeededItInPlanAndApply() {
        ws.request("payments", "checkout", "service@1.0.0");
        applied(plan(PlanOptions.normal()));
        GitHubProvider rejected = new GitHubProvider(Map.of("GITHUB_TOKEN", "ghp_revoked0000000000000000000000000000"),
                Clock.systemUTC(), new GitHubTesting.RecordingSleeper(), Optional.empty());
        assertFalse(rejected.configure(GitHubTesting.obj("owner", GitHubTesting.ORG, "base_url", fake.baseUrl(), "write_interval", 0))
                .hasErrors());
        engine = new Engine(new Providers(List.of(rejected)), store, Clock.systemUTC(), 4);
        String problem = "GitHub rejected the token in the environment variable GITHUB_TOKEN: Bad credentials (status 401); set"
                + " GITHUB_TOKEN to a token that is valid (not mistyped, expired or revoked) for this GitHub, or name another variable"
                + " with token_env, or use app_auth.";

        Diagnostics refresh = new Diagnostics();
        try (StackLocks locks = engine.lock(engine.stacks(Optional.of(config())), who(), Duration.ZERO)) {
            engine.plan(config(), locks, PlanOptions.normal(), refresh);
        }
        assertEquals(List.of("Cannot configure provider \"github\": " + problem
                        + " 6 resources need it and could not be read, of request checkout (6)."),
                refresh.errors().stream().map(d -> d.summary() + ": " + d.detail()).toList());

        ws.request("payments", "orders", "service@1.0.0").request("payments", "invoices", "service@1.0.0");
        engine = new Engine(new Providers(List.of(GitHubTesting.provider(fake, new GitHubTesting.RecordingSleeper()))), store, Clock.systemUTC(), 4);
        Plan more = plan(PlanOptions.normal());
        engine = new Engine(new Providers(List.of(rejected)), store, Clock.systemUTC(), 4);
        ApplyResult r;
        try (StackLocks locks = engine.lock(new TreeSet<>(more.stacks().stream().map(x -> x.stack()).toList()), who(), Duration.ZERO)) {
            r = engine.apply(config(), more, locks, new ApplyOptions(4, 4, "tester", "apply", new Cancellation()), ApplyListener.NONE, "hash");
        }
        assertFalse(r.succeeded());
        assertEquals(List.of("Cannot configure provider \"github\": " + problem
                        + " 2 resources need it and could not be applied, of requests invoices (1), orders (1)."),
                r.diagnostics().errors().stream().map(d -> d.summary() + ": " + d.detail()).toList());
        assertFalse(fake.hasRepository("orders"));
    }

    private Configuration config() {
        Diagnostics d = new Diagnostics();
        Optional<Configuration> cfg = ConfigLoader.load(dir, d);
        assertFalse(d.hasErrors(), d::toString);
        return cfg.orElseThrow();
    }

    private static LockInfo who() {
        return new LockInfo("test", "test", "tester", "localhost", 1, Instant.EPOCH);
    }

    private Plan plan(PlanOptions opts) {
        Configuration cfg = opts.mode() == Plan.Mode.NORMAL ? config() : null;
        try (StackLocks locks = engine.lock(engine.stacks(Optional.ofNullable(cfg)), who(), Duration.ZERO)) {
            Diagnostics d = new Diagnostics();
            Optional<Plan> p = engine.plan(cfg, locks, opts, d);
            assertFalse(d.hasErrors(), d::toString);
            return p.orElseThrow();
        }
    }

    private void applied(Plan plan) {
        Configuration cfg = plan.mode() == Plan.Mode.NORMAL ? config() : null;
        try (StackLocks locks = engine.lock(new TreeSet<>(plan.stacks().stream().map(s -> s.stack()).toList()), who(), Duration.ZERO)) {
            ApplyResult r = engine.apply(cfg, plan, locks, new ApplyOptions(4, 4, "tester", "apply", new Cancellation()),
                    ApplyListener.NONE, "hash");
            assertTrue(r.succeeded(), r.diagnostics()::toString);
        }
    }

    private static Map<String, Action> actions(Plan p) {
        Map<String, Action> m = new TreeMap<>();
        for (ResourceChange c : p.changes()) if (c.action() != Action.NO_OP) m.put(c.address().toString(), c.action());
        return m;
    }
}
