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

/** The README's quickstart as a newcomer runs it, through the real CLI, on a copy of examples/quickstart. */
class QuickstartEndToEndTest {
    static final String PAYMENTS = "requests/payments/payments-api.yaml";

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

    CliRun platctl(String... args) {
        return CliRun.run(ws, args);
    }

    void edit(String file, String from, String to) throws IOException {
        Path p = ws.resolve(file);
        String s = Files.readString(p);
        assertTrue(s.contains(from), file + " does not contain " + from);
        Files.writeString(p, s.replace(from, to));
    }

    @Test
    void theModulesOwnTestsPass() {
        CliRun test = platctl("module", "test", "modules/app-env");
        assertEquals(0, test.exit(), test::toString);
        assertTrue(test.out().contains("pass  missing-owner"), test::toString);
        assertTrue(test.out().contains("pass  staging"), test::toString);
        assertTrue(test.out().contains("2 passed, 0 failed."), test::toString);
    }

    @Test
    void planApplyReplanUpdateReplaceDriftDeleteDestroy() throws IOException {
        CliRun plan = platctl("plan", "--detailed-exitcode");
        assertEquals(2, plan.exit(), plan::toString);
        assertTrue(plan.out().contains("Plan: 13 to add, 0 to change, 0 to destroy."), plan::toString);
        assertTrue(plan.out().contains("+ resource \"local_file\" \"config\""), plan::toString);
        assertTrue(plan.out().contains("(known after apply)"), plan::toString);

        CliRun apply = platctl("apply", "--auto-approve");
        assertEquals(0, apply.exit(), apply::toString);
        assertTrue(apply.out().contains("Apply complete! Resources: 13 added, 0 changed, 0 destroyed."), apply::toString);
        Path config = ws.resolve("out/payments/payments-api.staging.conf");
        assertTrue(Files.readString(config).contains("replicas    = 3"));
        assertEquals("QUEUE=payments-jobs\n", Files.readString(ws.resolve("out/payments/payments-api.worker.env")), "one file per process (for_each)");
        Path feed = ws.resolve("out/search/search-indexer.payments-feed");
        assertTrue(Files.readString(feed).contains("payments_config = out/payments/payments-api.staging.conf"),
                "the search team's feed reads the payments request's output");

        CliRun again = platctl("plan", "--detailed-exitcode");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("No changes."), again::toString);

        edit(PAYMENTS, "replicas: 3", "replicas: 5");
        CliRun update = platctl("plan", "--detailed-exitcode");
        assertEquals(2, update.exit(), update::toString);
        assertTrue(update.out().contains("payments-api.local_file.config will be updated in place"), update::toString);
        assertTrue(update.out().contains("Plan: 0 to add, 2 to change, 0 to destroy."), update::toString);

        edit(PAYMENTS, "environment: staging", "environment: prod");
        CliRun replace = platctl("plan");
        assertTrue(replace.out().contains("-/+ resource \"local_file\" \"config\""), replace::toString);
        assertTrue(replace.out().contains("# forces replacement"), replace::toString);
        assertTrue(replace.out().contains("search-payments-feed.local_file.feed will be updated in place"), replace::toString);
        assertTrue(replace.out().contains("Plan: 1 to add, 2 to change, 1 to destroy."), replace::toString);
        assertEquals(0, platctl("apply", "--auto-approve").exit());
        assertFalse(Files.exists(config), "the replaced file is gone");
        assertTrue(Files.readString(ws.resolve("out/payments/payments-api.prod.conf")).contains("replicas    = 5"));
        assertTrue(Files.readString(feed).contains("payments_config = out/payments/payments-api.prod.conf"));

        Path search = ws.resolve("out/search/search-indexer.dev.conf");
        String original = Files.readString(search);
        Files.writeString(search, original + "tampered\n");
        CliRun drift = platctl("drift");
        assertEquals(2, drift.exit(), drift::toString);
        assertTrue(drift.out().contains("search-indexer.local_file.config has changed"), drift::toString);
        assertTrue(drift.out().contains("+ tampered"), drift::toString);
        CliRun repair = platctl("apply", "--auto-approve");
        assertEquals(0, repair.exit(), repair::toString);
        assertEquals(original, Files.readString(search), "apply puts the managed content back");
        assertEquals(0, platctl("drift").exit());

        Files.delete(ws.resolve("requests/search/search-indexer.yaml"));
        CliRun delete = platctl("plan");
        assertTrue(delete.out().contains("Plan: 0 to add, 0 to change, 5 to destroy."), delete::toString);
        assertTrue(delete.out().contains("(no longer in the configuration)"), delete::toString);

        CliRun destroy = platctl("destroy", "--auto-approve");
        assertEquals(0, destroy.exit(), destroy::toString);
        assertTrue(destroy.out().contains("Resources: 0 added, 0 changed, 13 destroyed."), destroy::toString);
        assertEquals("", platctl("state", "list").out());
        try (Stream<Path> left = Files.walk(ws.resolve("out"))) {
            assertTrue(left.allMatch(Files::isDirectory), "no managed file is left");
        }
    }

    @Test
    void jsonPlanIsTerraformShapedAndByteIdenticalForTheSameInput() throws IOException {
        CliRun first = platctl("plan", "--json");
        CliRun second = platctl("plan", "--json");
        assertEquals(0, first.exit(), first::toString);
        assertEquals(first.out(), second.out());
        JsonNode plan = new ObjectMapper().readTree(first.out());
        assertEquals(13, plan.path("resource_changes").size());
        JsonNode config = plan.path("resource_changes").get(0);
        assertEquals("payments-api.local_file.config", config.path("address").asText());
        assertEquals("create", config.path("change").path("actions").get(0).asText());
        assertTrue(config.path("change").path("after_unknown").path("content").asBoolean(), first.out());
    }

    @Test
    void savedPlanAppliesExactlyAndIsRefusedOnceStale() throws IOException {
        Path planFile = ws.resolve("tf.plan");
        assertEquals(0, platctl("plan", "-out", planFile.toString()).exit());
        CliRun applied = platctl("apply", planFile.toString());
        assertEquals(0, applied.exit(), applied::toString);
        assertTrue(applied.out().contains("13 added"), applied::toString);
        CliRun stale = platctl("apply", planFile.toString());
        assertEquals(1, stale.exit(), stale::toString);
        assertTrue(stale.err().contains("cannot apply a stale plan"), stale::toString);
    }

    @Test
    void secretsNeverAppearInPlansOrOutputsUnlessAskedFor() throws IOException {
        assertEquals(0, platctl("apply", "--auto-approve").exit());
        String secrets = Files.readString(ws.resolve("out/payments/payments-api.secrets"));
        String password = secrets.substring("DB_PASSWORD=".length()).trim();
        assertEquals(24, password.length());
        edit(PAYMENTS, "replicas: 3", "replicas: 4");
        for (String[] args : new String[][]{{"plan"}, {"plan", "--json"}, {"plan", "--format", "markdown"}, {"output"},
                {"output", "--json"}, {"state", "show", "payments-api.random_password.db"}, {"state", "show", "payments-api.local_file.secrets"}}) {
            CliRun r = platctl(args);
            assertEquals(0, r.exit(), r::toString);
            assertFalse(r.out().contains(password) || r.err().contains(password), String.join(" ", args) + " printed the password");
        }
        assertTrue(platctl("output").out().contains("db_password = (sensitive value)"));
        CliRun shown = platctl("output", "payments-api", "db_password", "--show-sensitive");
        assertEquals(password, shown.out().trim());
        String planFileText = Files.readString(savePlan());
        assertFalse(planFileText.contains(password), "a saved plan never holds a secret");
    }

    private Path savePlan() {
        Path p = ws.resolve("secret-check.plan");
        assertEquals(0, platctl("plan", "-out", p.toString()).exit());
        return p;
    }

    @Test
    void validateAndGraphAndProvidersWorkWithoutState() throws IOException {
        CliRun v = platctl("validate");
        assertEquals(0, v.exit(), v::toString);
        assertTrue(v.out().contains("Success!"), v::toString);
        assertFalse(Files.exists(ws.resolve(".platctl")), "validate touches no state");
        CliRun dot = platctl("graph");
        assertTrue(dot.out().contains("\"payments-api.local_file.config\" -> \"payments-api.random_id.instance\""), dot::toString);
        assertTrue(platctl("graph", "--format", "mermaid").out().startsWith("flowchart RL"));
        JsonNode schemas = new ObjectMapper().readTree(platctl("providers", "--json").out());
        assertTrue(schemas.path("provider_schemas").path("builtin").path("resource_schemas").path("local_file")
                .path("block").path("attributes").path("path").path("required").asBoolean());
    }

    @Test
    void badInputPrintsEveryProblemWithItsLineAndExitsOne() throws IOException {
        edit(PAYMENTS, "replicas: 3", "replicas: many\n    environmnt: x");
        CliRun r = platctl("plan");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("Error: Invalid value for input \"replicas\""), r::toString);
        assertTrue(r.err().contains("on requests/payments/payments-api.yaml line 13"), r::toString);
        assertTrue(r.err().contains("Did you mean \"environment\"?"), r::toString);
        assertTrue(r.err().contains("2 errors."), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
    }
}
