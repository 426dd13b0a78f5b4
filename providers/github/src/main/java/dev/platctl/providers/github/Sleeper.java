package dev.platctl.providers.github;

import java.time.Duration;

/**
 * Waits (a rate limit, the pacing of writes); injected so that tests see the waits without spending them. A wait ends
 * early with {@link InterruptedException} when the thread is interrupted (Ctrl-C).
 */
@FunctionalInterface
interface Sleeper {
    /** {@link Thread#sleep}, rounded up to the next millisecond so that a wait never ends before its time. */
    Sleeper REAL = d -> {
        long millis = d.toMillis();
        Thread.sleep(millis, d.minusMillis(millis).getNano());
    };

    void sleep(Duration duration) throws InterruptedException;
}
