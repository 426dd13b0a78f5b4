package dev.platctl.engine.apply;

import dev.platctl.engine.graph.Cancellation;
import dev.platctl.engine.retry.RetryPolicy;

/**
 * How to apply: overall and per-provider parallelism, who applies (for history), a way to stop, whether
 * policies see {@code allow_destroy} when they check the values known only at apply, and how provider calls that
 * fail with a retryable error are retried.
 */
public record ApplyOptions(int parallelism, int perProviderParallelism, String who, String operation,
                           Cancellation cancellation, boolean allowDestroy, RetryPolicy retry) {
    public ApplyOptions(int parallelism, int perProviderParallelism, String who, String operation, Cancellation cancellation) {
        this(parallelism, perProviderParallelism, who, operation, cancellation, false);
    }

    public ApplyOptions(int parallelism, int perProviderParallelism, String who, String operation, Cancellation cancellation,
                        boolean allowDestroy) {
        this(parallelism, perProviderParallelism, who, operation, cancellation, allowDestroy, RetryPolicy.DEFAULT);
    }

    public ApplyOptions {
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        if (perProviderParallelism < 1) perProviderParallelism = parallelism;
        if (retry == null) retry = RetryPolicy.DEFAULT;
    }

    /** The same options with another retry policy. */
    public ApplyOptions withRetry(RetryPolicy r) {
        return new ApplyOptions(parallelism, perProviderParallelism, who, operation, cancellation, allowDestroy, r);
    }
}
