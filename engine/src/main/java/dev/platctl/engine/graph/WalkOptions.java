package dev.platctl.engine.graph;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a {@link Walker} runs: at most {@code parallelism} actions at once overall, and at most
 * {@code groupLimits.get(g)} at once among the nodes that {@code group} maps to {@code g} (a group
 * without a limit is bounded only by the overall parallelism), reporting to {@code listener} and
 * stopping when {@code cancellation} is cancelled. Start from {@link #parallelism(int)}.
 */
public record WalkOptions<V>(int parallelism, Function<? super V, String> group, Map<String, Integer> groupLimits,
                             WalkListener<? super V> listener, Cancellation cancellation) {

    public WalkOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        Objects.requireNonNull(group, "group");
        groupLimits = Map.copyOf(groupLimits);
        groupLimits.forEach((name, limit) -> {
            if (limit < 1) {
                throw new IllegalArgumentException("limit of group '" + name + "' must be at least 1, got " + limit);
            }
        });
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancellation, "cancellation");
    }

    /** Options with the given overall parallelism, one unlimited group, no listener and a fresh cancellation. */
    public static <V> WalkOptions<V> parallelism(int parallelism) {
        return new WalkOptions<>(parallelism, node -> "", Map.of(), WalkListener.none(), new Cancellation());
    }

    /** These options with nodes grouped by {@code group} (e.g. by provider) and per-group concurrency limits. */
    public WalkOptions<V> withGroups(Function<? super V, String> group, Map<String, Integer> groupLimits) {
        return new WalkOptions<>(parallelism, group, groupLimits, listener, cancellation);
    }

    public WalkOptions<V> withListener(WalkListener<? super V> listener) {
        return new WalkOptions<>(parallelism, group, groupLimits, listener, cancellation);
    }

    public WalkOptions<V> withCancellation(Cancellation cancellation) {
        return new WalkOptions<>(parallelism, group, groupLimits, listener, cancellation);
    }
}
