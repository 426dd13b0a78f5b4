package dev.platctl.providers.aws;

import dev.platctl.engine.provider.ProviderException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Polls an object's status until it reaches a goal, with growing pauses and a deadline; fails at once on a
 * status from which the goal cannot be reached, and on timeout names the last status seen.
 */
final class StatusWaiter {
    /** Pauses the waiting thread; tests pass one that only advances their clock. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** The status meaning the object no longer exists. */
    static final String GONE = "(deleted)";

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration first;
    private final Duration longest;

    StatusWaiter(Clock clock, Sleeper sleeper, Duration first, Duration longest) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.first = first;
        this.longest = longest;
    }

    /** Five seconds after the first poll, growing by half each time up to thirty. */
    static StatusWaiter system() {
        return new StatusWaiter(Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /**
     * Returns once {@code status} (empty when the object is gone) reaches {@code goal}, which may be {@link #GONE}.
     *
     * @param failed statuses from which the goal cannot be reached
     * @param doing  what platctl was doing, for messages: {@code create aws_db_instance payments-db}
     * @param hint   what the user can do on timeout, such as raising the timeout
     */
    String await(String doing, Supplier<Optional<String>> status, String goal, Set<String> failed, Duration timeout, String hint) {
        Instant deadline = clock.instant().plus(timeout);
        Duration pause = first;
        while (true) {
            String last = status.get().orElse(GONE);
            if (last.equals(goal)) return last;
            if (failed.contains(last))
                throw new ProviderException("cannot " + doing + ": the status became \"" + last + "\" while waiting for \"" + goal
                        + "\"; see the RDS events of the instance for why");
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero())
                throw new ProviderException("cannot " + doing + ": timed out after " + Timeouts.format(timeout) + " waiting for status \""
                        + goal + "\"; the last status was \"" + last + "\"; " + hint, false, null);
            try {
                sleeper.sleep(pause.compareTo(left) < 0 ? pause : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException("cannot " + doing + ": interrupted while waiting for status \"" + goal
                        + "\"; the last status was \"" + last + "\"", false, e);
            }
            Duration next = pause.plus(pause.dividedBy(2));
            pause = next.compareTo(longest) > 0 ? longest : next;
        }
    }
}
