package dev.platctl.providers.builtin;

import dev.platctl.engine.provider.ProviderException;

import java.time.Duration;
import java.util.Objects;

/** The delay the provider's {@code latency_ms} setting adds to every call that would reach the outside world. */
final class SimulatedLatency {
    private final Sleeper sleeper;
    private volatile Duration delay = Duration.ZERO;

    SimulatedLatency(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    void set(Duration delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
    }

    Duration delay() {
        return delay;
    }

    /** Waits before the call; an interrupt aborts the call before it has done anything. */
    void pause(String call) {
        Duration d = delay;
        if (d.isZero()) return;
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("cannot " + call + ": interrupted while waiting out the simulated latency",
                    false, e);
        }
    }
}
