package dev.platctl.providers.github;

import java.time.Duration;

/** Waits out a rate limit; injected so that tests see the waits without spending them. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
