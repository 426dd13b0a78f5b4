package dev.platctl.cli;

import dev.platctl.state.postgres.PostgresServer;
import dev.platctl.state.postgres.PostgresServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two teams applying at once against shared PostgreSQL state, through real CLI processes: different stacks
 * proceed in parallel, one stack is never applied twice at once.
 */
@ExtendWith(PostgresServerExtension.class)
class PostgresConcurrentStacksTest {
    private static final int FILES = 20;
    /** Alpha creates its files one at a time for about ten seconds; beta, twenty at once, in about one. */
    private static final int LATENCY_MS = 500;

    private final PostgresServer server;

    @TempDir
    Path ws;

    PostgresConcurrentStacksTest(PostgresServer server) {
        this.server = server;
    }

    @Test
    void differentStacksApplyInParallelWhileOneStackSerializes() throws Exception {
        workspace();
        ChildCli alpha = ChildCli.start(ws, Map.of("PLATCTL_USER", "alpha-ci"), "apply", "--auto-approve", "--stack", "alpha",
                "--parallelism", "1");
        assertTrue(alpha.awaitLines(l -> l.endsWith(": Creating..."), 1), alpha.transcript());

        ChildCli sameStack = ChildCli.run(ws, "apply", "--auto-approve", "--stack", "alpha");
        assertEquals(1, sameStack.exitCode(), sameStack.transcript());
        assertTrue(sameStack.stderr().contains("cannot acquire lock on stack 'alpha': held by alpha-ci@"), sameStack.transcript());

        ChildCli beta = ChildCli.run(ws, "apply", "--auto-approve", "--stack", "beta", "--parallelism", "20");
        assertEquals(0, beta.exitCode(), beta.transcript());
        assertTrue(alpha.isAlive(), "beta finished while alpha was still applying: the two stacks ran in parallel\n" + alpha.transcript());

        assertEquals(0, alpha.awaitExit(), alpha.transcript());
        ChildCli plan = ChildCli.run(ws, "plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), "both stacks are complete\n" + plan.transcript());
        assertEquals(2 * FILES, ChildCli.run(ws, "state", "list").stdoutLines().size());
    }

    private void workspace() throws IOException {
        Files.createDirectories(ws.resolve("modules/files"));
        Files.writeString(ws.resolve("platctl.hcl"), """
                workspace {
                  modules  = "modules"
                  requests = "requests"
                }
                backend "postgres" {
                  url    = "%s"
                  schema = "teams"
                }
                provider "builtin" {
                  latency_ms = %d
                }
                """.formatted(server.jdbcUrl() + "?user=" + PostgresServer.USER, LATENCY_MS));
        StringBuilder module = new StringBuilder("module {\n  name    = \"files\"\n  version = \"1.0.0\"\n  kind    = \"FileSet\"\n}\n");
        for (int i = 0; i < FILES; i++)
            module.append("resource \"local_file\" \"f").append(i).append("\" {\n  path    = \"out/${request.name}/f").append(i)
                    .append(".txt\"\n  content = \"hello ${request.name} ").append(i).append("\"\n}\n");
        Files.writeString(ws.resolve("modules/files/module.hcl"), module);
        for (String team : new String[]{"alpha", "beta"}) {
            Files.createDirectories(ws.resolve("requests/" + team));
            Files.writeString(ws.resolve("requests/" + team + "/" + team + "-files.yaml"), """
                    apiVersion: platctl.dev/v1
                    kind: FileSet
                    metadata:
                      name: %s-files
                    spec:
                      module: files@1.0.0
                    """.formatted(team));
        }
    }
}
