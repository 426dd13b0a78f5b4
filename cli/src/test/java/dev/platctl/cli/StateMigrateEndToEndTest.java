package dev.platctl.cli;

import dev.platctl.state.postgres.PostgresServer;
import dev.platctl.state.postgres.PostgresServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code state migrate} through the real CLI: local → PostgreSQL → local, every stack kept exactly. */
@ExtendWith(PostgresServerExtension.class)
class StateMigrateEndToEndTest {
    private static final Pattern CHECKSUM = Pattern.compile("^  (\\S+): .*(sha256:[0-9a-f]{64})", Pattern.MULTILINE);

    private final PostgresServer server;

    @TempDir
    Path ws;

    StateMigrateEndToEndTest(PostgresServer server) {
        this.server = server;
    }

    @BeforeEach
    void appliedQuickstart() throws Exception {
        ExampleCopy.into("quickstart", ws);
        CliRun apply = CliRun.run(ws, "apply", "--auto-approve");
        assertEquals(0, apply.exit(), apply::toString);
    }

    /** The user goes in the URL because this JVM's environment has no PGUSER. */
    private String url() {
        return server.jdbcUrl() + "?user=" + PostgresServer.USER;
    }

    private static List<String> checksums(CliRun run) {
        Matcher m = CHECKSUM.matcher(run.out());
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1) + " " + m.group(2));
        return out;
    }

    @Test
    void localToPostgresAndBackKeepsEveryStackAndLeavesTheSourceIntact() throws Exception {
        CliRun history = CliRun.run(ws, "state", "history");
        CliRun list = CliRun.run(ws, "state", "list");

        CliRun toPostgres = CliRun.run(ws, "state", "migrate", "--to-backend", "postgres",
                "--to-config", "url=" + url(), "--to-config", "schema=migrated");
        assertEquals(0, toPostgres.exit(), toPostgres::toString);
        assertTrue(toPostgres.out().contains("Copying 2 stacks from backend \"local\" to backend \"postgres\"."), toPostgres::toString);
        assertTrue(toPostgres.out().contains("Migrated 2 stacks; the source is unchanged."), toPostgres::toString);
        assertTrue(toPostgres.err().contains("Warning: state in jdbc:postgresql://localhost:"), "an unencrypted shared"
                + " store warns when opened\n" + toPostgres);
        List<String> sums = checksums(toPostgres);
        assertEquals(2, sums.size(), toPostgres::toString);
        assertEquals(list.out(), CliRun.run(ws, "state", "list").out(), "the source still holds everything");

        CliRun again = CliRun.run(ws, "state", "migrate", "--to-backend", "postgres",
                "--to-config", "url=" + url(), "--to-config", "schema=migrated");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("(already there, identical)"), again::toString);

        ExampleCopy.backend(ws, "backend \"postgres\" {\n  url    = \"" + url() + "\"\n  schema = \"migrated\"\n}");
        CliRun onPostgres = CliRun.run(ws, "plan", "--detailed-exitcode");
        assertEquals(0, onPostgres.exit(), "the copy is complete: nothing to do\n" + onPostgres);
        assertEquals(history.out(), CliRun.run(ws, "state", "history").out(), "history came along");

        CliRun back = CliRun.run(ws, "state", "migrate", "--to-backend", "local", "--to-config", "path=.platctl/back.mv.db");
        assertEquals(0, back.exit(), back::toString);
        assertEquals(sums, checksums(back), "the same lineage, serial, resources and history came back");

        ExampleCopy.backend(ws, "backend \"local\" {\n  path = \".platctl/back.mv.db\"\n}");
        assertTrue(Files.exists(ws.resolve(".platctl/back.mv.db")));
        CliRun onLocal = CliRun.run(ws, "plan", "--detailed-exitcode");
        assertEquals(0, onLocal.exit(), onLocal::toString);
        assertEquals(list.out(), CliRun.run(ws, "state", "list").out());
    }

    @Test
    void anUnknownTargetBackendIsNamedWithTheKnownOnes() {
        CliRun run = CliRun.run(ws, "state", "migrate", "--to-backend", "consul");

        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.err().contains("no state backend named 'consul': known backends are local, postgres"), run::toString);
    }
}
