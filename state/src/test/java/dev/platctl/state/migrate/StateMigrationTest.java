package dev.platctl.state.migrate;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.engine.value.Value;
import dev.platctl.state.mvstore.MvStoreStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copying stacks between stores: everything kept, verified, the source untouched, safe to run twice. */
class StateMigrationTest {
    private static final LockInfo WHO = new LockInfo("lock-1", "state migrate", "alice", "laptop", 4242,
            Instant.parse("2026-11-25T10:02:00Z"));

    @TempDir
    Path dir;

    private static ResourceState resource(String request, String value) {
        return new ResourceState(new ResourceAddress(request, "random_password", "db"), ResourceStatus.CREATED,
                Value.object(Map.of("length", Value.of(24), "result", Value.of(value).sensitive())), List.of(), "k", "");
    }

    private static void fill(StateStore store, String stack, String value) {
        try (StackLock lock = store.lock(stack, WHO, Duration.ZERO)) {
            lock.put(resource(stack + "-api", value));
            lock.appendHistory(new HistoryEntry(2, Instant.parse("2026-11-25T10:03:00Z"), "alice", "apply", "sha256:1",
                    List.of(new HistoryEntry.Change(stack + "-api.random_password.db", "CREATE", "ok", ""))));
        }
    }

    @Test
    void copiesEveryStackWithLineageSerialAndHistoryAndLeavesTheSourceAsItWas() {
        try (StateStore source = new MvStoreStateStore(dir.resolve("source.mv.db"), Clock.systemUTC());
             StateStore target = new InMemoryStateStore()) {
            fill(source, "payments", "s3cret");
            fill(source, "search", "other");
            String before = StackChecksum.of(source.read("payments"), source.history("payments"));

            StateMigration migration = new StateMigration(source, target);
            List<StateMigration.Result> results = migration.copy(migration.stacks(), WHO, Duration.ZERO);

            assertEquals(List.of("payments", "search"), results.stream().map(StateMigration.Result::stack).toList());
            assertEquals(new StateMigration.Result("payments", 1, 1, before, false), results.get(0));
            assertEquals(source.read("payments"), target.read("payments"), "same lineage, serial and resources");
            assertEquals(source.history("search"), target.history("search"));
            assertEquals(before, StackChecksum.of(source.read("payments"), source.history("payments")), "source unchanged");
        }
    }

    @Test
    void runningItAgainFindsTheStacksAlreadyThere() {
        try (StateStore source = new InMemoryStateStore(); StateStore target = new InMemoryStateStore()) {
            fill(source, "payments", "s3cret");
            StateMigration migration = new StateMigration(source, target);
            migration.copy(List.of("payments"), WHO, Duration.ZERO);

            List<StateMigration.Result> again = migration.copy(List.of("payments"), WHO, Duration.ZERO);

            assertTrue(again.get(0).alreadyThere());
            assertEquals(source.read("payments"), target.read("payments"));
        }
    }

    @Test
    void aDifferentStackOfTheSameNameInTheTargetIsNeverOverwritten() {
        try (StateStore source = new InMemoryStateStore(); StateStore target = new InMemoryStateStore()) {
            fill(source, "payments", "s3cret");
            fill(target, "payments", "theirs");

            StateStoreException e = assertThrows(StateStoreException.class,
                    () -> new StateMigration(source, target).copy(List.of("payments"), WHO, Duration.ZERO));

            assertTrue(e.getMessage().startsWith("cannot migrate stack 'payments': the memory backend already has a"
                    + " different stack of that name"), e.getMessage());
            assertEquals(resource("payments-api", "theirs"), target.read("payments").resources().values().iterator().next());
        }
    }

    @Test
    void theChecksumCoversValuesLineageAndHistory() {
        try (StateStore a = new InMemoryStateStore(); StateStore b = new InMemoryStateStore()) {
            fill(a, "payments", "s3cret");
            fill(b, "payments", "s3cret");

            assertNotEquals(StackChecksum.of(a.read("payments"), a.history("payments")),
                    StackChecksum.of(b.read("payments"), b.history("payments")), "lineages differ");
            assertNotEquals(StackChecksum.of(a.read("payments"), a.history("payments")),
                    StackChecksum.of(a.read("payments"), List.of()), "history counts");
        }
    }
}
