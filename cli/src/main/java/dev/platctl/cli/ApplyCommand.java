package dev.platctl.cli;

import dev.platctl.cli.view.PlanView;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanFile;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.plan.StackSnapshot;
import dev.platctl.engine.state.StackLocks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** {@code platctl apply [PLANFILE]}: make the changes. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Make the changes: plan and apply after confirmation, or apply a plan saved with 'plan -out'.")
final class ApplyCommand extends WorkspaceCommand {
    @Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved with 'platctl plan -out FILE'.")
    Path planFile;

    @Option(names = "--auto-approve", description = "Do not ask for confirmation.")
    boolean autoApprove;

    @Option(names = "--parallelism", defaultValue = "16", description = "Concurrent provider calls (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--refresh", arity = "1", defaultValue = "true", paramLabel = "BOOL",
            description = "Read real objects before planning (default: ${DEFAULT-VALUE}).")
    boolean refresh;

    @Option(names = "--target", paramLabel = "ADDR", description = "Limit to ADDR and what it depends on (repeatable).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--stack", paramLabel = "STACK",
            description = "Only the requests in STACK (repeatable): only these stacks are locked, refreshed and changed.")
    List<String> stacks = new ArrayList<>();

    @CommandLine.Mixin
    LockOptions lock = new LockOptions();

    @CommandLine.Mixin
    AllowDestroyOption destroyGuard = new AllowDestroyOption();

    @Override
    public Integer call() {
        Configuration cfg = loadConfig();
        if (planFile != null) return applySaved(cfg);
        PlanOptions opts = new PlanOptions(Plan.Mode.NORMAL, refresh, PlanCommand.parseTargets(targets), new HashSet<>(stacks), destroyGuard.allowDestroy);
        try (Session s = Session.open(cfg.workspace(), parallelism);
             StackLocks locks = s.engine.lockAll(Optional.of(cfg), stacks,
                     s.who("apply"), lock.timeout())) {
            Plan plan = PlanCommand.plan(this, s, cfg, locks, opts);
            System.out.print(PlanView.human(plan, ansi().enabled()));
            if (!plan.hasChanges()) return 0;
            if (!Applying.confirm("Do you want to perform these actions?", autoApprove, ansi())) {
                System.out.println("\nApply cancelled.");
                return 1;
            }
            System.out.println();
            return Applying.run(s, cfg, plan, locks, parallelism, "apply", destroyGuard.allowDestroy, ansi());
        }
    }

    private int applySaved(Configuration cfg) {
        Plan plan = PlanFile.read(planFile);
        TreeSet<String> planned = new TreeSet<>();
        for (StackSnapshot st : plan.stacks()) planned.add(st.stack());
        if (!stacks.isEmpty() && !planned.equals(new TreeSet<>(stacks)))
            throw new PlatctlException("cannot apply the plan: it covers stacks " + String.join(", ", planned)
                    + ", not " + String.join(", ", new TreeSet<>(stacks)) + " (--stack); plan again with the same --stack");
        try (Session s = Session.open(cfg.workspace(), parallelism);
             StackLocks locks = s.engine.lock(planned, s.who("apply"), lock.timeout())) {
            if (!plan.hasChanges()) {
                System.out.println("No changes in the saved plan.");
                return 0;
            }
            return Applying.run(s, cfg, plan, locks, parallelism, "apply", destroyGuard.allowDestroy, ansi());
        }
    }
}
