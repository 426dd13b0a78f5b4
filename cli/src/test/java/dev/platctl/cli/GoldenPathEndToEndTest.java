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
 * protection, team access and a variable, the catalog lists it, and a template version bump plans file-level updates
 * and is delivered as one pull request that merges the team's edits where they do not overlap the template's.
 */
class GoldenPathEndToEndTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String REQUEST = "requests/payments/orders-api.yaml";

    @TempDir
    Path ws;
    private FakeGitHub github;

    @BeforeEach
    void workspace() throws IOException {
        github = new FakeGitHub("acme");
        github.addTeam("payments", 4501);
        copy(REPO.resolve("modules/service"), ws.resolve("modules/service"));
        copy(REPO.resolve("golden-paths/python-microservice"), ws.resolve("golden-paths/python-microservice"));
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
        scaffold("python-microservice");
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
        assertTrue(show.out().contains("golden path: python-microservice@1.1.0") && show.out().contains("repo: https://github.com/acme/orders-api\n"),
                show::toString);

        ChildCli replan = platctl("plan", "--detailed-exitcode");
        assertEquals(0, replan.exitCode(), replan::transcript);
        assertTrue(replan.stdout().contains("No changes"), replan::transcript);
    }

    @Test
    void aTemplateVersionBumpPlansTheChangedSkeletonFilesAndApplyOpensOnePullRequest() throws Exception {
        scaffold("golden-paths/python-microservice/versions/1.0.0");
        assertTrue(Files.readString(ws.resolve(REQUEST)).contains("module: service@1.0.0"));
        ChildCli apply = platctl("apply", "--auto-approve");
        assertEquals(0, apply.exitCode(), apply::transcript);
        String before = github.files("orders-api", "main").get("docs/runbook.md");
        assertFalse(before.contains("Pods not ready"), before);

        ChildCli upgrade = platctl("module", "upgrade", "service", "--to", "1.1.0", "--plan");
        assertTrue(upgrade.stdout().contains("orders-api.github_repository_files.skeleton will be updated in place"),
                upgrade::transcript);

        // the team retitles the docs' index (1.1.0 adds a section at its end: merged) and ends the runbook with its own
        // section where 1.1.0 adds "Pods not ready" (overlapping: a conflict)
        String index = github.files("orders-api", "main").get("docs/index.md");
        github.commitFile("orders-api", "main", "docs/index.md", index.replace("# orders-api\n", "# orders-api: taking orders\n"));
        String runbook = before.stripTrailing() + "\n\n## Our dashboards\n\nSee Grafana's orders-api board.\n";
        github.commitFile("orders-api", "main", "docs/runbook.md", runbook);
        Map<String, String> mainBefore = github.files("orders-api", "main");
        String headBefore = github.head("orders-api", "main");
        Path request = ws.resolve(REQUEST);
        Files.writeString(request, Files.readString(request).replace("module: service@1.0.0", "module: service@1.1.0")
                .replace("version: 1.0.0", "version: 1.1.0"));
        ChildCli plan = platctl("plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan::transcript);
        assertTrue(plan.stdout().contains("orders-api.github_repository_files.skeleton will be updated in place")
                && plan.stdout().contains("Pods not ready"), plan::transcript);
        assertTrue(plan.stdout().contains("0 to add, 1 to change, 0 to destroy"), plan::transcript);

        ChildCli applied = platctl("apply", "--auto-approve");
        assertEquals(0, applied.exitCode(), applied::transcript);
        assertEquals(headBefore, github.head("orders-api", "main"), "the default branch is untouched");
        assertEquals(mainBefore, github.files("orders-api", "main"));
        List<Map<String, String>> prs = github.pullRequests("orders-api");
        assertEquals(1, prs.size(), prs::toString);
        Map<String, String> pr = prs.get(0);
        assertEquals("platctl/service-1.1.0", pr.get("head"));
        assertEquals("main", pr.get("base"));
        assertTrue(pr.get("title").contains("1.1.0"), pr::toString);
        Map<String, String> branch = github.files("orders-api", "platctl/service-1.1.0");
        assertTrue(branch.get("docs/index.md").startsWith("# orders-api: taking orders\n")
                && branch.get("docs/index.md").contains("## When it breaks"), "the team's title and 1.1.0's section, merged:\n" + branch.get("docs/index.md"));
        assertEquals(runbook, branch.get("docs/runbook.md"), "the conflicting file is left as the team has it");
        assertTrue(pr.get("body").contains("- `docs/index.md` (merged with the changes on main)"), pr.get("body"));
        assertTrue(pr.get("body").contains("- `docs/runbook.md`: overlapping edits") && pr.get("body").contains("<<<<<<< main\n")
                && pr.get("body").contains("## Pods not ready") && pr.get("body").contains(">>>>>>> service-1.1.0\n"), pr.get("body"));
        assertEquals(0, platctl("plan", "--detailed-exitcode").exitCode());
    }

    @Test
    void theServiceModulesTestsPassForEveryVersion() {
        for (String version : List.of("1.0.0", "1.1.0")) {
            CliRun r = CliRun.run(ws, "module", "test", "modules/service/" + version);
            assertEquals(0, r.exit(), r::toString);
            for (String c : List.of("defaults", "production-reviewers", "fractional-replicas", "invalid-inputs"))
                assertTrue(r.out().contains(c), c + " ran for " + version + ":\n" + r);
        }
        assertTrue(github.log().isEmpty(), "module tests plan without calling GitHub: " + github.log());
    }

    /** Writes the Service request as {@code platctl new} does, from the golden path named or at the folder given. */
    private void scaffold(String template) {
        CliRun created = CliRun.run(ws, "new", template, "--no-input", "--set", "name=orders-api", "--set", "owner=payments",
                "--set", "description=Takes and tracks customer orders.");
        assertEquals(0, created.exit(), created::toString);
        assertTrue(Files.exists(ws.resolve(REQUEST)), created::toString);
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

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
