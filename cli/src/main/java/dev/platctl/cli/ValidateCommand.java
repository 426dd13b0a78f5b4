package dev.platctl.cli;

import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.state.LockInfo;
import picocli.CommandLine.Command;

import java.util.Optional;
import java.util.Set;

/**
 * {@code platctl validate}: check modules and requests without touching state or real objects: a plan against empty
 * state with offline providers, which need no credentials (a PR check on a runner without cloud or cluster access).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check modules, requests, references, provider settings and resource attributes by planning against"
                + " empty state, without reading state, calling any API or needing credentials.")
final class ValidateCommand extends WorkspaceCommand {
    @Override
    public Integer call() {
        Configuration cfg = loadConfig();
        Diagnostics d = new Diagnostics();
        var providers = Session.providers(cfg.workspace(), true);
        try (providers; InMemoryStateStore empty = new InMemoryStateStore()) {
            var engine = new dev.platctl.engine.Engine(providers, empty, java.time.Clock.systemUTC(), 1);
            try (StackLocks locks = engine.lock(engine.stacks(Optional.of(cfg)), new LockInfo("validate", "validate", Session.user(), Session.host(), ProcessHandle.current().pid(), java.time.Instant.now()), java.time.Duration.ZERO)) {
                Optional<Plan> plan = engine.plan(cfg, locks, new PlanOptions(Plan.Mode.NORMAL, false, Set.of()), d);
                if (plan.isEmpty() || d.hasErrors()) throw new DiagnosticsException(d);
                Output.warnings(d, sources(), ansi());
                System.out.println(ansi().green(ansi().bold("Success!")) + " The configuration is valid: " + cfg.modules().size()
                        + " module(s), " + cfg.requests().size() + " request(s), " + plan.get().changes().size() + " resource(s).");
                return 0;
            }
        }
    }
}
