package dev.platctl.engine.graph;

import java.util.Optional;

/**
 * Observes a walk as it goes, for progress output and for committing finished work.
 *
 * <p>Methods are called from worker threads (and {@link #nodeCancelled} also from the walking
 * thread), several at a time, so implementations must be thread-safe. For one node the calls are
 * ordered: {@code nodeStarted} before {@code nodeFinished}; a dependency's {@code nodeFinished}
 * happens before a dependent's {@code nodeStarted}; a failure's {@code nodeFinished} happens before
 * the {@code nodeSkipped} calls it causes. Every call has returned when {@link Walker#walk} returns.
 * A listener should not throw: an exception from {@code nodeStarted} or {@code nodeFinished} makes
 * the node FAILED with it (the action is not run, or its dependents are skipped), and one from
 * {@code nodeSkipped} or {@code nodeCancelled} is kept as the node's error in the result.
 */
public interface WalkListener<V> {

    /** A listener that ignores everything. */
    static <V> WalkListener<V> none() {
        return new WalkListener<>() {
        };
    }

    /** The node's action is about to run, on the calling thread. */
    default void nodeStarted(V node) {
    }

    /** The node's action returned {@code outcome} (SUCCEEDED or FAILED), with what it threw if anything. */
    default void nodeFinished(V node, NodeOutcome outcome, Optional<Throwable> error) {
    }

    /** The node will not run because {@code becauseOf}, the node that FAILED, is among its direct or indirect dependencies. */
    default void nodeSkipped(V node, V becauseOf) {
    }

    /** The node will not run because the walk was cancelled before it started. */
    default void nodeCancelled(V node) {
    }
}
