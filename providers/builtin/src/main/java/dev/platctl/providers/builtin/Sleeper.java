package dev.platctl.providers.builtin;

import java.time.Duration;

/** Waits for a while; injected so that tests can count simulated latency instead of waiting for it. */
@FunctionalInterface
public interface Sleeper {
    Sleeper THREAD = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
