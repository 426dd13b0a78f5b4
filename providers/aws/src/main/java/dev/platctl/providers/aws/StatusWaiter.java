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
     * What is waited for, for messages: the call that waits ({@code create}), the object's type and AWS id, and what
     * the object is called in a sentence ({@code instance}, {@code table}).
     */
    record Subject(String verb, String type, String id, String noun) {
    }

    /**
     * Returns once {@code status} (empty when the object is gone) reaches {@code goal}, which may be {@link #GONE}.
     *
     * @param failed statuses from which the goal cannot be reached
     * @param hint   what the user can do on timeout, such as raising the timeout
     */
    String await(Subject subject, Supplier<Optional<String>> status, String goal, Set<String> failed, Duration timeout, String hint) {
        Instant deadline = clock.instant().plus(timeout);
        Duration pause = first;
        String waitingFor = goal.equals(GONE) ? "for the " + subject.noun() + " to be deleted" : "for status \"" + goal + "\"";
        while (true) {
            String last = status.get().orElse(GONE);
            if (last.equals(goal)) return last;
            if (failed.contains(last))
                throw failure(subject, "the status became \"" + last + "\" while waiting "
                        + (goal.equals(GONE) ? waitingFor : "for \"" + goal + "\"")
                        + "; see the RDS events of the " + subject.noun() + " for why", null);
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero())
                throw failure(subject, "timed out after " + Timeouts.format(timeout) + " waiting " + waitingFor + "; the last status was \""
                        + last + "\"; " + hint, null);
            try {
                sleeper.sleep(pause.compareTo(left) < 0 ? pause : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(subject, "interrupted while waiting " + waitingFor + "; the last status was \"" + last + "\"", e);
            }
            Duration next = pause.plus(pause.dividedBy(2));
            pause = next.compareTo(longest) > 0 ? longest : next;
        }
    }

    private static ProviderException failure(Subject s, String reason, Throwable cause) {
        return ProviderException.of(s.verb(), s.type(), s.id(), reason, false, cause);
    }
}
