package dev.platctl.engine.apply;

import dev.platctl.engine.plan.ResourceChange;

import java.time.Duration;
import java.util.Optional;

/** Hears what an apply does, for progress output. Called from worker threads. */
public interface ApplyListener {
    ApplyListener NONE = new ApplyListener() {
    };

    default void started(ResourceChange change) {
    }

    /** {@code error} is empty on success. */
    default void finished(ResourceChange change, Duration took, Optional<String> error) {
    }

    default void skipped(ResourceChange change, String becauseOf) {
    }

    /** A create's intent was recorded, or an interrupted step was tidied up. */
    default void note(String message) {
    }
}
