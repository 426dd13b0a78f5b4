package dev.platctl.providers.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the next write may start: a token bucket holding {@link #BURST} writes, refilled one per {@code interval},
 * measured from the start of one write to the start of the next. A small apply pays nothing; a large one settles at one
 * write per interval, the pace GitHub asks of mutative requests. Not thread-safe: the client calls it under its write lock.
 */
final class WritePacing {
    /** Writes that may go back to back before pacing starts. */
    static final int BURST = 10;

    private final Duration interval;
    private final Clock clock;
    /** When the bucket would next be full if no write came; null before the first write. */
    private Instant full;

    WritePacing(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /** How long the next write must wait for a token: zero while the bucket holds one. */
    Duration delay() {
        if (interval.isZero() || full == null) return Duration.ZERO;
        Instant now = clock.instant();
        Instant allowed = full.minus(interval.multipliedBy(BURST - 1));
        return now.isBefore(allowed) ? Duration.between(now, allowed) : Duration.ZERO;
    }

    /** Takes a token: a write starts now. */
    void start() {
        if (interval.isZero()) return;
        Instant now = clock.instant();
        full = (full == null || full.isBefore(now) ? now : full).plus(interval);
    }
}
