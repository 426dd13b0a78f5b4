package dev.platctl.cli.view;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.Drift;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.policy.PolicyResult;

import java.util.List;

/**
 * The plan as a pull-request comment or CI job summary: a heading with the counts, a table of changes and,
 * per resource, a collapsed diff in a {@code diff} code block.
 */
final class PlanMarkdown {
    private PlanMarkdown() {
    }

    static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        boolean refreshOnly = plan.mode() == Plan.Mode.REFRESH_ONLY;
        if (refreshOnly) {
            out.append(plan.drift().isEmpty() ? "### No drift\n\nEvery object still matches the platctl state.\n"
                    : "### Drift: " + plan.drift().size() + " changed outside of platctl\n");
        } else if (!plan.hasChanges()) {
            out.append("### No changes\n\n").append(plan.mode() == Plan.Mode.DESTROY
                    ? "No objects need to be destroyed.\n" : "Your infrastructure matches the configuration.\n");
        } else {
            out.append("### Plan: ").append(PlanCounts.of(plan).text()).append('\n');
        }
        if (!plan.drift().isEmpty()) drift(plan.drift(), out);
        if (!refreshOnly && plan.hasChanges()) changes(plan.changes(), out);
        policies(PolicyLines.shown(plan), out);
        if (!plan.warnings().isEmpty()) warnings(plan.warnings(), out);
        return out.toString();
    }

    private static void policies(List<PolicyResult> shown, StringBuilder out) {
        if (shown.isEmpty()) return;
        out.append("\n#### Policies\n\n");
        for (PolicyResult r : shown) {
            String emoji = switch (r.outcome()) {
                case VIOLATED -> "⚠️";
                case NOT_DECIDED -> "❔";
                default -> "🛡️";
            };
            out.append("- ").append(emoji).append(' ').append(inline(PolicyLines.sentence(r))).append('\n');
        }
    }

    private static void drift(List<Drift> drift, StringBuilder out) {
        out.append("\n#### Objects changed outside of platctl\n\n");
        out.append("| | Resource | Change |\n|:-:|---|---|\n");
        for (Drift d : drift)
            out.append("| ").append(d.gone() ? "🔴" : "🟡").append(" | ").append(code(d.address().toString()))
                    .append(" | ").append(d.gone() ? "deleted" : "changed").append(" |\n");
        for (Drift d : drift)
            details(d.gone() ? "🔴" : "🟡", d.address().toString(), ResourceBlock.outcome(d),
                    ResourceBlock.block(d, Ansi.OFF), out);
    }

    private static void changes(List<ResourceChange> changes, StringBuilder out) {
        out.append("\n#### Changes\n\n");
        out.append("| | Resource | Action | Reason |\n|:-:|---|---|---|\n");
        for (ResourceChange c : changes) {
            if (c.action() == Action.NO_OP) continue;
            out.append("| ").append(emoji(c.action())).append(" | ").append(code(c.address().toString()))
                    .append(" | ").append(verb(c.action())).append(" | ")
                    .append(ResourceBlock.reason(c).map(r -> cell(c.reason().text())).orElse("")).append(" |\n");
        }
        for (ResourceChange c : changes) {
            if (c.action() == Action.NO_OP) continue;
            details(emoji(c.action()), c.address().toString(), ResourceBlock.outcome(c.action()),
                    ResourceBlock.block(c, Ansi.OFF), out);
        }
    }

    private static void details(String emoji, String address, String outcome, List<DiffLine> block,
                                StringBuilder out) {
        StringBuilder diff = new StringBuilder();
        for (DiffLine l : block) diff.append(l.diffBlock()).append('\n');
        String fence = fence(diff);
        out.append("\n<details><summary>").append(emoji).append(' ').append("<code>").append(html(address))
                .append("</code> ").append(outcome).append("</summary>\n\n")
                .append(fence).append("diff\n").append(diff).append(fence).append("\n\n</details>\n");
    }

    private static void warnings(List<Diagnostic> warnings, StringBuilder out) {
        out.append("\n#### Warnings\n\n");
        for (Diagnostic d : warnings) {
            out.append("- ⚠️ **").append(inline(d.summary())).append("**");
            d.subject().ifPresent(r -> out.append(" (").append(code(r.file() + ":" + r.start().line())).append(')'));
            if (!d.detail().isEmpty()) out.append(": ").append(inline(d.detail()));
            out.append('\n');
        }
    }

    private static String emoji(Action a) {
        return switch (a) {
            case CREATE -> "🟢";
            case UPDATE -> "🟡";
            case DELETE -> "🔴";
            case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> "🔁";
            case READ -> "🔍";
            case NO_OP -> "";
        };
    }

    private static String verb(Action a) {
        return switch (a) {
            case CREATE -> "create";
            case UPDATE -> "update in place";
            case DELETE -> "destroy";
            case DELETE_THEN_CREATE -> "replace (destroy, then create)";
            case CREATE_THEN_DELETE -> "replace (create, then destroy)";
            case READ -> "read";
            case NO_OP -> "no-op";
        };
    }

    /** A code fence longer than any run of backticks in the content, so no value can close it early. */
    private static String fence(CharSequence content) {
        int longest = 0, run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String code(String s) {
        return "`" + s.replace("`", "'") + "`";
    }

    private static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }

    private static String inline(String s) {
        return html(s.replace("\r", "").replace("\n", " "));
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
