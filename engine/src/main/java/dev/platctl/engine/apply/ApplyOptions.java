package dev.platctl.engine.apply;

import dev.platctl.engine.graph.Cancellation;

/** How to apply: overall and per-provider parallelism, who applies (for history), and a way to stop. */
public record ApplyOptions(int parallelism, int perProviderParallelism, String who, String operation,
                           Cancellation cancellation) {
    public ApplyOptions {
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        if (perProviderParallelism < 1) perProviderParallelism = parallelism;
    }
}
