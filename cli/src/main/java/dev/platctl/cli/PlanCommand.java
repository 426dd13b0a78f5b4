package dev.platctl.cli;

import dev.platctl.cli.view.PlanView;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanFile;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.state.StackLocks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code platctl plan}: show what apply would do. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the changes apply would make: expand requests through modules, refresh, diff against state.")
final class PlanCommand extends WorkspaceCommand {
    @Option(names = {"-out", "--out"}, paramLabel = "FILE", description = "Save the plan to FILE for 'platctl apply FILE'.")
    Path out;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when the plan has changes, 0 when none, 1 on error.")
    boolean detailedExitcode;

    @Option(names = "--refresh", arity = "1", defaultValue = "true", paramLabel = "BOOL",
            description = "Read real objects before planning (default: ${DEFAULT-VALUE}); --refresh=false trusts state.")
    boolean refresh;

    @Option(names = "--target", paramLabel = "ADDR", description = "Limit the plan to ADDR and what it depends on (repeatable).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--destroy", description = "Plan to destroy every resource in the workspace's stacks.")
    boolean destroy;

    @Option(names = "--parallelism", defaultValue = "16", description = "Concurrent provider calls (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--stack", paramLabel = "STACK",
            description = "Only the requests in STACK (repeatable): only these stacks are locked, refreshed and changed.")
    List<String> stacks = new ArrayList<>();

    @CommandLine.Mixin
    LockOptions lock = new LockOptions();

    @CommandLine.Mixin
    AllowDestroyOption destroyGuard = new AllowDestroyOption();

    @CommandLine.Mixin
    PlanOutputOptions output = new PlanOutputOptions();

    @Override
    public Integer call() {
        Configuration cfg = loadConfig();
        PlanOptions opts = new PlanOptions(destroy ? Plan.Mode.DESTROY : Plan.Mode.NORMAL, refresh, parseTargets(targets),
                new HashSet<>(stacks), destroyGuard.allowDestroy);
        try (Session s = Session.open(cfg.workspace(), parallelism);
             StackLocks locks = s.engine.lockAll(Optional.of(cfg), stacks,
                     s.who("plan"), lock.timeout())) {
            Plan plan = plan(this, s, cfg, locks, opts);
            print(plan, output.effective(), ansi().enabled());
            if (out != null) {
                PlanFile.write(plan, out);
                if (output.effective() == PlanOutputOptions.Format.HUMAN)
                    System.out.println("\nSaved the plan to " + out + ". To perform exactly these actions, run: platctl apply " + out);
            }
            return detailedExitcode && plan.hasChanges() ? 2 : 0;
        }
    }

    /** Plans, printing warnings; throws with every diagnostic on errors. */
    static Plan plan(WorkspaceCommand cmd, Session s, Configuration cfg, StackLocks locks, PlanOptions opts) {
        Diagnostics d = new Diagnostics();
        Optional<Plan> plan = s.engine.plan(cfg, locks, opts, d);
        if (plan.isEmpty()) throw new DiagnosticsException(d);
        Output.warnings(d, cmd.sources(), cmd.ansi());
        return plan.get();
    }

    static void print(Plan plan, PlanOutputOptions.Format format, boolean color) {
        switch (format) {
            case JSON -> System.out.println(PlanView.json(plan));
            case MARKDOWN -> System.out.print(PlanView.markdown(plan));
            default -> System.out.print(PlanView.human(plan, color));
        }
    }

    static Set<ResourceAddress> parseTargets(List<String> targets) {
        Set<ResourceAddress> out = new HashSet<>();
        for (String t : targets) {
            try {
                out.add(ResourceAddress.parse(t));
            } catch (IllegalArgumentException e) {
                throw new dev.platctl.engine.PlatctlException("invalid --target: " + e.getMessage());
            }
        }
        return out;
    }
}
