package dev.platctl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two real applies on one stack at once: the second is refused naming the first, or waits for it with a lock timeout. */
class ConcurrentApplyTest {
    private static final int FILES = 50;
    /** 50 creates of 200 ms, two at a time: the first apply holds the lock for seconds, far longer than a JVM start. */
    private static final int LATENCY_MS = 200;
    private static final String HOLDER = "first-applier";

    @TempDir
    Path tmp;

    @Test
    void secondApplyOnALockedStackNamesTheHolder() throws Exception {
        FileSetWorkspace ws = FileSetWorkspace.create(tmp, FILES, LATENCY_MS);
        ChildCli first = startCreating(ws);

        ChildCli second = ChildCli.run(ws.dir(), "apply", "--auto-approve");

        assertTrue(first.isAlive(), "the first apply still holds the lock\n" + first.transcript());
        assertEquals(1, second.exitCode(), second.transcript());
        assertTrue(second.stderr().contains("cannot acquire lock on stack '" + FileSetWorkspace.STACK + "': held by " + HOLDER + "@"),
                "the error names the stack and the holder's user\n" + second.transcript());
        assertTrue(second.stderr().contains("(pid " + first.pid() + "), operation apply"),
                "the error names the holder's pid and operation\n" + second.transcript());
        assertEquals(0, first.awaitExit(), first.transcript());
        assertEquals(ws.addresses(), ChildCli.run(ws.dir(), "state", "list").stdoutLines(), "nothing the first apply made is lost");
    }

    @Test
    void secondApplyWithALockTimeoutWaitsForTheHolderAndFindsNoChanges() throws Exception {
        FileSetWorkspace ws = FileSetWorkspace.create(tmp, FILES, LATENCY_MS);
        ChildCli first = startCreating(ws);

        ChildCli second = ChildCli.run(ws.dir(), "apply", "--auto-approve", "--lock-timeout", "60s");

        assertEquals(0, first.awaitExit(), first.transcript());
        assertEquals(0, second.exitCode(), second.transcript());
        assertTrue(second.stdout().contains("No changes."), "the second apply saw everything the first made\n" + second.transcript());
        assertEquals(ws.addresses(), ChildCli.run(ws.dir(), "state", "list").stdoutLines(), "nothing the first apply made is lost");
    }

    /** Starts an apply as {@link #HOLDER} and returns once it has begun creating, so it holds the stack's lock. */
    private static ChildCli startCreating(FileSetWorkspace ws) throws InterruptedException {
        ChildCli first = ChildCli.start(ws.dir(), Map.of("PLATCTL_USER", HOLDER), "apply", "--auto-approve", "--parallelism", "2");
        assertTrue(first.awaitLines(l -> l.endsWith(": Creating..."), 1), "the first apply starts creating\n" + first.transcript());
        return first;
    }
}
