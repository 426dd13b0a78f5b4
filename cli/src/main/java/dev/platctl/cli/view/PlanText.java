package dev.platctl.cli.view;

import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.Drift;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.policy.PolicyResult;

import java.util.List;

/** The plan as a person reads it in a terminal: drift, then the changes, the summary line, policy results and warnings. */
final class PlanText {
    static final String NO_CHANGES = "No changes. Your infrastructure matches the configuration.";
    static final String NOTHING_TO_DESTROY = "No changes. No objects need to be destroyed.";
    static final String NO_DRIFT = "No drift: every object still matches the platctl state.";

    private PlanText() {
    }

    static String render(Plan plan, Ansi ansi, SourceLookup sources) {
        StringBuilder out = new StringBuilder();
        boolean refreshOnly = plan.mode() == Plan.Mode.REFRESH_ONLY;
        if (!plan.drift().isEmpty()) drift(plan, ansi, out);
        if (refreshOnly) {
            if (plan.drift().isEmpty()) out.append(ansi.bold(NO_DRIFT)).append('\n');
            else out.append("Drift found: " + (plan.drift().size() == 1 ? "1 object differs" : plan.drift().size() + " objects differ")
                    + " from the platctl state. Nothing was changed; run platctl apply to bring "
                    + (plan.drift().size() == 1 ? "it" : "them") + " back to the configuration.\n");
        } else if (!plan.hasChanges()) {
            out.append(ansi.bold(plan.mode() == Plan.Mode.DESTROY ? NOTHING_TO_DESTROY : NO_CHANGES)).append('\n');
        } else {
            changes(plan, ansi, out);
        }
        policies(plan, ansi, out);
        if (!plan.warnings().isEmpty())
            out.append('\n').append(DiagnosticView.render(plan.warnings(), sources, ansi.enabled()));
        return out.toString();
    }

    private static void policies(Plan plan, Ansi ansi, StringBuilder out) {
        List<PolicyResult> shown = PolicyLines.shown(plan);
        if (shown.isEmpty()) return;
        out.append('\n').append(ansi.bold("Policies:")).append('\n');
        for (PolicyResult r : shown) {
            String mark = String.valueOf(PolicyLines.mark(r));
            String colored = switch (r.outcome()) {
                case VIOLATED -> ansi.yellow(mark);
                case NOT_DECIDED -> ansi.cyan(mark);
                default -> ansi.dim(mark);
            };
            out.append("  ").append(colored).append(' ').append(PolicyLines.sentence(r)).append('\n');
        }
    }

    private static void drift(Plan plan, Ansi ansi, StringBuilder out) {
        out.append(ansi.bold("Note: Objects have changed outside of platctl")).append("\n\n");
        out.append("platctl detected the following changes made outside of platctl since the last apply:\n\n");
        for (Drift d : plan.drift()) {
            for (String line : ResourceBlock.human(d, ansi)) out.append(line).append('\n');
            out.append('\n');
        }
        if (plan.mode() != Plan.Mode.REFRESH_ONLY)
            out.append("Unless you have made equivalent changes to your configuration, the following plan may "
                    + "include actions to undo or respond to these changes.\n\n");
    }

    private static void changes(Plan plan, Ansi ansi, StringBuilder out) {
        out.append("platctl will perform the following actions:\n\n");
        for (ResourceChange c : plan.changes()) {
            if (c.action() == Action.NO_OP) continue;
            for (String line : ResourceBlock.human(c, ansi)) out.append(line).append('\n');
            out.append('\n');
        }
        out.append(ansi.bold("Plan:")).append(' ').append(PlanCounts.of(plan).text()).append(".\n");
    }
}
