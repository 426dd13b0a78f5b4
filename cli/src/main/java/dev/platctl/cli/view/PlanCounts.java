package dev.platctl.cli.view;

import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.Plan;

/** How many resources a plan adds, changes and destroys; a replacement counts as one add and one destroy. */
record PlanCounts(long add, long change, long destroy) {

    static PlanCounts of(Plan plan) {
        long replace = plan.count(Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE);
        return new PlanCounts(plan.count(Action.CREATE) + replace, plan.count(Action.UPDATE),
                plan.count(Action.DELETE) + replace);
    }

    /** {@code 3 to add, 1 to change, 2 to destroy}. */
    String text() {
        return add + " to add, " + change + " to change, " + destroy + " to destroy";
    }
}
