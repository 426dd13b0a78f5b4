package dev.platctl.engine.plan;

/** The lineage and serial of a stack a plan was made against; apply refuses the plan when they moved. */
public record StackSnapshot(String stack, String lineage, long serial) {
}
