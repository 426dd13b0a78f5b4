package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;

import java.util.Set;

/**
 * How to plan: the mode, whether to read real objects first, the resources to limit the plan to, and whether
 * the person planning allows deleting or replacing what policies protect ({@code --allow-destroy}).
 */
public record PlanOptions(Plan.Mode mode, boolean refresh, Set<ResourceAddress> targets, boolean allowDestroy) {
    public PlanOptions {
        targets = Set.copyOf(targets);
    }

    public PlanOptions(Plan.Mode mode, boolean refresh, Set<ResourceAddress> targets) {
        this(mode, refresh, targets, false);
    }

    public static PlanOptions normal() {
        return new PlanOptions(Plan.Mode.NORMAL, true, Set.of());
    }
}
