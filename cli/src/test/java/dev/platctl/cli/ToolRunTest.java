package dev.platctl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ToolRun}: the deadline the tests give external tools holds even when a tool hangs with its output open. */
class ToolRunTest {

    /**
     * The tool starts a child that keeps stdout open and then waits for it: reading its output to the end first, the
     * test would hang; the JUnit timeout only turns such a hang into a failure.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aToolThatOutlivesItsDeadlineIsKilledWithItsChildrenAndFailsWithWhatItPrinted() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "echo started; sleep 600 & echo child $!; wait").redirectErrorStream(true);

        AssertionError e = assertThrows(AssertionError.class, () -> ToolRun.of(pb, Duration.ofSeconds(5)));

        assertTrue(e.getMessage().contains("did not finish within PT5S and was killed") && e.getMessage().contains("started\n"), e.getMessage());
        long child = Long.parseLong(e.getMessage().replaceAll("(?s).*child (\\d+).*", "$1"));
        Optional<ProcessHandle> sleep = ProcessHandle.of(child);
        if (sleep.isPresent()) sleep.get().onExit().get(30, TimeUnit.SECONDS);
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the tool's child sleep " + child + " is killed too");
    }

    @Test
    void aToolThatFinishesGivesItsExitCodeAndItsOutputAndErrorApart() throws IOException {
        ToolRun r = ToolRun.of(new ProcessBuilder("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofMinutes(1));

        assertEquals(List.of(3, "out\n", "err\n"), List.of(r.exit(), r.out(), r.err()));
    }

    @Test
    void aToolWhoseErrorIsMergedGivesBothInOneOutput() throws IOException {
        ToolRun r = ToolRun.of(new ProcessBuilder("sh", "-c", "echo out; echo err >&2").redirectErrorStream(true), Duration.ofMinutes(1));

        assertEquals(List.of(0, "out\nerr\n", ""), List.of(r.exit(), r.out(), r.err()));
    }
}
