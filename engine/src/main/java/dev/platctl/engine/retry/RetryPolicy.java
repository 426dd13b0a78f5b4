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

    /** The retryable provider error in {@code t}'s cause chain, if there is one. */
    public static Optional<ProviderException> retryable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause())
            if (c instanceof ProviderException p && p.retryable()) return Optional.of(p);
        return Optional.empty();
    }

    /**
     * Runs {@code call}, again after a wait while it fails with a retryable error, attempts are left and {@code stop}
     * is false. A non-retryable error is thrown at once; the last retryable one is thrown with how many attempts were made.
     */
    public <T> T call(Supplier<T> call, BooleanSupplier stop, Listener listener) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                Optional<ProviderException> retryable = retryable(e);
                if (retryable.isEmpty()) throw e;
                if (attempt >= maxAttempts || stop.getAsBoolean()) throw attempt == 1 ? e : gaveUp(e, attempt);
                Duration wait = delayBefore(attempt + 1);
                listener.retrying(attempt + 1, maxAttempts, wait, retryable.get());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw gaveUp(e, attempt);
                }
            }
        }
    }

    private static ProviderException gaveUp(RuntimeException e, int attempts) {
        if (e instanceof ProviderException p && p.reason().isPresent()) return p.appended(" (gave up after " + attempts + " attempts)");
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return new ProviderException(m + " (gave up after " + attempts + " attempts)", true, e);
    }
}
