package dev.platctl.engine.apply;

import dev.platctl.engine.graph.Cancellation;

/**
 * How to apply: overall and per-provider parallelism, who applies (for history), a way to stop, and whether
 * policies see {@code allow_destroy} when they check the values known only at apply.
 */
public record ApplyOptions(int parallelism, int perProviderParallelism, String who, String operation,
                           Cancellation cancellation, boolean allowDestroy) {
    public ApplyOptions(int parallelism, int perProviderParallelism, String who, String operation, Cancellation cancellation) {
        this(parallelism, perProviderParallelism, who, operation, cancellation, false);
    }

    public ApplyOptions {
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        if (perProviderParallelism < 1) perProviderParallelism = parallelism;
    }
}
