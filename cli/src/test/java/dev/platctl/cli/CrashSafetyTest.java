package dev.platctl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Kills real applies with SIGKILL at random moments and proves the next runs neither lose nor duplicate a file. */
class CrashSafetyTest {
    private static final int FILES = 50;
    private static final int LATENCY_MS = 40;
    private static final Predicate<String> PROGRESS = l -> l.endsWith(": Creating...") || l.contains(": Creation complete");

    @TempDir
    Path tmp;

    /**
     * Each trial kills an apply mid-way, then kills the apply that recovers from it, then lets plan and apply run to
     * the end. Trials run two at a time on their own workspaces. {@code -Dplatctl.crash.seed} replays a run;
     * {@code -Dplatctl.crash.trials} runs more trials.
     */
    @Test
    void killDashNineMidApplyNeverLosesOrDuplicatesAFile() throws Exception {
        long seed = Long.getLong("platctl.crash.seed", System.nanoTime());
        int trials = Integer.getInteger("platctl.crash.trials", 6);
        System.out.println("CrashSafetyTest: seed " + seed + ", " + trials + " trials (replay with -Dplatctl.crash.seed=" + seed + ")");
        Random seeds = new Random(seed);
        List<Callable<String>> work = new ArrayList<>();
        for (int trial = 1; trial <= trials; trial++) {
            Trial t = new Trial(trial, seed, new Random(seeds.nextLong()));
            work.add(() -> t.run(FileSetWorkspace.create(tmp.resolve("trial-" + t.number), FILES, LATENCY_MS)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Future<String> done : pool.invokeAll(work)) System.out.println(outcome(done));
        } finally {
            pool.shutdownNow();
        }
    }

    private static String outcome(Future<String> trial) throws Exception {
        try {
            return trial.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) throw error;
            throw (Exception) e.getCause();
        }
    }

    /** One trial's runs, kept so a failed assertion can show everything that happened. */
    private static final class Trial {
        private final int number;
        private final long seed;
        private final List<ChildCli> runs = new ArrayList<>();
        private final Random random;
        private final List<String> kills = new ArrayList<>();
        private long pendingAfterFirstKill;

        Trial(int number, long seed, Random random) {
            this.number = number;
            this.seed = seed;
            this.random = random;
        }

        /** Kills the first apply after 1 to 99 progress lines, the recovering one anywhere from its start on. */
        String run(FileSetWorkspace ws) throws Exception {
            killApply(ws, 1 + random.nextInt(2 * FILES - 1), random.nextInt(40));
            pendingAfterFirstKill = cli(ws, "state", "list").stdoutLines().stream().filter(l -> l.endsWith("(pending create)")).count();
            int lines = random.nextInt(FILES);
            killApply(ws, lines, lines == 0 ? random.nextInt(1500) : random.nextInt(40));
            recoverAndCheck(ws);
            return summary();
        }

        /** Starts an apply and kills it after {@code lines} progress lines and {@code delayMillis} more. */
        private void killApply(FileSetWorkspace ws, int lines, int delayMillis) throws InterruptedException {
            ChildCli apply = ChildCli.start(ws.dir(), Map.of(), "apply", "--auto-approve", "--parallelism", "8");
            runs.add(apply);
            boolean reached = apply.awaitLines(PROGRESS, lines);
            Thread.sleep(delayMillis);
            boolean killed = apply.isAlive();
            apply.kill();
            long created = apply.stdoutLines().stream().filter(l -> l.contains(": Creation complete")).count();
            kills.add((killed ? "killed" : "finished before the kill") + " after " + (reached ? lines : "all")
                    + " progress lines + " + delayMillis + " ms (" + created + " creates reported)");
        }

        private void recoverAndCheck(FileSetWorkspace ws) throws Exception {
            ChildCli plan = cli(ws, "plan");
            check(plan.exitCode() == 0, "plan after the kills exits 0");
            check(!plan.stderr().toLowerCase().contains("lock"), "no stale lock after a kill");
            ChildCli apply = cli(ws, "apply", "--auto-approve");
            check(apply.exitCode() == 0, "apply after the kills exits 0");

            List<String> onDisk = ws.filesOnDisk();
            for (Map.Entry<String, String> f : ws.desiredFiles().entrySet()) {
                check(onDisk.contains(f.getKey()), f.getKey() + " exists");
                equal(f.getValue(), ws.read(f.getKey()), f.getKey() + " has the planned content");
            }
            equal(List.copyOf(ws.desiredFiles().keySet()), onDisk,
                    "every file under out/ is a desired, tracked file (no duplicates, no untracked or temporary files)");

            ChildCli list = cli(ws, "state", "list");
            equal(0, list.exitCode(), "state list exits 0");
            equal(ws.addresses(), list.stdoutLines(), "state lists each address exactly once, none pending");

            ChildCli noChanges = cli(ws, "plan", "--detailed-exitcode");
            equal(0, noChanges.exitCode(), "a final plan finds no changes");
        }

        String summary() {
            return "trial " + number + ": " + String.join("; ", kills) + "; " + pendingAfterFirstKill
                    + " pending creates in state after the first kill";
        }

        private ChildCli cli(FileSetWorkspace ws, String... args) throws InterruptedException {
            ChildCli cli = ChildCli.run(ws.dir(), args);
            runs.add(cli);
            return cli;
        }

        private void check(boolean condition, String what) {
            if (!condition) fail(context(what));
        }

        private void equal(Object expected, Object actual, String what) {
            assertEquals(expected, actual, () -> context(what));
        }

        private String context(String what) {
            StringBuilder s = new StringBuilder("trial " + number + " (seed " + seed + "): expected " + what + "\n"
                    + summary() + "\n");
            for (ChildCli r : runs) s.append(r.transcript()).append("\n\n");
            return s.toString();
        }
    }
}
