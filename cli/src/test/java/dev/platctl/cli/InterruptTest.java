package dev.platctl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C during a real apply: no new work starts, calls in flight finish and are recorded, a rerun completes. */
class InterruptTest {
    private static final int FILES = 50;
    private static final int LATENCY_MS = 300;

    @TempDir
    Path tmp;

    @Test
    void ctrlCStopsSchedulingWaitsForCallsInFlightAndRecordsThem() throws Exception {
        FileSetWorkspace ws = FileSetWorkspace.create(tmp, FILES, LATENCY_MS);
        ChildCli apply = ChildCli.start(ws.dir(), "apply", "--auto-approve", "--parallelism", "4");
        assertTrue(apply.awaitLines(l -> l.contains("Creation complete"), 6), apply.transcript());

        apply.interrupt();
        int code = apply.awaitExit();

        assertNotEquals(0, code, apply.transcript());
        assertTrue(apply.stderr().contains("Interrupt received"), apply.transcript());
        assertTrue(apply.stdout().contains("Apply interrupted."), "the summary says it stopped\n" + apply.transcript());
        List<String> inState = ChildCli.run(ws.dir(), "state", "list").stdoutLines();
        assertFalse(inState.stream().anyMatch(l -> l.contains("pending")), "every call in flight finished and was recorded: " + inState);
        assertTrue(inState.size() < FILES, "no new work started after the interrupt: " + inState.size());
        List<String> tracked = inState.stream().map(a -> "out/" + a.substring(0, a.indexOf('.')) + "/"
                + a.substring(a.lastIndexOf('.') + 1) + ".txt").sorted().collect(Collectors.toList());
        assertEquals(tracked, ws.filesOnDisk(), "every file on disk is in state, and only those");

        ChildCli rerun = ChildCli.run(ws.dir(), "apply", "--auto-approve", "--parallelism", "8");
        assertEquals(0, rerun.exitCode(), rerun.transcript());
        assertEquals(ws.addresses(), ChildCli.run(ws.dir(), "state", "list").stdoutLines());
    }
}
