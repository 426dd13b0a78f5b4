package dev.platctl.cli;

import dev.platctl.cli.view.PlanView;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
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

    @CommandLine.Mixin
    AllowDestroyOption destroyGuard = new AllowDestroyOption();

    @Override
    public Integer call() {
        WorkspaceConfig ws = loadWorkspace();
        Configuration cfg = configurationIfItLoads();
        try (Session s = Session.open(ws, parallelism)) {
            try (StackLocks locks = s.engine.lockAll(Optional.empty(), onlyStacks, s.who("destroy"), lock.timeout())) {
                Diagnostics d = new Diagnostics();
                PlanOptions opts = new PlanOptions(Plan.Mode.DESTROY, true, java.util.Set.of(), destroyGuard.allowDestroy);
                Plan plan = s.engine.plan(cfg, locks, opts, d).orElseThrow(() -> new DiagnosticsException(d));
                System.out.print(PlanView.human(plan, ansi().enabled()));
                if (!plan.hasChanges()) return 0;
                if (!Applying.confirm("Do you really want to destroy all resources?", autoApprove, ansi())) {
                    System.out.println("\nDestroy cancelled.");
                    return 1;
                }
                System.out.println();
                return Applying.run(s, cfg, plan, locks, parallelism, "destroy", destroyGuard.allowDestroy, ansi());
            }
        }
    }

    /**
     * The configuration, so that prevent_destroy and the policies guard the destroy; null when it does not load
     * (a destroy must still be possible then, and says that nothing guards it).
     */
    private Configuration configurationIfItLoads() {
        Diagnostics d = new Diagnostics();
        Optional<Configuration> cfg = ConfigLoader.load(dir(), d);
        if (cfg.isPresent() && !d.hasErrors()) return cfg.get();
        System.err.println("Warning: the configuration does not load (" + d.errors().size() + " error(s); run platctl validate): "
                + "this destroy is not checked against prevent_destroy or policies.");
        return null;
    }
}
