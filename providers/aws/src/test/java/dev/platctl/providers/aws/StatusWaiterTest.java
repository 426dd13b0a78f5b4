package dev.platctl.providers.aws;

import dev.platctl.engine.provider.ProviderException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The waiting RDS needs (moto makes instances available at once), on a clock that only the pauses move. */
class StatusWaiterTest {
    /** A clock that stands still until a pause moves it; records the pauses. */
    static final class FakeTime extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        final List<Duration> pauses = new ArrayList<>();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void sleep(Duration d) {
            pauses.add(d);
            now = now.plus(d);
        }
    }

    final FakeTime time = new FakeTime();
    final StatusWaiter waiter = new StatusWaiter(time, time::sleep, Duration.ofSeconds(5), Duration.ofSeconds(30));
    static final StatusWaiter.Subject DB = new StatusWaiter.Subject("create", "aws_db_instance", "payments-db", "instance");

    static java.util.function.Supplier<Optional<String>> statuses(String... s) {
        Deque<String> q = new ArrayDeque<>(List.of(s));
        return () -> {
            String next = q.size() > 1 ? q.poll() : q.peek();
            return next.equals(StatusWaiter.GONE) ? Optional.empty() : Optional.of(next);
        };
    }

    @Test
    void pollsWithGrowingPausesUntilTheGoal() {
        String got = waiter.await(DB, statuses("creating", "creating", "backing-up", "available"),
                "available", Set.of("failed"), Duration.ofMinutes(40), "hint");
        assertEquals("available", got);
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofMillis(7500), Duration.ofMillis(11250)), time.pauses);
    }

    @Test
    void pausesStopGrowingAtTheLongest() {
        waiter.await(DB, statuses("creating", "creating", "creating", "creating", "creating", "creating", "available"),
                "available", Set.of(), Duration.ofHours(1), "hint");
        assertEquals(Duration.ofSeconds(30), time.pauses.get(time.pauses.size() - 1));
    }

    @Test
    void aTimeoutNamesTheGoalTheLastStatusAndWhatToDo() {
        ProviderException e = assertThrows(ProviderException.class, () -> waiter.await(DB,
                statuses("creating", "modifying"), "available", Set.of("failed"), Duration.ofMinutes(2),
                "allow longer with timeouts { create = \"...\" }"));
        assertEquals("cannot create aws_db_instance payments-db: timed out after 2m waiting for status \"available\"; the last"
                + " status was \"modifying\"; allow longer with timeouts { create = \"...\" }", e.getMessage());
        assertEquals(Duration.ofMinutes(2), time.pauses.stream().reduce(Duration.ZERO, Duration::plus),
                "the last pause is cut to the deadline");
    }

    @Test
    void aStatusThatCannotReachTheGoalFailsAtOnce() {
        ProviderException e = assertThrows(ProviderException.class, () -> waiter.await(DB,
                statuses("creating", "incompatible-network"), "available", Set.of("incompatible-network"), Duration.ofMinutes(40), "h"));
        assertEquals("cannot create aws_db_instance payments-db: the status became \"incompatible-network\" while waiting for \"available\";"
                + " see the RDS events of the instance for why", e.getMessage());
        assertEquals(1, time.pauses.size());
    }

    @Test
    void waitingForDeletionEndsWhenTheObjectIsGone() {
        assertEquals(StatusWaiter.GONE, waiter.await(new StatusWaiter.Subject("delete", "aws_db_instance", "payments-db", "instance"), statuses("deleting", StatusWaiter.GONE),
                StatusWaiter.GONE, Set.of(), Duration.ofMinutes(60), "h"));
    }

    /** Waiting for deletion is not waiting for a status: the message says what it waited for in words. */
    @Test
    void aDeletionThatTimesOutSaysItWaitedForTheObjectToBeDeleted() {
        ProviderException e = assertThrows(ProviderException.class, () -> waiter.await(
                new StatusWaiter.Subject("delete", "aws_dynamodb_table", "orders", "table"), statuses("DELETING"), StatusWaiter.GONE,
                Set.of(), Duration.ofMinutes(10), "allow longer"));
        assertEquals("cannot delete aws_dynamodb_table orders: timed out after 10m waiting for the table to be deleted; the last status"
                + " was \"DELETING\"; allow longer", e.getMessage());
        assertTrue(ProviderException.told("destroy", "aws_dynamodb_table shop.aws_dynamodb_table.orders", e).startsWith(
                "cannot destroy aws_dynamodb_table shop.aws_dynamodb_table.orders (orders): timed out after 10m"),
                "the engine names the table by its address and this id");
    }

    @Test
    void timeoutsParseTerraformDurations() {
        assertEquals(Optional.of(Duration.ofMinutes(90)), Timeouts.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), Timeouts.parse("90s"));
        assertEquals(Optional.empty(), Timeouts.parse("40"));
        assertEquals(Optional.empty(), Timeouts.parse("m40"));
        assertEquals("1h30m", Timeouts.format(Duration.ofMinutes(90)));
    }
}
