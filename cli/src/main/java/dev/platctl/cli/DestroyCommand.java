package dev.platctl.cli;

import dev.platctl.cli.view.PlanView;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.state.StackLocks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code platctl destroy}: delete everything the workspace's stacks manage, dependents first. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
        description = "Destroy every resource in the workspace's stacks (in reverse dependency order).")
final class DestroyCommand extends WorkspaceCommand {
    @Option(names = "--auto-approve", description = "Do not ask for confirmation.")
    boolean autoApprove;

    @Option(names = "--parallelism", defaultValue = "16", description = "Concurrent provider calls (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--stack", paramLabel = "STACK", description = "Only these stacks (repeatable); default: all.")
    List<String> onlyStacks = new ArrayList<>();

    @CommandLine.Mixin
    LockOptions lock = new LockOptions();

    @Override
    public Integer call() {
        WorkspaceConfig ws = loadWorkspace();
        try (Session s = Session.open(ws, parallelism)) {
            try (StackLocks locks = s.engine.lockAll(Optional.empty(), onlyStacks, s.who("destroy"), lock.timeout())) {
                Diagnostics d = new Diagnostics();
                Plan plan = s.engine.plan(null, locks, new PlanOptions(Plan.Mode.DESTROY, true, java.util.Set.of()), d)
                        .orElseThrow(() -> new DiagnosticsException(d));
                System.out.print(PlanView.human(plan, ansi().enabled()));
                if (!plan.hasChanges()) return 0;
                if (!Applying.confirm("Do you really want to destroy all resources?", autoApprove, ansi())) {
                    System.out.println("\nDestroy cancelled.");
                    return 1;
                }
                System.out.println();
                return Applying.run(s, null, plan, locks, parallelism, "destroy", ansi());
            }
        }
    }
}
