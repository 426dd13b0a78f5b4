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

    /**
     * A provider call ({@code verb}: create, update, destroy) failed with a retryable error ({@code message}) and is
     * made again after {@code delay}, as attempt {@code attempt} of {@code maxAttempts}.
     */
    default void retrying(ResourceChange change, String verb, int attempt, int maxAttempts, Duration delay, String message) {
    }

    /** A create's intent was recorded, or an interrupted step was tidied up. */
    default void note(String message) {
    }
}
