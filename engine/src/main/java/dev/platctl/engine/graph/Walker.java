package dev.platctl.engine.graph;

import java.util.Objects;

/** Runs an action for every node of a {@link Dag}, each after its dependencies, on a bounded pool of threads. */
public final class Walker {

    private Walker() {
    }

    /**
     * Walks {@code dag}: a node's action starts as soon as all of its dependencies SUCCEEDED, with at
     * most {@code options.parallelism()} actions running at once (and each group within its limit).
     * When a node FAILED, everything that depends on it directly or indirectly is SKIPPED while the
     * rest of the graph goes on. Cancelling {@code options.cancellation()} or interrupting the calling
     * thread stops new nodes from starting; running ones finish and are reported, the rest end
     * CANCELLED. {@code cancel()} takes effect before it returns; an interrupt takes effect once the
     * walking thread wakes up to it, and is re-asserted before returning.
     *
     * <p>Blocks until every node has an outcome and every listener call has returned. Scheduling is
     * driven by finishing nodes (a dependent is queued when its last dependency finishes), so a walk
     * costs O(nodes + edges) besides the actions. Each call uses its own pool of at most
     * {@code parallelism} threads, shut down before returning; concurrent calls do not share state.
     *
     * @throws IllegalArgumentException if the graph has a cycle (the message holds the cycle path)
     */
    public static <V> WalkResult<V> walk(Dag<V> dag, NodeAction<V> action, WalkOptions<V> options) {
        Objects.requireNonNull(dag, "dag");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(options, "options");
        Cycles.findCycle(dag).ifPresent(cycle -> {
            throw new IllegalArgumentException("cannot walk graph: it has a cycle: " + Cycles.describe(cycle));
        });
        return new Walk<>(dag, action, options).run();
    }
}
