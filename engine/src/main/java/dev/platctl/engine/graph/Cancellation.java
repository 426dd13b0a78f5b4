package dev.platctl.engine.graph;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle that stops a walk: once {@link #cancel()} has returned no new node starts, nodes already
 * running finish and are reported, and the rest end CANCELLED. Thread-safe; cancelling twice is harmless.
 */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            callbacks.forEach(Runnable::run);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Runs {@code callback} on cancel (at once if already cancelled; possibly twice, so it must be
     * idempotent) and returns what removes it again.
     */
    Runnable onCancel(Runnable callback) {
        callbacks.add(callback);
        if (cancelled.get()) {
            callback.run();
        }
        return () -> callbacks.remove(callback);
    }
}
