package dev.platctl.engine.retry;

import dev.platctl.engine.provider.ProviderException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * How a provider call that failed with a retryable error ({@link ProviderException#retryable()}, e.g. throttling that
 * outlasted the SDK's own retries) is tried again: up to {@code maxAttempts} calls in all, waiting between them with
 * capped exponential backoff plus jitter. Waiting goes through {@code sleeper} and the jitter comes from {@code jitter}
 * (a number in [0, 1)), so tests run without waiting and with the same delays every time.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Sleeper sleeper, DoubleSupplier jitter) {
    /** Four attempts, waiting about 2 s, 4 s and 8 s (each between half and all of that) in between. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(30), Sleeper.THREAD,
            () -> ThreadLocalRandom.current().nextDouble());
    /** One attempt: a retryable error fails at once. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Sleeper.THREAD, () -> 0);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        if (initialDelay.isNegative() || maxDelay.isNegative())
            throw new IllegalArgumentException("retry delays must not be negative, got " + initialDelay + " and " + maxDelay);
        if (initialDelay.compareTo(maxDelay) > 0)
            throw new IllegalArgumentException("the initial retry delay " + initialDelay + " exceeds the maximum " + maxDelay);
    }

    /** The same policy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialDelay, maxDelay, sleeper, jitter);
    }

    /** Waits; the only way the engine waits between attempts. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }

    /** Hears about each retry just before its wait: the attempt about to be made, of how many, after what wait, and why. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (attempt, of, delay, cause) -> { };

        void retrying(int attempt, int maxAttempts, Duration delay, ProviderException cause);
    }

    /**
     * The wait before attempt {@code attempt} (2 or more): the capped exponential {@code min(max, initial × 2^(attempt-2))},
     * of which the first half is always waited and the second half scaled by the jitter ("equal jitter": parallel
     * callers that were throttled together spread out, and none retries at once).
     */
    public Duration delayBefore(int attempt) {
        if (attempt < 2) return Duration.ZERO;
        long initial = initialDelay.toMillis();
        long cap = maxDelay.toMillis();
        long exp = initial;
        for (int i = 2; i < attempt && exp < cap; i++) exp *= 2;
        exp = Math.min(exp, cap);
        double j = Math.max(0, Math.min(1, jitter.getAsDouble()));
        return Duration.ofMillis(exp / 2 + Math.round(j * (exp - exp / 2)));
    }

    /**
     * The provider error in {@code t}'s cause chain when it is retryable. The outermost provider error decides: one that
     * ended the attempts ({@link ProviderException#finalWith}) is not retryable even though the failure it carries was.
     */
    public static Optional<ProviderException> retryable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause())
            if (c instanceof ProviderException p) return p.retryable() ? Optional.of(p) : Optional.empty();
        return Optional.empty();
    }

    /**
     * Runs {@code call}, again after a wait while it fails with a retryable error, attempts are left and {@code stop}
     * is false. A non-retryable error is thrown at once. After more than one attempt the last error is thrown saying how
     * the attempts ended ({@code (gave up after 4 attempts)}, or {@code (stopped after 2 attempts)} when {@code stop} or an
     * interrupt ended them), no longer retryable, with that error as its cause.
     */
    public <T> T call(Supplier<T> call, BooleanSupplier stop, Listener listener) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                Optional<ProviderException> retryable = retryable(e);
                if (retryable.isEmpty()) throw e;
                if (attempt >= maxAttempts) throw attempt == 1 ? e : ended(e, "gave up after " + attempt + " attempts");
                if (stop.getAsBoolean()) throw attempt == 1 ? e : ended(e, "stopped after " + attempt + " attempts");
                Duration wait = delayBefore(attempt + 1);
                listener.retrying(attempt + 1, maxAttempts, wait, retryable.get());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw ended(e, "stopped after " + attempt + (attempt == 1 ? " attempt" : " attempts"));
                }
            }
        }
    }

    private static ProviderException ended(RuntimeException e, String how) {
        if (e instanceof ProviderException p && p.reason().isPresent()) return p.finalWith(" (" + how + ")");
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return new ProviderException(m + " (" + how + ")", false, e);
    }
}
