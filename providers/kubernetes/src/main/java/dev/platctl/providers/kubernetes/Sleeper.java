package dev.platctl.providers.kubernetes;

import java.time.Duration;

/** How a waiter pauses between polls; tests replace it to move a fake clock instead of sleeping. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
