package dev.platctl.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One external tool (go, helm, actionlint, python, git, a child JVM) run to completion within a deadline, with what it
 * printed.
 *
 * <p>Its stdout and stderr are read by threads of their own while this one waits: reading a pipe to its end before
 * {@code waitFor} blocks for as long as the tool (or a child it left holding the pipe) runs, so the deadline would
 * never fire. (Pipes, not files: a tool run under {@code ulimit -f} could not write its output to a file.) A tool that
 * outlives the deadline is killed with every process it started, and the test fails with what it printed so far.
 */
record ToolRun(int exit, String out, String err) {

    /** stdout, then stderr (empty when the builder merges them). */
    String output() {
        return out + err;
    }

    /**
     * Starts {@code pb} (set {@link ProcessBuilder#redirectErrorStream} to merge stderr into stdout) and waits at most
     * {@code deadline} for it; throws {@link IOException} when it cannot be started.
     */
    static ToolRun of(ProcessBuilder pb, Duration deadline) throws IOException {
        String command = String.join(" ", pb.command());
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(ProcessBuilder.Redirect.PIPE).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Thread outReader = reader(p.getInputStream(), out, command), errReader = reader(p.getErrorStream(), err, command);
        try {
            if (!p.waitFor(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
                killTree(p);
                outReader.join(TimeUnit.SECONDS.toMillis(10));
                errReader.join(TimeUnit.SECONDS.toMillis(10));
                throw new AssertionError(command + " did not finish within " + deadline + " and was killed; it printed:\n" + text(out) + text(err));
            }
            // the JDK drains and closes a process's pipes when it exits, even if a child it left behind holds them
            outReader.join();
            errReader.join();
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new AssertionError(command + " was interrupted and killed; it printed:\n" + text(out) + text(err), e);
        }
        return new ToolRun(p.exitValue(), text(out), text(err));
    }

    /** A daemon thread copying {@code in} to {@code to} (whose methods are synchronized, so it can be read meanwhile). */
    private static Thread reader(InputStream in, ByteArrayOutputStream to, String command) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(to);
            } catch (IOException e) {
                to.writeBytes(("\n[cannot read further output: " + e + "]\n").getBytes(StandardCharsets.UTF_8));
            }
        }, "output of " + command);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Kills the process and its descendants, listed first: once the process is gone its children are no longer its own. */
    private static void killTree(Process p) {
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
