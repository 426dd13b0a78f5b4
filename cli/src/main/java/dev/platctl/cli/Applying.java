package dev.platctl.cli;

import dev.platctl.cli.view.Ansi;
import dev.platctl.engine.apply.ApplyOptions;
import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.graph.Cancellation;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanFile;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.state.StackLocks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The part apply and destroy share: confirm, run with progress, stop cleanly on Ctrl-C, summarise. */
final class Applying {
    private Applying() {
    }

    /** Asks "yes" on a terminal; refuses to go on without --auto-approve when there is none. */
    static boolean confirm(String question, boolean autoApprove, Ansi ansi) {
        if (autoApprove) return true;
        if (System.console() == null)
            throw new dev.platctl.engine.PlatctlException("cannot ask for approval: no terminal. Pass --auto-approve in non-interactive runs (CI).");
        System.out.println();
        System.out.println(ansi.bold(question));
        System.out.println("  Only 'yes' will be accepted to approve.");
        System.out.print("\n  Enter a value: ");
        System.out.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line != null && line.trim().equals("yes");
        } catch (IOException e) {
            return false;
        }
    }

    /** Applies with progress; Ctrl-C stops scheduling, waits for calls in flight and commits them. */
    static int run(Session s, Configuration cfg, Plan plan, StackLocks locks, int parallelism, String operation, boolean allowDestroy,
                   Ansi ansi) {
        Cancellation cancel = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            System.err.println("\nInterrupt received: waiting for operations in progress to finish and be recorded...");
            try {
                finished.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "platctl-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return applyAndReport(s, cfg, plan, locks, parallelism, operation, allowDestroy, ansi, cancel);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook is waiting on the latch released above
            }
        }
    }

    /** Runs the apply and prints its summary; returns the exit code. */
    private static int applyAndReport(Session s, Configuration cfg, Plan plan, StackLocks locks, int parallelism,
                                      String operation, boolean allowDestroy, Ansi ansi, Cancellation cancel) {
        ApplyResult result;
        try (ApplyProgress progress = new ApplyProgress(System.out, ansi, s.clock)) {
            result = s.engine.apply(cfg, plan, locks, new ApplyOptions(parallelism, parallelism, Session.user(), operation, cancel, allowDestroy),
                    progress, PlanFile.hash(plan));
        }
        long added = 0, changed = 0, destroyed = 0;
        for (ResourceChange c : plan.changes()) {
            if (!"ok".equals(result.outcomes().get(c.address()))) continue;
            if (c.action() == Action.CREATE) added++;
            else if (c.action() == Action.UPDATE) changed++;
            else if (c.action() == Action.DELETE) destroyed++;
            else if (c.action().isReplace()) {
                added++;
                destroyed++;
            }
        }
        System.out.println();
        if (!result.diagnostics().isEmpty()) Output.diagnostics(result.diagnostics(), dev.platctl.cli.view.SourceLookup.none(), ansi);
        String counts = "Resources: " + added + " added, " + changed + " changed, " + destroyed + " destroyed.";
        if (result.cancelled()) {
            System.out.println(ansi.yellow(ansi.bold("Apply interrupted. ")) + counts + " Everything finished was recorded; run apply again to continue.");
            return 1;
        }
        if (!result.succeeded()) {
            System.out.println(ansi.red(ansi.bold("Apply failed. ")) + counts + " Failed: " + result.count("failed")
                    + ", skipped: " + result.count("skipped") + ".");
            return 1;
        }
        System.out.println(ansi.green(ansi.bold((plan.mode() == Plan.Mode.DESTROY ? "Destroy" : "Apply") + " complete! ")) + counts);
        return 0;
    }
}
