package dev.platctl.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The real platctl CLI running in a child JVM, its stdout and stderr drained in the background so its pipes never fill. */
final class ChildCli {
    private static final long TIMEOUT_SECONDS = 60;

    private final String command;
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outDrain;
    private final Thread errDrain;

    private ChildCli(String command, Process process) {
        this.command = command;
        this.process = process;
        this.outDrain = drain(process.getInputStream(), out, "stdout");
        this.errDrain = drain(process.getErrorStream(), err, "stderr");
    }

    /** Starts {@code platctl -C workspace args...} with extra environment variables. */
    static ChildCli start(Path workspace, Map<String, String> env, String... args) {
        return start(workspace, true, env, args);
    }

    /**
     * Runs {@code platctl -C workspace args...} to its end with exactly the environment {@code env} (and NO_COLOR), none of
     * this process's: no credentials, kubeconfig or region it may have.
     */
    static ChildCli runInEnvironment(Path workspace, Map<String, String> env, String... args) throws InterruptedException {
        ChildCli cli = start(workspace, false, env, args);
        cli.awaitExit();
        return cli;
    }

    private static ChildCli start(Path workspace, boolean inherit, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--no-color", "-C", workspace.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (!inherit) pb.environment().clear();
        pb.environment().put("NO_COLOR", "1");
        pb.environment().putAll(env);
        try {
            return new ChildCli(String.join(" ", args), pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start platctl " + String.join(" ", args), e);
        }
    }

    static ChildCli start(Path workspace, String... args) {
        return start(workspace, Map.of(), args);
    }

    /** Runs {@code platctl -C workspace args...} to its end. */
    static ChildCli run(Path workspace, String... args) throws InterruptedException {
        ChildCli cli = start(workspace, args);
        cli.awaitExit();
        return cli;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code count} stdout lines match; false when the process ended (or the timeout passed) first. */
    boolean awaitLines(Predicate<String> matching, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        synchronized (out) {
            while (out.stream().filter(matching).count() < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !outDrain.isAlive()) return false;
                out.wait(Math.min(left, 100));
            }
            return true;
        }
    }

    /** Kills the process like {@code kill -9} (no shutdown hooks run) and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit();
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does (shutdown hooks run). */
    void interrupt() throws java.io.IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) throw new AssertionError("kill -INT " + process.pid() + " failed");
    }

    /** Waits for the process and for all of its output; returns the exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("platctl " + command + " did not finish within " + TIMEOUT_SECONDS + " s\n" + transcript());
        }
        outDrain.join();
        errDrain.join();
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    List<String> stdoutLines() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    String stdout() {
        return String.join("\n", stdoutLines());
    }

    String stderr() {
        synchronized (err) {
            return String.join("\n", err);
        }
    }

    /** The command, its exit code when it has one, and its output: the context an assertion message needs. */
    String transcript() {
        String exit = process.isAlive() ? "running" : "exit " + process.exitValue();
        return "$ platctl " + command + " (" + exit + ")\n--- stdout ---\n" + stdout() + "\n--- stderr ---\n" + stderr();
    }

    private static Thread drain(InputStream stream, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the pipe closes when the process is killed; what was read is kept
            } finally {
                synchronized (lines) {
                    lines.notifyAll();
                }
            }
        }, "platctl-child-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
