package dev.platctl.engine.graph;

/** How one node of a walk ended. */
public enum NodeOutcome {
    /** The action ran and succeeded; the node's dependents may start. */
    SUCCEEDED,
    /** The action ran and failed or threw; the node's dependents are skipped. */
    FAILED,
    /** The action did not run because a dependency failed or was skipped. */
    SKIPPED,
    /** The action did not run because the walk was cancelled first. */
    CANCELLED
}
