package dev.platctl.state.s3;

import dev.platctl.engine.testing.MotoServer;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateLockedException;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreContractTest;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.engine.state.StateStores;
import dev.platctl.engine.value.Value;
import dev.platctl.state.json.ResourceStateJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 backend on moto server: the shared contract, plus what only an object store can get wrong. */
@ExtendWith(MotoServer.class)
class S3StateStoreTest extends StateStoreContractTest {
    private final MotoBucket bucket;

    S3StateStoreTest(MotoServer.Moto moto) {
        this.bucket = new MotoBucket(moto, "platctl-state");
    }

    @Override
    protected StateStore newStore(Path dir) {
        return bucket.create().open();
    }

    @Test
    void motoHonoursConditionalWrites() {
        try (S3Client s3 = bucket.client()) {
            Bucket b = new Bucket(s3, bucket.bucket());
            byte[] first = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
            String etag = b.putIfAbsent("probe.json", first).orElseThrow();

            assertTrue(b.putIfAbsent("probe.json", first).isEmpty(), "If-None-Match: * on an existing object is refused");
            String newer = b.putIfMatch("probe.json", "{\"n\":2}".getBytes(StandardCharsets.UTF_8), etag).orElseThrow();
            assertTrue(b.putIfMatch("probe.json", "{\"n\":3}".getBytes(StandardCharsets.UTF_8), etag).isEmpty(),
                    "If-Match with a stale ETag is refused");
            assertEquals(newer, b.get("probe.json").orElseThrow().etag());
        }
    }

    @Test
    void lockObjectHoldsTheHolderAndASecondProcessSeesItsName() {
        LockInfo alice = who("alice");
        try (StackLock ignored = store.lock("payments", alice, NO_WAIT); StateStore other = bucket.open();
             S3Client s3 = bucket.client()) {
            String lock = s3.getObjectAsBytes(b -> b.bucket(bucket.bucket()).key("platctl/payments/lock.json")).asUtf8String();
            for (String field : List.of(alice.id(), "\"who\":\"alice\"", "\"host\":\"laptop\"", "\"pid\":4242",
                    "\"operation\":\"apply\"", "\"since\":\"2026-11-25T10:02:00Z\""))
                assertTrue(lock.contains(field), field + " in " + lock);

            StateLockedException e = assertThrows(StateLockedException.class, () -> other.lock("payments", who("bob"), NO_WAIT));
            assertEquals(alice, e.heldBy());
            assertTrue(e.getMessage().contains("held by alice@laptop (pid 4242), operation apply, since 2026-11-25T10:02:00Z"),
                    e.getMessage());
        }
    }

    @Test
    void aLockLeftByADeadProcessIsForceUnlockedFromAnother() {
        LockInfo dead = who("ci");
        StateStore crashed = bucket.open();
        crashed.lock("payments", dead, NO_WAIT);
        crashed.close();

        try (StateStore other = bucket.open()) {
            assertThrows(StateLockedException.class, () -> other.lock("payments", who("bob"), NO_WAIT));
            other.forceUnlock("payments", dead.id());
            try (StackLock lock = other.lock("payments", who("bob"), NO_WAIT)) {
                lock.put(created(address("payments", "one"), "bob"));
            }
        }
        assertEquals(1, store.read("payments").serial());
    }

    @Test
    void aStaleWriterNeverOverwritesNewerState() {
        ResourceAddress a = address("payments", "one");
        StackLock stale = store.lock("payments", who("alice"), NO_WAIT);
        stale.put(created(a, "alice"));
        StackState newer = new StackState("payments", store.read("payments").lineage(), 7, Map.of(a, created(a, "bob")));
        try (S3Client s3 = bucket.client()) {
            s3.putObject(b -> b.bucket(bucket.bucket()).key("platctl/payments/state.json"),
                    RequestBody.fromBytes(new StackObject(ResourceStateJson.PLAIN).write(newer)));
        }

        StateConflictException e = assertThrows(StateConflictException.class, () -> stale.put(created(a, "alice again")));
        assertTrue(e.getMessage().startsWith("cannot write stack 'payments': its state object changed since this run read it"
                + " (serial 1 then, 7 now); nothing was overwritten"), e.getMessage());
        assertEquals(newer, store.read("payments"), "the newer state is kept");
        assertThrows(StateStoreException.class, () -> stale.put(created(a, "later")), "the lock writes no more");
        stale.close();
    }

    @Test
    void aWriterWhoseLockWasForceUnlockedCannotWrite() {
        LockInfo alice = who("alice");
        StackLock lost = store.lock("payments", alice, NO_WAIT);
        store.forceUnlock("payments", alice.id());
        try (StateStore other = bucket.open(); StackLock bob = other.lock("payments", who("bob"), NO_WAIT)) {
            bob.put(created(address("payments", "one"), "bob"));

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> lost.put(created(address("payments", "one"), "alice")));
            assertTrue(e.getMessage().contains("its lock (id " + alice.id() + ") was force-unlocked and is now held by someone else"),
                    e.getMessage());
        }
        assertEquals(created(address("payments", "one"), "bob"), store.read("payments").find(address("payments", "one")).orElseThrow());
    }

    @Test
    void tenThousandResourceStackRoundTrips() {
        Map<ResourceAddress, ResourceState> resources = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            ResourceAddress a = address("payments", "r" + i);
            resources.put(a, created(a, "value-" + i));
        }
        ResourceState everyField = everyField();
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.restore(new StackState("payments", "3f2c0d6e-0000-4000-8000-000000000001", 10_000, resources), List.of());
            lock.put(everyField);
            lock.remove(address("payments", "r0"));
        }

        StackState back = store.read("payments");
        assertEquals(10_000, back.resources().size());
        assertEquals(10_002, back.serial());
        assertEquals(created(address("payments", "r9999"), "value-9999"), back.find(address("payments", "r9999")).orElseThrow());
        assertEquals(everyField, back.find(everyField.address()).orElseThrow());
    }

    @Test
    void theBackendIsFoundByNameAndRefusesCredentialsInTheFile() {
        Map<String, Value> settings = new HashMap<>(bucket.config(Map.of()).attributes());
        settings.put("secret_key", Value.of("wJalrXUtnFEMI"));

        StateStoreException e = assertThrows(StateStoreException.class,
                () -> StateStores.open("s3", Path.of("."), Value.object(settings)));
        assertTrue(e.getMessage().startsWith("cannot open backend \"s3\": credentials in platctl.hcl are refused"), e.getMessage());
        StateStoreException unknown = assertThrows(StateStoreException.class,
                () -> StateStores.open("consul", Path.of("."), Value.object(Map.of())));
        assertTrue(unknown.getMessage().endsWith("known backends are local, postgres, s3"), unknown.getMessage());
    }
}
