package dev.platctl.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code platctl stacks changed --since REF} on a real git repository holding the quickstart workspace. */
class StacksChangedTest {
    @TempDir
    Path repo;

    private Path ws;
    private String base;

    private String git(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=test", "-c", "user.email=test@example.com",
                "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        ToolRun r = ToolRun.of(new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true), Duration.ofMinutes(1));
        assertEquals(0, r.exit(), String.join(" ", cmd) + "\n" + r.out());
        return r.out().trim();
    }

    /** The workspace lives in a sub-folder of the repository, as it often does. */
    @BeforeEach
    void repositoryWithTheQuickstart() throws Exception {
        ws = repo.resolve("infra");
        ExampleCopy.into("quickstart", ws);
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "base");
        base = git("rev-parse", "HEAD");
    }

    private CliRun changed(String... extra) {
        List<String> args = new ArrayList<>(List.of("stacks", "changed", "--since", base));
        args.addAll(List.of(extra));
        return CliRun.run(ws, args.toArray(String[]::new));
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = ws.resolve(file);
        Files.writeString(p, Files.readString(p).replace(from, to));
    }

    @Test
    void nothingChangedListsNothing() {
        CliRun run = changed();

        assertEquals(0, run.exit(), run::toString);
        assertEquals("", run.out());
        assertEquals("[]\n", changed("--json").out());
    }

    @Test
    void aCommittedRequestEditListsItsStackOnly() throws Exception {
        edit(QuickstartEndToEndTest.PAYMENTS, "replicas: 3", "replicas: 5");
        git("commit", "-q", "-am", "more replicas");

        assertEquals("payments\n", changed().out());
        assertEquals("[\"payments\"]\n", changed("--json").out());
    }

    @Test
    void aModuleChangeListsEveryStackUsingItAndAnUncommittedRequestCountsToo() throws Exception {
        edit("modules/app-env/module.hcl", "length", "length ");
        assertEquals("payments\nsearch\n", changed().out(), "both requests use app-env 1.0.0");
    }

    @Test
    void aNewModuleVersionListsOnlyTheStacksWhoseConstraintNowPicksIt() throws Exception {
        Path v11 = ws.resolve("modules/app-env/1.1.0/module.hcl");
        Files.createDirectories(v11.getParent());
        Files.writeString(v11, Files.readString(ws.resolve("modules/app-env/module.hcl")).replace("\"1.0.0\"", "\"1.1.0\""));
        assertTrue(Files.readString(v11).contains("\"1.1.0\""));
        git("add", ".");
        git("commit", "-q", "-m", "app-env 1.1.0");

        assertEquals("payments\n", changed().out(), "payments asks for ^1.0, search pins 1.0.0");
    }

    @Test
    void aDeletedRequestStillListsItsStack() throws Exception {
        git("rm", "-q", "infra/requests/search/search-indexer.yaml");
        git("commit", "-q", "-m", "retire the indexer");

        assertEquals("search\n", changed().out());
    }

    @Test
    void aChangeToPlatctlHclListsEveryStack() throws Exception {
        edit("platctl.hcl", "latency_ms = 0", "latency_ms = 1");

        assertEquals("payments\nsearch\n", changed().out());
    }

    @Test
    void anUnknownRefIsAnErrorThatQuotesGit() {
        CliRun run = CliRun.run(ws, "stacks", "changed", "--since", "no-such-branch");

        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.err().contains("Error: cannot list changes since 'no-such-branch': git diff failed: fatal:"), run::toString);
    }
}
