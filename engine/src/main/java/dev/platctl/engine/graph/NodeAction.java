package dev.platctl.engine.graph;

/** The work a {@link Walker} does for one node. */
@FunctionalInterface
public interface NodeAction<V> {

    /**
     * Does the work for {@code node}, called at most once per node from a worker thread and only after
     * every dependency succeeded. Returns {@link NodeOutcome#SUCCEEDED} or {@link NodeOutcome#FAILED};
     * anything thrown makes the node FAILED with that exception kept in the result, and any other
     * return value is a bug reported the same way. Implementations run concurrently with each other.
     */
    NodeOutcome run(V node) throws Exception;
}
