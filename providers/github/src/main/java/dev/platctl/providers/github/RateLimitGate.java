package dev.platctl.providers.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds every request of one client while a GitHub rate limit blocks it. A request waits until the block's time is up,
 * however often the block was extended meanwhile. When a block lifts, one request (the probe) goes first and the others
 * wait for its answer, so a limit that still holds is met once rather than by every waiting request at once. A
 * secondary limit that names no time blocks for one minute, then two, four... for the client as a whole: the level
 * rises when a request sent since the last block began is refused again, and falls back once such a request gets through.
 */
final class RateLimitGate {
    /** The longest one block lasts, whatever GitHub's headers say. */
    static final Duration MAX_WAIT = Duration.ofHours(1);
    /** The first block on a secondary rate limit that names no time: "wait for at least one minute before retrying". */
    static final Duration SECONDARY_WAIT = Duration.ofMinutes(1);

    /** A request let through: whether it is the probe after a block, and which block it was sent after. */
    record Pass(boolean probe, long block) {
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition probed = lock.newCondition();
    private Instant blockedUntil;
    private boolean probing;
    /** Counts the blocks begun; a request refused after a later block began is already covered by it. */
    private long blocks;
    private int level;

    RateLimitGate(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until this client may send: no block, or the block is over and this request is its probe. */
    Pass enter() throws InterruptedException {
        while (true) {
            Duration wait;
            lock.lockInterruptibly();
            try {
                if (blockedUntil == null) return new Pass(false, blocks);
                Instant now = clock.instant();
                if (!now.isBefore(blockedUntil)) {
                    if (!probing) {
                        probing = true;
                        return new Pass(true, blocks);
                    }
                    probed.await();
                    continue;
                }
                wait = Duration.between(now, blockedUntil);
            } finally {
                lock.unlock();
            }
            sleeper.sleep(wait);
        }
    }

    /**
     * The request got an answer that is not a rate limit: a probe's answer lifts the block and lets the others go. So
     * does the answer of a request sent since the current block began; a late answer to one sent before it says nothing
     * about the block and lifts nothing, or new requests would go while the probe is still out.
     */
    void passed(Pass pass) {
        lock.lock();
        try {
            boolean current = pass.block() == blocks;
            if (current) level = 0;
            if ((pass.probe() || current) && blockedUntil != null && !clock.instant().isBefore(blockedUntil)) {
                blockedUntil = null;
                probed.signalAll();
            }
            endProbe(pass);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The request was refused by a rate limit: blocks the client for {@code named} (the answer's {@code retry-after} or
     * time to {@code x-ratelimit-reset}) or, naming no time, for the next level of the exponential wait.
     */
    void limited(Pass pass, Optional<Duration> named) {
        lock.lock();
        try {
            if (named.isPresent()) blockFor(named.get());
            else if (pass.block() == blocks) blockFor(SECONDARY_WAIT.multipliedBy(1L << Math.min(level++, 10)));
            endProbe(pass);
        } finally {
            lock.unlock();
        }
    }

    /** The request failed without an answer (network, interruption): a probe gives its turn to the next request. */
    void failed(Pass pass) {
        lock.lock();
        try {
            endProbe(pass);
        } finally {
            lock.unlock();
        }
    }

    /** Holds every request, not only the one that was answered so, until {@code d} from now (at most {@link #MAX_WAIT}). */
    void blockFor(Duration d) {
        lock.lock();
        try {
            Instant now = clock.instant();
            Instant until = now.plus(d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d);
            if (blockedUntil == null || !now.isBefore(blockedUntil)) {
                blocks++;
                blockedUntil = until;
            } else if (until.isAfter(blockedUntil)) blockedUntil = until;
        } finally {
            lock.unlock();
        }
    }

    /** When the current block ends, if one holds the client (its time may be up while its probe is out). */
    Optional<Instant> blockedUntil() {
        lock.lock();
        try {
            return Optional.ofNullable(blockedUntil);
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for a probe's answer (for tests). */
    int waitingForProbe() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(probed);
        } finally {
            lock.unlock();
        }
    }

    private void endProbe(Pass pass) {
        if (pass.probe() && probing) {
            probing = false;
            probed.signalAll();
        }
    }
}
