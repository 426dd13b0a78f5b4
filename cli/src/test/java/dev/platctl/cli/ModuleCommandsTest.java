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

/** {@code platctl module show/test/publish/upgrade} through the real CLI, on a copy of examples/upgrade (four teams, two versions). */
class ModuleCommandsTest {
    @TempDir
    Path ws;

    @BeforeEach
    void copyExample() throws IOException {
        Path src = Path.of("..", "examples", "upgrade").toAbsolutePath().normalize();
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

    @Test
    void upgradePlanShowsEachRequestsChangesAndASummary() {
        assertEquals(0, platctl("apply", "--auto-approve").exit());
        CliRun up = platctl("module", "upgrade", "app-env", "--to", "1.1.0", "--plan", "--detailed-exitcode");
        assertEquals(2, up.exit(), up::toString);
        String out = up.out();
        assertTrue(out.contains("Upgrading module app-env to 1.1.0: 4 requests use it."), out);
        assertTrue(out.contains("── payments-api: app-env@1.0.0 -> app-env@1.1.0"), out);
        assertTrue(out.contains("── search-indexer: app-env@1.0.0 -> app-env@1.1.0"), out);
        assertTrue(out.contains("── identity-api: app-env@1.1.0 -> app-env@1.1.0\nalready on app-env@1.1.0."), out);
        assertTrue(out.contains("payments-api.random_password.db must be replaced"), out);
        assertTrue(out.contains("search-indexer.local_file.config will be updated in place"), out);
        assertTrue(out.contains("~ file_permission = \"0640\" -> \"0600\""), out);
        assertFalse(out.contains("search-indexer.random_password.db must be replaced"), "standard tier keeps its password");
        assertTrue(out.contains("Upgrade summary: 4 requests, 4 resources to update, 1 to replace, 0 to create, 0 to destroy."), out);
        assertEquals(0, platctl("plan", "--detailed-exitcode").exit(), "nothing was edited or applied");
    }

    @Test
    void upgradeToAVersionThatRejectsARequestSaysWhichAndWhere() throws IOException {
        Path m = ws.resolve("modules/app-env/1.1.0/module.hcl");
        Files.writeString(m, Files.readString(m).replace("enum        = [\"standard\", \"premium\"]", "enum        = [\"standard\", \"gold\"]"));
        Path identity = ws.resolve("requests/identity/identity-api.yaml");
        Files.writeString(identity, Files.readString(identity).replace("app-env@1.1.0", "app-env@1.0.0"));
        CliRun up = platctl("module", "upgrade", "app-env", "--to", "1.1.0", "--plan");
        assertEquals(1, up.exit(), up::toString);
        assertTrue(up.err().contains("Invalid value for input \"tier\""), up::toString);
        assertTrue(up.err().contains("on requests/payments/payments-api.yaml line 10"), up::toString);
        assertTrue(up.err().contains("on requests/identity/identity-api.yaml line 10"), up::toString);
        assertFalse(up.err().contains("search-indexer"), up::toString);
    }

    @Test
    void upgradeToAMissingVersionListsTheOnesThereAre() {
        CliRun up = platctl("module", "upgrade", "app-env", "--to", "2.0.0", "--plan");
        assertEquals(1, up.exit(), up::toString);
        assertTrue(up.err().contains("No version 2.0.0 of module \"app-env\""), up::toString);
        assertTrue(up.err().contains("available versions: 1.0.0, 1.1.0."), up::toString);
    }

    @Test
    void showListsInputsEnforcedValuesAndOutputs() throws IOException {
        CliRun show = platctl("module", "show", "app-env@1.1.0");
        assertEquals(0, show.exit(), show::toString);
        String out = show.out();
        assertTrue(out.startsWith("Module app-env@1.1.0 (kind AppEnvironment)\n"), out);
        assertTrue(out.contains("Versions: 1.0.0, 1.1.0."), out);
        assertTrue(out.contains("  tier  string  default \"standard\"\n"), out);
        assertTrue(out.contains("      rule: enum = [\"standard\", \"premium\"]\n"), out);
        assertTrue(out.contains("  owner  string  required\n"), out);
        assertTrue(out.contains("local_file.config.file_permission = \"0600\""), out);
        assertTrue(out.contains("random_password.db.special"), out);
        assertFalse(out.contains("random_password.db.length "), "length reads an input, so a request can change it");
        assertTrue(out.contains("Outputs\n  config_path\n"), out);
        assertTrue(out.contains("Connection secret: none\n"), out);

        CliRun json = platctl("module", "show", "app-env", "--json");
        JsonNode n = new ObjectMapper().readTree(json.out());
        assertEquals("1.1.0", n.get("version").asText(), "newest by default");
        assertEquals("standard", n.get("inputs").get(1).get("default").asText());
        assertTrue(n.get("enforced").toString().contains("\"attribute\":\"file_permission\""), json.out());
    }

    @Test
    void moduleTestRunsEveryCaseAndFailsOnAMismatch() throws IOException {
        CliRun ok = platctl("module", "test", "modules/app-env/1.1.0");
        assertEquals(0, ok.exit(), ok::toString);
        assertTrue(ok.out().contains("pass  bad-tier"), ok::toString);
        assertTrue(ok.out().contains("pass  premium"), ok::toString);
        assertTrue(ok.out().contains("3 passed, 0 failed."), ok::toString);

        Path t = ws.resolve("modules/app-env/1.1.0/tests/premium.yaml");
        Files.writeString(t, Files.readString(t).replace("length: 32", "length: 24"));
        CliRun bad = platctl("module", "test", "modules/app-env/1.1.0");
        assertEquals(1, bad.exit(), bad::toString);
        assertTrue(bad.out().contains("FAIL  premium"), bad::toString);
        assertTrue(bad.out().contains("random_password.db.length: expected 24, got 32."), bad::toString);
        assertTrue(bad.out().contains("2 passed, 1 failed."), bad::toString);
    }

    @Test
    void publishIsImmutable() throws IOException {
        CliRun pub = platctl("module", "publish", "modules/app-env/1.1.0");
        assertEquals(0, pub.exit(), pub::toString);
        assertTrue(pub.out().contains("Published app-env@1.1.0 to registry/app-env/1.1.0 (sha256:"), pub::toString);
        assertTrue(Files.isRegularFile(ws.resolve("registry/app-env/1.1.0/tests/premium.yaml")));

        CliRun again = platctl("module", "publish", "modules/app-env/1.1.0");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("app-env@1.1.0 is already published in registry/app-env/1.1.0 with the same content"), again::toString);

        Path m = ws.resolve("modules/app-env/1.1.0/module.hcl");
        Files.writeString(m, Files.readString(m) + "\n# a change after publishing\n");
        CliRun changed = platctl("module", "publish", "modules/app-env/1.1.0");
        assertEquals(1, changed.exit(), changed::toString);
        assertTrue(changed.err().contains("cannot publish app-env@1.1.0: version 1.1.0 is already published with other content"), changed::toString);
        CliRun plan = platctl("plan");
        assertEquals(1, plan.exit(), plan::toString);
        assertTrue(plan.err().contains("Module app-env@1.1.0 differs from its published version"), plan::toString);
    }

    @Test
    void publishRefusesAModuleThatDoesNotTypeCheck() throws IOException {
        Path m = ws.resolve("modules/app-env/1.1.0/module.hcl");
        Files.writeString(m, Files.readString(m).replace("owner = ${input.owner}", "owner = ${input.ownr}")
                .replace("value = local_file.config.path", "value = local_file.config.paht"));
        CliRun pub = platctl("module", "publish", "modules/app-env/1.1.0");
        assertEquals(1, pub.exit(), pub::toString);
        assertTrue(pub.err().contains("Unsupported attribute \"ownr\""), pub::toString);
        assertTrue(pub.err().contains("Did you mean \"owner\"?"), pub::toString);
        assertTrue(pub.err().contains("Unsupported attribute \"paht\""), pub::toString);
        assertTrue(pub.err().contains("modules/app-env/1.1.0/module.hcl"), pub::toString);
        assertFalse(Files.exists(ws.resolve("registry/app-env/1.1.0")));
    }

    @Test
    void aModifiedPublishedVersionIsAnError() throws IOException {
        assertEquals(0, platctl("module", "publish", "modules/app-env/1.1.0").exit());
        Path m = ws.resolve("registry/app-env/1.1.0/module.hcl");
        Files.writeString(m, Files.readString(m) + "\n# edited\n");
        CliRun plan = platctl("plan");
        assertEquals(1, plan.exit(), plan::toString);
        assertTrue(plan.err().contains("Published module app-env@1.1.0 was modified"), plan::toString);
    }
}
