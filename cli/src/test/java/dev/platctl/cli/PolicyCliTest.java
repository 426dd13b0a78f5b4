package dev.platctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policies through the real CLI on a copy of examples/quickstart, and {@code platctl policy test} on the starter library. */
class PolicyCliTest {
    static final String MODULE = "modules/app-env/module.hcl";

    @TempDir
    Path ws;

    @BeforeEach
    void copyQuickstart() throws IOException {
        Path src = Path.of("..", "examples", "quickstart").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path rel = src.relativize(p);
                if (rel.startsWith(".platctl") || rel.startsWith("out")) continue;
                Path to = ws.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
    }

    void edit(String file, String from, String to) throws IOException {
        Path p = ws.resolve(file);
        String s = Files.readString(p);
        assertTrue(s.contains(from), file + " does not contain " + from);
        Files.writeString(p, s.replace(from, to));
    }

    @Test
    void aDenyingPolicyFailsApplyWithExitOneAndTheMessageAndNothingIsApplied() throws IOException {
        edit(MODULE, "length  = 24", "length  = 8");
        CliRun apply = CliRun.run(ws, "apply", "--auto-approve");
        assertEquals(1, apply.exit(), apply::toString);
        assertTrue(apply.err().contains("Error: Policy \"strong-passwords\" denies payments-api.random_password.db"), apply::toString);
        assertTrue(apply.err().contains("generated passwords have at least 16 characters: raise length in the module."
                + " (create of payments-api.random_password.db)"), apply::toString);
        assertTrue(apply.err().contains("on policies/secrets.hcl line 14"), apply::toString);
        assertFalse(Files.exists(ws.resolve("out")), "no file was written");
        CliRun list = CliRun.run(ws, "state", "list");
        assertEquals("", list.out(), list::toString);
    }

    @Test
    void destroyIsCheckedAgainstThePoliciesAndAllowDestroyLetsItThrough() throws IOException {
        Files.writeString(ws.resolve("policies/keep-files.hcl"), """
                policy "keep-files" {
                  enforcement = "deny"
                  match {
                    types = ["local_file"]
                  }
                  rule {
                    condition = "allow_destroy || action != 'delete'"
                    message   = "files are deleted only with --allow-destroy."
                  }
                }
                """);
        assertEquals(0, CliRun.run(ws, "apply", "--auto-approve").exit());
        CliRun refused = CliRun.run(ws, "destroy", "--auto-approve");
        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("Error: Policy \"keep-files\" denies payments-api.local_file.config"), refused::toString);
        assertTrue(refused.err().contains("files are deleted only with --allow-destroy. (delete of payments-api.local_file.config)"),
                refused::toString);
        assertFalse(CliRun.run(ws, "state", "list").out().isEmpty(), "nothing was destroyed");

        CliRun plan = CliRun.run(ws, "plan", "--destroy", "--allow-destroy");
        assertEquals(0, plan.exit(), plan::toString);
        CliRun destroy = CliRun.run(ws, "destroy", "--auto-approve", "--allow-destroy");
        assertEquals(0, destroy.exit(), destroy::toString);
        assertEquals("", CliRun.run(ws, "state", "list").out());
    }

    @Test
    void destroyStillWorksWhenTheConfigurationNoLongerLoadsAndSaysNothingGuardsIt() throws IOException {
        assertEquals(0, CliRun.run(ws, "apply", "--auto-approve").exit());
        edit("requests/payments/payments-api.yaml", "replicas: 3", "replicas: many");
        CliRun destroy = CliRun.run(ws, "destroy", "--auto-approve");
        assertEquals(0, destroy.exit(), destroy::toString);
        assertTrue(destroy.err().contains("Warning: the configuration does not load (1 error(s); run platctl validate): "
                + "this destroy is not checked against prevent_destroy or policies."), destroy::toString);
        assertEquals("", CliRun.run(ws, "state", "list").out());
    }

    @Test
    void policyImportWritesTheGatekeeperExampleAsAPolicyThatPolicyTestRuns() throws IOException {
        Path example = Path.of("..", "examples", "gatekeeper", "k8srequiredlabels.yaml").toAbsolutePath().normalize();
        CliRun run = CliRun.run(ws, "policy", "import", example.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("Wrote policies/workloads-have-owner.hcl (policy \"workloads-have-owner\")"), run::toString);
        assertTrue(run.out().contains("Not carried over:\n  - k8srequiredlabels.yaml (document 2): constraint "
                + "K8sRequiredLabels/workloads-have-owner: validation 1 has a messageExpression"), run::toString);
        assertTrue(run.out().contains("spec.match.excludedNamespaces has no platctl equivalent"), run::toString);
        String hcl = Files.readString(ws.resolve("policies/workloads-have-owner.hcl"));
        assertTrue(hcl.contains("types = [\"kubernetes_namespace\", \"kubernetes_pod\", \"kubernetes_deployment\"]"), hcl);

        Files.writeString(ws.resolve("policies/tests/owner.yaml"), """
                - name: a deployment owned by a company user passes
                  type: kubernetes_deployment
                  attributes: {metadata: {labels: {owner: alice.acme.dev}}}
                  expect: {workloads-have-owner: pass}
                - name: a pod without an owner fails
                  type: kubernetes_pod
                  attributes: {metadata: {labels: {app: web}}}
                  expect: {workloads-have-owner: fail}
                """);
        CliRun test = CliRun.run(ws, "policy", "test");
        assertEquals(0, test.exit(), test::toString);
        CliRun again = CliRun.run(ws, "policy", "import", example.toString());
        assertEquals(1, again.exit(), "an existing policy file is not overwritten without --force");
        assertTrue(again.err().contains("cannot write policies/workloads-have-owner.hcl: the file exists"), again::toString);
    }

    @Test
    void theQuickstartAppliesCleanlyAndItsPlanShowsWhatPoliciesSet() throws IOException {
        CliRun plan = CliRun.run(ws, "plan");
        assertEquals(0, plan.exit(), plan::toString);
        assertTrue(plan.out().contains("Policies:\n  ~ payments-api.local_file.config: \"file_permission\" is defaulted by policy \"private-files\"\n"),
                plan::toString);
        JsonNode json = new ObjectMapper().readTree(CliRun.run(ws, "plan", "--json").out());
        JsonNode first = json.path("policy_results").get(0);
        assertEquals("private-files", first.path("policy").asText());
        assertEquals("warn", first.path("enforcement").asText());
        assertEquals("defaulted", first.path("outcome").asText());
        assertEquals("file_permission", first.path("attribute").asText());
        CliRun md = CliRun.run(ws, "plan", "--format", "markdown");
        assertTrue(md.out().contains("#### Policies"), md::toString);

        CliRun apply = CliRun.run(ws, "apply", "--auto-approve");
        assertEquals(0, apply.exit(), apply::toString);
        CliRun again = CliRun.run(ws, "plan", "--detailed-exitcode");
        assertEquals(0, again.exit(), again::toString);
    }

    @Test
    void aWarnRuleIsShownAndDoesNotStopApply() throws IOException {
        edit(MODULE, "file_permission = \"0600\"", "file_permission = \"0644\"");
        CliRun apply = CliRun.run(ws, "apply", "--auto-approve");
        assertEquals(0, apply.exit(), apply::toString);
        assertTrue(apply.out().contains("! payments-api.local_file.secrets: policy \"private-files\" (warn): the file is readable by everyone"),
                apply::toString);
    }

    @Test
    void policyTestPassesOnTheStarterLibrary() {
        CliRun run = CliRun.run(Path.of("..").toAbsolutePath().normalize(), "policy", "test", "policies");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().matches("(?s).*\\n\\d+ passed, 0 failed \\(10 policies\\)\\n"), run::toString);
    }

    @Test
    void policyTestOfTheWorkspaceExitsOneOnAFailedCase() throws IOException {
        edit("policies/tests/secrets.yaml", "expect: {strong-passwords: fail}", "expect: {strong-passwords: pass}");
        CliRun run = CliRun.run(ws, "policy", "test");
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.out().contains("FAIL  an 8-character password is refused  (policies/tests/secrets.yaml:7)\n"
                + "      strong-passwords: expected pass, got fail\n"), run::toString);
        assertTrue(run.out().endsWith("3 passed, 1 failed (2 policies)\n"), run::toString);
    }

    @Test
    void policyTestReportsAMistakeInACaseWithItsLine() throws IOException {
        edit("policies/tests/secrets.yaml", "expect: {strong-passwords: fail}", "expect: {strong-passwords: denied}");
        CliRun run = CliRun.run(ws, "policy", "test");
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.err().contains("Error: Invalid expected outcome \"denied\""), run::toString);
        assertTrue(run.err().contains("on policies/tests/secrets.yaml line 10"), run::toString);
    }
}
