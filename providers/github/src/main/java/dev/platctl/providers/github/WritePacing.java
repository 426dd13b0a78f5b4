package dev.platctl.providers.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the next write may be sent: a token bucket holding {@link #BURST} writes, refilled one per {@code interval},
 * measured from the start of one send to the start of the next. Every send takes a token, a write sent again after a
 * rate limit or with a renewed token too. A small apply pays nothing; a large one settles at one write per interval,
 * the pace GitHub asks of mutative requests. A rate-limit block empties the bucket: no token accrues while it lasts, so
 * writes resume one per interval when it lifts, not ten back to back. The client takes tokens under its write lock;
 * blocks are reported from any thread.
 */
final class WritePacing {
    /** Writes that may go back to back before pacing starts. */
    static final int BURST = 10;

    private final Duration interval;
    private final Clock clock;
    /** When the bucket would next be full if no write came; null before the first write. */
    private Instant full;
    /** When the last rate-limit block ends: a wait before then is the block's, not the pace's. */
    private Instant pausedUntil = Instant.MIN;

    WritePacing(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /** How long the next write must wait for a token: zero while the bucket holds one. */
    synchronized Duration delay() {
        if (interval.isZero() || full == null) return Duration.ZERO;
        Instant now = clock.instant();
        Instant allowed = full.minus(interval.multipliedBy(BURST - 1));
        return now.isBefore(allowed) ? Duration.between(now, allowed) : Duration.ZERO;
    }

    /** Takes a token: a write is sent now. */
    synchronized void start() {
        if (interval.isZero()) return;
        Instant now = clock.instant();
        full = (full == null || full.isBefore(now) ? now : full).plus(interval);
    }

    /** A rate limit blocks every request until {@code until}: the bucket holds one token then, for the first write. */
    synchronized void pause(Instant until) {
        if (interval.isZero()) return;
        Instant empty = until.plus(interval.multipliedBy(BURST - 1));
        if (full == null || full.isBefore(empty)) full = empty;
        if (until.isAfter(pausedUntil)) pausedUntil = until;
    }

    /** Whether a wait for a token now is a rate limit's block rather than the pace (for what an interrupted wait says). */
    synchronized boolean blocked() {
        return clock.instant().isBefore(pausedUntil);
    }
}
