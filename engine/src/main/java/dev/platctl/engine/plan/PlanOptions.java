package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;

import java.util.Set;

/** How to plan: the mode, whether to read real objects first, and the resources to limit the plan to. */
public record PlanOptions(Plan.Mode mode, boolean refresh, Set<ResourceAddress> targets) {
    public PlanOptions {
        targets = Set.copyOf(targets);
    }

    public static PlanOptions normal() {
        return new PlanOptions(Plan.Mode.NORMAL, true, Set.of());
    }
}
