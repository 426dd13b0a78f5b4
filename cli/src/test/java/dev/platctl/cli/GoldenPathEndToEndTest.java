package dev.platctl.cli;

import dev.platctl.providers.github.FakeGitHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The golden path end to end against the GitHub REST fake: {@code platctl new} writes a Service request, the
 * repository's {@code service} module turns it into a repository holding the rendered skeleton with environments,
 * protection, team access and a variable, the catalog lists it; releasing a new version of the golden path (and nothing
 * else) plans each service's file-level changes and delivers them as one pull request per repository, which merges the
 * team's edits where they do not overlap the template's; a hostile template is refused by new and by plan.
 */
class GoldenPathEndToEndTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String REQUEST = "requests/payments/orders-api.yaml";

    @TempDir
    Path ws;
    private FakeGitHub github;
    private Path goldenPath;

    @BeforeEach
    void workspace() throws IOException {
        github = new FakeGitHub("acme");
        github.addTeam("payments", 4501);
        ExampleCopy.tree(REPO.resolve("modules/service"), ws.resolve("modules/service"));
        goldenPath = ws.resolve("golden-paths/python-microservice");
        ExampleCopy.tree(REPO.resolve("golden-paths/python-microservice"), goldenPath);
        Files.createDirectories(ws.resolve("requests"));
        Files.writeString(ws.resolve("platctl.hcl"), """
                workspace {
                  modules  = "modules"
                  requests = "requests"
                }
                backend "local" {
                  path = ".platctl/state.mv.db"
                }
                provider "github" {
                  owner    = "acme"
                  base_url = "%s"
                }
                """.formatted(github.baseUrl()));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void newPlanApplyPutsTheRenderedSkeletonOnGitHubAndTheCatalogListsIt() throws Exception {
        scaffold("orders-api", "Takes and tracks customer orders.");
        ChildCli plan = platctl("plan");
        assertEquals(0, plan.exitCode(), plan::transcript);
        for (String expected : List.of("orders-api.github_repository.this will be created",
                "orders-api.github_repository_files.skeleton will be created",
                "orders-api.github_repository_environment.production will be created",
                "orders-api.github_branch_protection.main will be created"))
            assertTrue(plan.stdout().contains(expected), expected + "\n" + plan.transcript());

        ChildCli apply = platctl("apply", "--auto-approve");
        assertEquals(0, apply.exitCode(), apply::transcript);

        Map<String, String> files = github.files("orders-api", "main");
        assertEquals(rendered(), files);
        assertTrue(files.get("app/main.py").contains("SERVICE = \"orders-api\"\n"), files.get("app/main.py"));
        assertEquals(Map.of("development", 0L, "production", 30L, "staging", 0L), github.environments("orders-api"));
        assertEquals(List.of("main"), github.protectedBranches("orders-api"));
        assertEquals("push", github.teamPermission("payments", "orders-api"));
        assertEquals("orders-api", github.variable("orders-api", "SERVICE_NAME"));
        assertTrue(github.settings("orders-api").containsAll(List.of("private", "Takes and tracks customer orders.", "service")),
                github.settings("orders-api")::toString);

        ChildCli output = platctl("output", "orders-api");
        assertTrue(output.stdout().contains("repo_url") && output.stdout().contains("/acme/orders-api.git"), output::transcript);

        CliRun list = CliRun.run(ws, "catalog", "list");
        assertEquals(0, list.exit(), list::toString);
        assertEquals("""
                NAME        KIND       TYPE     OWNER     LIFECYCLE     DEPENDS ON  LINK
                orders-api  Component  service  payments  experimental  -           https://github.com/acme/orders-api
                """, list.out());
        CliRun show = CliRun.run(ws, "catalog", "show", "orders-api");
        assertTrue(show.out().contains("golden path: python-microservice@1.2.0") && show.out().contains("repo: https://github.com/acme/orders-api\n")
                && show.out().contains("runbook: https://github.com/acme/orders-api/blob/main/docs/runbook.md\n")
                && show.out().contains("CI: https://github.com/acme/orders-api/actions\n"), show::toString);

        ChildCli replan = platctl("plan", "--detailed-exitcode");
        assertEquals(0, replan.exitCode(), replan::transcript);
        assertTrue(replan.stdout().contains("No changes"), replan::transcript);
    }

    @Test
    void releasingAGoldenPathVersionPlansEachServicesFileChangesAndApplyOpensOnePullRequestPerRepository() throws Exception {
        scaffold("orders-api", "Takes and tracks customer orders.");
        scaffold("billing-api", "Sends invoices and records payments.");
        scaffold("ledger-api", "Keeps the general ledger.");
        Path ledger = ws.resolve("requests/payments/ledger-api.yaml");
        ExampleCopy.edit(ledger, "version: ^1.2", "version: ~1.2"); // this team takes patches of 1.2 only
        ChildCli apply = platctl("apply", "--auto-approve");
        assertEquals(0, apply.exitCode(), apply::transcript);

        // the orders team retitles the docs' index (1.3.0 adds a line at its end: merged) and ends the runbook with its own
        // section where 1.3.0 adds one (overlapping: a conflict)
        String index = github.files("orders-api", "main").get("docs/index.md");
        github.commitFile("orders-api", "main", "docs/index.md", index.replace("# orders-api\n", "# orders-api: taking orders\n"));
        String runbook = github.files("orders-api", "main").get("docs/runbook.md");
        String teams = runbook.stripTrailing() + "\n\n## Our dashboards\n\nSee Grafana's orders-api board.\n";
        github.commitFile("orders-api", "main", "docs/runbook.md", teams);
        Map<String, String> mainBefore = github.files("orders-api", "main");
        String headBefore = github.head("orders-api", "main");

        release("1.3.0");
        CliRun catalog = CliRun.run(ws, "catalog", "show", "billing-api");
        assertTrue(catalog.out().contains("golden path: python-microservice@1.3.0"), catalog::toString);
        ChildCli plan = platctl("plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan::transcript);
        for (String service : List.of("orders-api", "billing-api"))
            assertTrue(plan.stdout().contains(service + ".github_repository_files.skeleton will be updated in place"), service + ":\n" + plan.transcript());
        assertFalse(plan.stdout().contains("ledger-api."), "~1.2 stays on 1.2.0:\n" + plan.stdout());
        assertTrue(plan.stdout().contains("Dependencies down") && plan.stdout().contains("python-microservice-1.3.0"), plan::transcript);
        assertTrue(plan.stdout().contains("0 to add, 2 to change, 0 to destroy"), plan::transcript);

        ChildCli applied = platctl("apply", "--auto-approve");
        assertEquals(0, applied.exitCode(), applied::transcript);
        assertEquals(headBefore, github.head("orders-api", "main"), "the default branch is untouched");
        assertEquals(mainBefore, github.files("orders-api", "main"));
        for (String service : List.of("orders-api", "billing-api")) {
            List<Map<String, String>> prs = github.pullRequests(service);
            assertEquals(1, prs.size(), service + ": " + prs);
            assertEquals("platctl/python-microservice-1.3.0", prs.get(0).get("head"));
            assertEquals("main", prs.get(0).get("base"));
            assertTrue(prs.get(0).get("title").contains("python-microservice 1.3.0"), prs.get(0)::toString);
        }
        assertEquals(List.of(), github.pullRequests("ledger-api"));
        Map<String, String> billing = github.files("billing-api", "platctl/python-microservice-1.3.0");
        assertTrue(billing.get("docs/runbook.md").contains("## Dependencies down"), billing.get("docs/runbook.md"));
        Map<String, String> branch = github.files("orders-api", "platctl/python-microservice-1.3.0");
        assertTrue(branch.get("docs/index.md").startsWith("# orders-api: taking orders\n")
                && branch.get("docs/index.md").contains("Dependencies it needs"), "the team's title and 1.3.0's line, merged:\n" + branch.get("docs/index.md"));
        assertEquals(teams, branch.get("docs/runbook.md"), "the conflicting file is left as the team has it");
        Map<String, String> pr = github.pullRequests("orders-api").get(0);
        assertTrue(pr.get("body").contains("- `docs/index.md` (merged with the changes on main)"), pr.get("body"));
        assertTrue(pr.get("body").contains("- `docs/runbook.md`: overlapping edits") && pr.get("body").contains("<<<<<<< main\n")
                && pr.get("body").contains("## Dependencies down"), pr.get("body"));
        assertEquals(0, platctl("plan", "--detailed-exitcode").exitCode());
    }

    @Test
    void aHostileTemplateIsRefusedByNewAndByPlanAndNothingReachesGitHub() throws Exception {
        scaffold("orders-api", "Takes and tracks customer orders.");
        Path skeleton = goldenPath.resolve("skeleton");
        Files.writeString(skeleton.resolve("docs/secrets.md"), "{% include '/etc/passwd' %}\n${{ values.name.getClass() }}\n");
        Files.createSymbolicLink(skeleton.resolve("docs/hosts.md"), Path.of("/etc/hosts"));
        Files.writeString(skeleton.resolve("${{ values.description }}"), "a file named after free text\n");

        CliRun created = CliRun.run(ws, "new", "python-microservice", "--no-input", "--set", "name=billing-api", "--set", "owner=payments",
                "--set", "description=../../../../tmp/platctl-escape");
        assertEquals(1, created.exit(), created::toString);
        for (String expected : List.of("'include' is disabled", "Cannot find method 'getClass'", "Symbolic link refused",
                "Refused file name \"../../../../tmp/platctl-escape\"", "climbs out of the output folder"))
            assertTrue(created.err().contains(expected), expected + " in\n" + created);
        assertFalse(Files.exists(Path.of("/tmp/platctl-escape")));
        assertFalse(Files.exists(ws.resolve("requests/payments/billing-api.yaml")), "nothing is written");

        ChildCli plan = platctl("plan");
        assertEquals(1, plan.exitCode(), plan::transcript);
        assertTrue(plan.stderr().contains("cannot render golden path python-microservice@1.2.0") && plan.stderr().contains("'include' is disabled")
                && plan.stderr().contains("Symbolic link refused"), plan::transcript);
        assertTrue(github.log().stream().noneMatch(l -> l.startsWith("POST") || l.startsWith("PUT") || l.startsWith("PATCH")
                || l.startsWith("DELETE")), github.log()::toString);
    }

    @Test
    void replicasInTheWrongOrderAreRefusedByNewWhichWritesNothing() {
        CliRun r = CliRun.run(ws, "new", "python-microservice", "--no-input", "--set", "name=orders-api", "--set", "owner=payments",
                "--set", "description=Takes and tracks customer orders.", "--set", "minReplicas=8", "--set", "maxReplicas=4");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("maxReplicas must be at least minReplicas") && r.err().contains("requests/payments/orders-api.yaml")
                && r.err().contains("nothing was written"), r::toString);
        assertFalse(Files.exists(ws.resolve(REQUEST)), "the request written for the check is removed");
    }

    @Test
    void theServiceModulesTestsPass() {
        CliRun r = CliRun.run(ws, "module", "test", "modules/service");
        assertEquals(0, r.exit(), r::toString);
        for (String c : List.of("defaults", "production-reviewers", "fractional-replicas", "invalid-inputs", "golden-path-required",
                "golden-path-unknown-version", "replicas-out-of-order", "owner-ending-in-dash", "owner-too-long"))
            assertTrue(r.out().contains(c), c + " ran:\n" + r);
        assertTrue(github.log().isEmpty(), "module tests plan without calling GitHub: " + github.log());
    }

    /**
     * A new version of the golden path, released as a platform team would: the current one is kept in versions/1.2.0
     * (only because ledger-api pins ~1.2), the runbook and the docs' index gain a section, the version is bumped.
     * No request is edited.
     */
    private void release(String version) throws IOException {
        Path kept = goldenPath.resolve("versions/1.2.0");
        Files.createDirectories(kept);
        ExampleCopy.tree(goldenPath.resolve("skeleton"), kept.resolve("skeleton"));
        Files.copy(goldenPath.resolve("template.yaml"), kept.resolve("template.yaml"));
        Path runbook = goldenPath.resolve("skeleton/docs/runbook.md");
        ExampleCopy.edit(runbook, "3. A dependency it checks is down: follow that dependency's runbook.\n",
                "3. A dependency it checks is down: follow that dependency's runbook.\n\n## Dependencies down\n\n"
                        + "The service answers 503 on `/readyz` while a dependency is down; it recovers by itself.\n");
        Path index = goldenPath.resolve("skeleton/docs/index.md");
        Files.writeString(index, Files.readString(index) + "\nDependencies it needs are listed in the runbook.\n");
        ExampleCopy.edit(goldenPath.resolve("template.yaml"), "platctl.dev/version: 1.2.0", "platctl.dev/version: " + version);
    }

    /** Writes the Service request as {@code platctl new} does. */
    private void scaffold(String name, String description) {
        CliRun created = CliRun.run(ws, "new", "python-microservice", "--no-input", "--set", "name=" + name, "--set", "owner=payments",
                "--set", "description=" + description);
        assertEquals(0, created.exit(), created::toString);
        assertTrue(Files.exists(ws.resolve("requests/payments/" + name + ".yaml")), created::toString);
    }

    /** The skeleton as {@code platctl new --dry-run} renders it, file name to content. */
    private Map<String, String> rendered() throws IOException {
        Path out = ws.resolve("review");
        CliRun r = CliRun.run(ws, "new", "python-microservice", "--no-input", "--set", "name=orders-api", "--set", "owner=payments",
                "--set", "description=Takes and tracks customer orders.", "--dry-run", out.toString());
        assertEquals(0, r.exit(), r::toString);
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(Files::isRegularFile).toList())
                files.put(out.relativize(p).toString().replace('\\', '/'), Files.readString(p));
        }
        return files;
    }

    private ChildCli platctl(String... args) throws InterruptedException {
        ChildCli cli = ChildCli.start(ws, Map.of("GITHUB_TOKEN", FakeGitHub.TOKEN), args);
        cli.awaitExit();
        return cli;
    }
}
