package dev.platctl.engine.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How every node of a walk ended: {@code outcomes} holds each node of the graph in insertion order,
 * {@code errors} what FAILED nodes threw, {@code skipCauses} the FAILED node behind each SKIPPED one,
 * and {@code cancelled} whether the walk was cancelled or interrupted. Immutable.
 */
public record WalkResult<V>(Map<V, NodeOutcome> outcomes, Map<V, Throwable> errors, Map<V, V> skipCauses,
                            boolean cancelled) {

    public WalkResult {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        skipCauses = Collections.unmodifiableMap(new LinkedHashMap<>(skipCauses));
    }

    public NodeOutcome outcome(V node) {
        NodeOutcome outcome = outcomes.get(node);
        if (outcome == null) {
            throw new IllegalArgumentException("cannot look up outcome of " + node + ": it was not in the walk");
        }
        return outcome;
    }

    public Optional<Throwable> error(V node) {
        return Optional.ofNullable(errors.get(node));
    }

    /** The FAILED node that caused {@code node} to be SKIPPED. */
    public Optional<V> skippedBecauseOf(V node) {
        return Optional.ofNullable(skipCauses.get(node));
    }

    /** The nodes that ended with {@code outcome}, in insertion order. */
    public List<V> nodes(NodeOutcome outcome) {
        List<V> result = new ArrayList<>();
        outcomes.forEach((node, o) -> {
            if (o == outcome) {
                result.add(node);
            }
        });
        return Collections.unmodifiableList(result);
    }

    /** True when every node SUCCEEDED. */
    public boolean succeeded() {
        return outcomes.values().stream().allMatch(o -> o == NodeOutcome.SUCCEEDED);
    }
}
