package dev.platctl.cli;

import dev.platctl.cli.view.UpgradeView;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.SemVer;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.module.ModuleUpgrade;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.state.StackLocks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code platctl module upgrade NAME --to VERSION --plan}: what moving every request of a module to another version would change. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Plan every request that uses module NAME as if it pinned --to VERSION (no file is edited, nothing is applied):"
                + " each request's changes and a summary.")
final class ModuleUpgradeCommand extends WorkspaceCommand {
    @Parameters(paramLabel = "NAME", description = "The module, e.g. app-env.")
    String module;

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "The version to move to, e.g. 1.1.0.")
    String to;

    @Option(names = "--plan", required = true, description = "Only plan (the one mode there is: upgrades are applied by editing the requests' spec.module).")
    boolean plan;

    @Option(names = "--refresh", arity = "1", defaultValue = "true", paramLabel = "BOOL",
            description = "Read real objects before planning (default: ${DEFAULT-VALUE}).")
    boolean refresh;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when the upgrade changes something, 0 when it does not.")
    boolean detailedExitcode;

    @CommandLine.Mixin
    LockOptions lock = new LockOptions();

    @Override
    public Integer call() {
        SemVer version = SemVer.parse(to).orElseThrow(() -> new PlatctlException("invalid --to '" + to + "': a version is MAJOR.MINOR.PATCH"));
        Configuration cfg = loadConfig();
        Diagnostics d = new Diagnostics();
        ModuleUpgrade upgrade = ModuleUpgrade.of(cfg, module, version, d).orElseThrow(() -> new DiagnosticsException(d));
        if (upgrade.from().isEmpty()) {
            System.out.println("No request uses module " + module + "; nothing to upgrade.");
            return 0;
        }
        Configuration upgraded = upgrade.configuration();
        try (Session s = Session.open(cfg.workspace(), Session.DEFAULT_PARALLELISM);
             StackLocks locks = s.engine.lockAll(Optional.of(upgraded), List.of(), s.who("module upgrade --plan"), lock.timeout())) {
            Plan p = PlanCommand.plan(this, s, upgraded, locks, new PlanOptions(Plan.Mode.NORMAL, refresh, Set.of()));
            System.out.print(UpgradeView.human(upgrade, p, ansi().enabled()));
            UpgradeView.Summary sum = UpgradeView.summary(upgrade, p);
            boolean changes = sum.update() + sum.replace() + sum.create() + sum.destroy() > 0;
            return detailedExitcode && changes ? 2 : 0;
        }
    }
}
