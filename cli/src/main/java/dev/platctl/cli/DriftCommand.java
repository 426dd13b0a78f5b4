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
import java.util.Set;

/** {@code platctl drift}: report what changed outside platctl (refresh only; changes nothing). */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Read every managed object and report what changed outside platctl. Exit 2 when drift is found.")
final class DriftCommand extends WorkspaceCommand {
    @Option(names = "--stack", paramLabel = "STACK", description = "Only these stacks (repeatable); default: all.")
    List<String> onlyStacks = new ArrayList<>();

    @Option(names = "--parallelism", defaultValue = "16", description = "Concurrent provider reads (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @CommandLine.Mixin
    LockOptions lock = new LockOptions();

    @CommandLine.Mixin
    PlanOutputOptions output = new PlanOutputOptions();

    @Override
    public Integer call() {
        WorkspaceConfig ws = loadWorkspace();
        try (Session s = Session.open(ws, parallelism)) {
            try (StackLocks locks = s.engine.lockAll(Optional.empty(), onlyStacks, s.who("drift"), lock.timeout())) {
                Diagnostics d = new Diagnostics();
                Plan plan = s.engine.plan(null, locks, new PlanOptions(Plan.Mode.REFRESH_ONLY, true, Set.of()), d)
                        .orElseThrow(() -> new DiagnosticsException(d));
                PlanCommand.print(plan, output.effective(), ansi().enabled());
                return plan.drift().isEmpty() ? 0 : 2;
            }
        }
    }
}
