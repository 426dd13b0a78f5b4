package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;

import java.util.Set;

/**
 * How to plan: the mode, whether to read real objects first, the resources to limit the plan to, the stacks
 * to plan ({@code stacks} empty: every stack; requests in other stacks are neither planned nor touched), and
 * whether the person planning allows deleting or replacing what policies protect ({@code --allow-destroy}).
 */
public record PlanOptions(Plan.Mode mode, boolean refresh, Set<ResourceAddress> targets, Set<String> stacks,
                          boolean allowDestroy) {
    public PlanOptions {
        targets = Set.copyOf(targets);
        stacks = Set.copyOf(stacks);
    }

    public PlanOptions(Plan.Mode mode, boolean refresh, Set<ResourceAddress> targets) {
        this(mode, refresh, targets, Set.of(), false);
    }

    public PlanOptions(Plan.Mode mode, boolean refresh, Set<ResourceAddress> targets, Set<String> stacks) {
        this(mode, refresh, targets, stacks, false);
    }

    public PlanOptions(Plan.Mode mode, boolean refresh, Set<ResourceAddress> targets, boolean allowDestroy) {
        this(mode, refresh, targets, Set.of(), allowDestroy);
    }

    public static PlanOptions normal() {
        return new PlanOptions(Plan.Mode.NORMAL, true, Set.of());
    }

    /** Whether the plan covers {@code stack}. */
    public boolean selects(String stack) {
        return stacks.isEmpty() || stacks.contains(stack);
    }
}
