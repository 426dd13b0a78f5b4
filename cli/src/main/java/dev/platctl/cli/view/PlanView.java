package dev.platctl.cli.view;

import dev.platctl.engine.plan.Plan;

/** Renders a plan for a terminal, for machines (Terraform-shaped JSON) and for pull requests (Markdown). */
public final class PlanView {
    private PlanView() {
    }

    /** Terraform-like text; colour codes only when {@code color} is true. */
    public static String human(Plan plan, boolean color) {
        return human(plan, color, SourceLookup.none());
    }

    /** As {@link #human(Plan, boolean)}, with warnings quoting the source lines they are about. */
    public static String human(Plan plan, boolean color, SourceLookup sources) {
        return PlanText.render(plan, Ansi.of(color), sources);
    }

    /** Terraform's JSON plan shape, sensitive values replaced by null; equal plans give identical bytes. */
    public static String json(Plan plan) {
        return PlanJson.render(plan);
    }

    /** A pull-request comment or CI job summary. */
    public static String markdown(Plan plan) {
        return PlanMarkdown.render(plan);
    }
}
