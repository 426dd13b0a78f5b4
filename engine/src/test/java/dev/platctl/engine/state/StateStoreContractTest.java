package dev.platctl.engine.state;

import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link StateStore} backend must show; a backend's test extends this class and says how to
 * open a store in a fresh directory.
 */
public abstract class StateStoreContractTest {
    protected static final Duration NO_WAIT = Duration.ZERO;

    @TempDir
    protected Path dir;
    protected StateStore store;

    /** Opens a store whose data lives in (or is named after) {@code dir}; a second call opens the same data. */
    protected abstract StateStore newStore(Path dir);

    @BeforeEach
    void openStore() {
        store = newStore(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static LockInfo who(String user) {
        return new LockInfo(UUID.randomUUID().toString(), "apply", user, "laptop", 4242,
                Instant.parse("2026-11-25T10:02:00Z"));
    }

    protected static ResourceAddress address(String request, String name) {
        return new ResourceAddress(request, "platctl_data", name);
    }

    protected static ResourceState created(ResourceAddress address, String value) {
        return new ResourceState(address, ResourceStatus.CREATED, Value.object(Map.of("value", Value.of(value))),
                List.of(), "platctl:" + address, "");
    }

    /** A resource that uses every field and every kind of value, including marks. */
    protected static ResourceState everyField() {
        ObjectValue attributes = Value.object(Map.of(
                "name", Value.of("payments-db"),
                "port", Value.of(5432),
                "ratio", Value.of(new BigDecimal("0.125")),
                "encrypted", Value.TRUE,
                "nothing", Value.NULL,
                "password", Value.of("s3cret").sensitive(),
                "endpoint", Value.UNKNOWN,
                "tags", Value.object(Map.of("team", Value.of("payments"), "token", Value.of("t0k").sensitive())),
                "zones", Value.list(List.of(Value.of("eu-west-1a"), Value.UNKNOWN, Value.of("k").sensitive())),
                "secrets", Value.list(List.of(Value.of("a"), Value.of("b"))).sensitive()));
        return new ResourceState(new ResourceAddress("payments-db", "aws_db_instance", "this", new InstanceKey.StringKey("eu \"west\"")),
                ResourceStatus.PENDING_CREATE, attributes,
                List.of(address("payments-net", "vpc"), new ResourceAddress("payments-net", "aws_subnet", "a", new InstanceKey.IntKey(2))),
                "platctl:payments-db.aws_db_instance.this", "postgresql@1.2.0");
    }

    @Test
    void stackNeverWrittenReadsAsEmptyWithSerialZero() {
        StackState s = store.read("payments");

        assertEquals(StackState.empty("payments"), s);
        assertTrue(store.stacks().isEmpty(), "reading a stack does not create it");
        assertTrue(store.history("payments").isEmpty());
    }

    @Test
    void putResourceReadsBackWithEveryFieldAndMark() {
        ResourceState r = everyField();
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(r);
            assertEquals(Map.of(r.address(), r), lock.current().resources(), "the lock sees its own write");
        }

        ResourceState back = store.read("payments").find(r.address()).orElseThrow();
        assertEquals(r, back);
        assertTrue(back.attributes().getOrNull("password").containsSensitive(), "sensitive mark survives");
        assertFalse(back.attributes().getOrNull("endpoint").isWhollyKnown(), "unknown mark survives");
    }

    @Test
    void putReplacesAResourceAndRemoveDeletesIt() {
        ResourceAddress a = address("payments", "one");
        ResourceAddress b = address("payments", "two");
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(created(a, "first"));
            lock.put(created(b, "kept"));
            lock.put(created(a, "second"));
            lock.remove(b);
        }

        StackState s = store.read("payments");
        assertEquals(Map.of(a, created(a, "second")), s.resources());
    }

    @Test
    void removingAnAbsentResourceChangesNothing() {
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(created(address("payments", "one"), "x"));
            lock.remove(address("payments", "absent"));
        }

        assertEquals(1, store.read("payments").serial());
    }

    @Test
    void everyWriteIncrementsTheSerialByOne() {
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(created(address("payments", "one"), "x"));
            assertEquals(1, lock.current().serial());
            lock.put(created(address("payments", "two"), "x"));
            lock.remove(address("payments", "one"));
            lock.appendHistory(history(7, "apply"));
            assertEquals(4, lock.current().serial());
        }

        assertEquals(4, store.read("payments").serial());
    }

    @Test
    void lineageIsFixedAtFirstWriteAndDiffersBetweenStacks() {
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(created(address("payments", "one"), "x"));
        }
        String lineage = store.read("payments").lineage();
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(created(address("payments", "two"), "x"));
        }
        try (StackLock lock = store.lock("search", who("alice"), NO_WAIT)) {
            lock.put(created(address("search", "one"), "x"));
        }

        assertFalse(lineage.isEmpty(), "a written stack has a lineage");
        assertEquals(lineage, store.read("payments").lineage(), "later writes keep the lineage");
        assertNotEquals(lineage, store.read("search").lineage(), "each stack has its own lineage");
    }

    @Test
    void stacksListsEveryWrittenStackInOrder() {
        for (String stack : List.of("search", "payments", "identity")) {
            try (StackLock lock = store.lock(stack, who("alice"), NO_WAIT)) {
                lock.put(created(address(stack, "one"), "x"));
            }
        }
        try (StackLock ignored = store.lock("never-written", who("alice"), NO_WAIT)) {
            assertEquals(List.of("identity", "payments", "search"), new ArrayList<>(store.stacks()));
        }
    }

    @Test
    void secondLockOnAHeldStackNamesTheHolder() {
        LockInfo alice = who("alice");
        try (StackLock held = store.lock("payments", alice, NO_WAIT)) {
            StateLockedException e = assertThrows(StateLockedException.class,
                    () -> store.lock("payments", who("bob"), NO_WAIT));

            assertEquals("payments", e.stack());
            assertEquals(alice, e.heldBy());
            assertTrue(e.getMessage().contains("alice@laptop (pid 4242), operation apply"), e.getMessage());
            assertEquals(alice, held.info());
        }
    }

    @Test
    void otherStacksCanBeLockedWhileOneIsHeld() {
        try (StackLock payments = store.lock("payments", who("alice"), NO_WAIT);
             StackLock search = store.lock("search", who("bob"), NO_WAIT)) {
            payments.put(created(address("payments", "one"), "x"));
            search.put(created(address("search", "one"), "x"));
        }

        assertEquals(Set.of("payments", "search"), store.stacks());
    }

    @Test
    void closingTheLockReleasesIt() {
        store.lock("payments", who("alice"), NO_WAIT).close();

        try (StackLock lock = store.lock("payments", who("bob"), NO_WAIT)) {
            assertEquals("bob", lock.info().who());
        }
    }

    @Test
    void writingThroughAReleasedLockFails() {
        StackLock lock = store.lock("payments", who("alice"), NO_WAIT);
        lock.close();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> lock.put(created(address("payments", "one"), "x")));
        assertTrue(e.getMessage().contains("cannot write stack 'payments'"), e.getMessage());
        assertEquals(0, store.read("payments").serial());
    }

    @Test
    void lockWaitsForAHolderThatReleasesInTime() throws Exception {
        StackLock held = store.lock("payments", who("alice"), NO_WAIT);
        CountDownLatch waiting = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> bob = pool.submit(() -> {
                waiting.countDown();
                try (StackLock lock = store.lock("payments", who("bob"), Duration.ofSeconds(30))) {
                    lock.put(created(address("payments", "one"), "bob"));
                    return lock.info().who();
                }
            });
            waiting.await();
            Thread.sleep(100);
            held.close();

            assertEquals("bob", bob.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, store.read("payments").serial());
    }

    @Test
    void forceUnlockReleasesTheLockWithThatId() {
        LockInfo alice = who("alice");
        StackLock abandoned = store.lock("payments", alice, NO_WAIT);

        store.forceUnlock("payments", alice.id());

        try (StackLock lock = store.lock("payments", who("bob"), NO_WAIT)) {
            assertEquals("bob", lock.info().who());
        }
        assertThrows(IllegalStateException.class, () -> abandoned.put(created(address("payments", "one"), "x")));
    }

    @Test
    void forceUnlockWithAnotherIdFails() {
        try (StackLock ignored = store.lock("payments", who("alice"), NO_WAIT)) {
            StateStoreException e = assertThrows(StateStoreException.class,
                    () -> store.forceUnlock("payments", "not-the-id"));
            assertTrue(e.getMessage().contains("cannot force-unlock stack 'payments'"), e.getMessage());
        }
    }

    @Test
    void historyReadsBackInAppendOrder() {
        List<HistoryEntry> entries = List.of(history(3, "apply"), history(9, "destroy"), history(5, "apply"));
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            entries.forEach(lock::appendHistory);
        }

        assertEquals(entries, store.history("payments"));
        assertTrue(store.history("search").isEmpty());
    }

    @Test
    void readWithoutTheLockSeesTheHoldersWrites() {
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(created(address("payments", "one"), "x"));

            assertEquals(1, store.read("payments").resources().size());
            assertEquals(Set.of("payments"), store.stacks());
        }
    }

    @Test
    void concurrentPutsFromSixteenThreadsAreAllKept() throws Exception {
        int threads = 16;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++)
                        lock.put(created(address("payments", "t" + thread + "_" + i), "v" + i));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        StackState s = store.read("payments");
        assertEquals(threads * perThread, s.resources().size());
        assertEquals(threads * perThread, s.serial());
        assertEquals(created(address("payments", "t15_39"), "v39"), s.find(address("payments", "t15_39")).orElseThrow());
    }

    @Test
    void restoredStackKeepsLineageSerialResourcesAndHistory() {
        ResourceState r = everyField();
        StackState snapshot = new StackState("payments", "3f2c0d6e-0000-4000-8000-000000000001", 41,
                Map.of(r.address(), r, address("payments", "one"), created(address("payments", "one"), "x")));
        List<HistoryEntry> entries = List.of(history(3, "apply"), history(41, "destroy"));
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.restore(snapshot, entries);
            assertEquals(snapshot, lock.current(), "the lock sees the restored stack");
        }

        assertEquals(snapshot, store.read("payments"));
        assertEquals(entries, store.history("payments"));
        assertEquals(Set.of("payments"), store.stacks());
    }

    @Test
    void writesAfterARestoreContinueFromTheRestoredSerial() {
        StackState snapshot = new StackState("payments", "3f2c0d6e-0000-4000-8000-000000000001", 41, Map.of());
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.restore(snapshot, List.of());
            lock.put(created(address("payments", "one"), "x"));
        }

        StackState s = store.read("payments");
        assertEquals(42, s.serial());
        assertEquals(snapshot.lineage(), s.lineage());
    }

    @Test
    void restoreRefusesAStackThatAlreadyHasState() {
        ResourceAddress a = address("payments", "one");
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(created(a, "x"));
            StackState other = new StackState("payments", "3f2c0d6e-0000-4000-8000-000000000001", 9, Map.of());

            StateStoreException e = assertThrows(StateStoreException.class, () -> lock.restore(other, List.of()));
            assertTrue(e.getMessage().startsWith("cannot restore stack 'payments': it already has state"), e.getMessage());
        }

        assertEquals(Map.of(a, created(a, "x")), store.read("payments").resources(), "nothing was overwritten");
    }

    protected static HistoryEntry history(long serial, String operation) {
        return new HistoryEntry(serial, Instant.parse("2026-11-25T10:02:00Z").plusSeconds(serial), "alice", operation,
                "sha256:" + serial, List.of(
                new HistoryEntry.Change("payments.platctl_data.one", "CREATE", "ok", null),
                new HistoryEntry.Change("payments.platctl_data.two", "DELETE", "failed", "cannot delete: gone")));
    }
}
