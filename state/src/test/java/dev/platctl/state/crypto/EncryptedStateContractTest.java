package dev.platctl.state.crypto;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encryption at rest that every backend must show: sensitive values never reach storage in plain text when a key is
 * configured, they read back whole, a wrong key says so, and a rotation re-encrypts. A backend's test says how to
 * open its store with extra settings and how to read every byte it stored.
 */
public abstract class EncryptedStateContractTest {
    protected static final String SECRET = "hunter2-correct-horse-battery";
    protected static final String NESTED_SECRET = "t0ken-in-a-list-of-tags";
    protected static final String ADMIN = "admin-user-inside-a-sensitive-object";
    protected static final String PUBLIC = "payments-db-public-name";
    protected static final String KEY_A = key(1);
    protected static final String KEY_B = key(2);

    @TempDir
    protected Path dir;

    /** Opens the store of {@code dir} with the backend block plus {@code settings}, seeing {@code environment}. */
    protected abstract StateStore open(Map<String, Value> settings, Map<String, String> environment);

    /** Every byte the backend has stored for {@code dir} (file contents, or every row as text). */
    protected abstract byte[] storedBytes() throws Exception;

    private static String key(int seed) {
        byte[] k = new byte[32];
        new Random(seed).nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    protected static Map<String, Value> withKey(String variable) {
        return Map.of("encryption_key_env", Value.of(variable));
    }

    private static LockInfo who() {
        return new LockInfo("lock-1", "apply", "alice", "laptop", 4242, Instant.parse("2026-11-25T10:02:00Z"));
    }

    protected static ResourceState secretResource() {
        ObjectValue attrs = Value.object(Map.of(
                "name", Value.of(PUBLIC),
                "password", Value.of(SECRET).sensitive(),
                "endpoint", Value.UNKNOWN.sensitive(),
                "tags", Value.list(List.of(Value.of("team"), Value.of(NESTED_SECRET).sensitive())),
                "settings", Value.object(Map.of("port", Value.of(5432), "admin", Value.of(ADMIN))).sensitive()));
        return new ResourceState(new ResourceAddress("payments-db", "random_password", "db"), ResourceStatus.CREATED, attrs,
                List.of(), "platctl:payments-db.random_password.db", "postgresql@1.2.0");
    }

    protected void write(StateStore store, ResourceState r) {
        try (StackLock lock = store.lock("payments", who(), Duration.ZERO)) {
            lock.put(r);
        }
    }

    private String stored() throws Exception {
        return new String(storedBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void withoutAKeySecretsAreStoredReadablySoTheByteSearchCanFindThem() throws Exception {
        try (StateStore store = open(Map.of(), Map.of())) {
            write(store, secretResource());
        }

        assertTrue(stored().contains(SECRET), "control: the search sees a secret stored in plain text");
    }

    @Test
    void withAKeyNoSensitiveValueIsStoredInPlainTextButTheRestStaysReadable() throws Exception {
        try (StateStore store = open(withKey("STATE_KEY"), Map.of("STATE_KEY", KEY_A))) {
            write(store, secretResource());
        }

        String bytes = stored();
        assertFalse(bytes.contains(SECRET), "the password is encrypted");
        assertFalse(bytes.contains(NESTED_SECRET), "a sensitive list item is encrypted");
        assertFalse(bytes.contains(ADMIN), "a sensitive object is encrypted as a whole");
        assertTrue(bytes.contains(PUBLIC), "attributes that are not sensitive stay readable");
        assertTrue(bytes.contains("payments-db.random_password.db"), "addresses stay readable");
    }

    @Test
    void encryptedValuesReadBackWithEveryMark() {
        ResourceState r = secretResource();
        try (StateStore store = open(withKey("STATE_KEY"), Map.of("STATE_KEY", KEY_A))) {
            write(store, r);
        }

        try (StateStore store = open(withKey("STATE_KEY"), Map.of("STATE_KEY", KEY_A))) {
            assertEquals(r, store.read("payments").find(r.address()).orElseThrow());
        }
    }

    @Test
    void aWrongKeySaysSoAndNamesBothKeys() {
        try (StateStore store = open(withKey("STATE_KEY"), Map.of("STATE_KEY", KEY_A))) {
            write(store, secretResource());
        }

        try (StateStore store = open(withKey("STATE_KEY"), Map.of("STATE_KEY", KEY_B))) {
            StateStoreException e = assertThrows(StateStoreException.class, () -> store.read("payments"));
            assertTrue(e.getMessage().startsWith("cannot decrypt state: wrong key (attribute /"), e.getMessage());
            assertTrue(e.getMessage().contains("of payments-db.random_password.db in stack 'payments' was encrypted"
                    + " with key id " + StateKey.decode(KEY_A, "x").orElseThrow().id()), e.getMessage());
            assertTrue(e.getMessage().contains("key " + StateKey.decode(KEY_B, "x").orElseThrow().id()
                    + " from STATE_KEY"), e.getMessage());
        }
    }

    @Test
    void encryptedStateOpenedWithoutAKeyTellsWhichSettingIsMissing() {
        try (StateStore store = open(withKey("STATE_KEY"), Map.of("STATE_KEY", KEY_A))) {
            write(store, secretResource());
        }

        try (StateStore store = open(Map.of(), Map.of())) {
            StateStoreException e = assertThrows(StateStoreException.class, () -> store.read("payments"));
            assertTrue(e.getMessage().startsWith("cannot decrypt state: attribute /"), e.getMessage());
            assertTrue(e.getMessage().endsWith("and the backend has no key; set encryption_key_env in the backend block"
                    + " to the environment variable that holds it"), e.getMessage());
        }
    }

    @Test
    void aMissingKeyVariableIsAnErrorWhenTheStoreOpens() {
        StateStoreException e = assertThrows(StateStoreException.class, () -> open(withKey("STATE_KEY"), Map.of()));

        assertTrue(e.getMessage().endsWith(": the encryption key variable STATE_KEY is not set; set it to a random"
                + " base64 key of 32 bytes (e.g. the output of: openssl rand -base64 32)"), e.getMessage());
    }

    @Test
    void aKeyWrittenInTheBackendBlockIsRefused() {
        StateStoreException e = assertThrows(StateStoreException.class,
                () -> open(Map.of("encryption_key", Value.of(KEY_A)), Map.of()));

        assertTrue(e.getMessage().contains(": a key in platctl.hcl is refused"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY_A), "the message never repeats the key");
    }

    @Test
    void rekeyReencryptsEveryStackSoOnlyTheNewKeyIsNeeded() throws Exception {
        ResourceState r = secretResource();
        try (StateStore store = open(withKey("OLD_KEY"), Map.of("OLD_KEY", KEY_A))) {
            write(store, r);
        }
        Map<String, String> both = Map.of("OLD_KEY", KEY_A, "NEW_KEY", KEY_B);
        Map<String, Value> rotated = EncryptionSettings.rotated("test", Value.object(withKey("OLD_KEY")), "NEW_KEY").attributes();

        try (StateStore store = open(rotated, both)) {
            List<StateRekey.Result> results = new StateRekey(store, Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"),
                    ZoneOffset.UTC)).run(who(), Duration.ZERO);
            assertEquals(List.of(new StateRekey.Result("payments", 1)), results);
            assertEquals("state rekey", store.history("payments").get(0).operation());
        }

        try (StateStore store = open(withKey("NEW_KEY"), Map.of("NEW_KEY", KEY_B))) {
            assertEquals(r, store.read("payments").find(r.address()).orElseThrow(), "the new key alone reads it");
        }
        try (StateStore store = open(withKey("OLD_KEY"), Map.of("OLD_KEY", KEY_A))) {
            StateStoreException e = assertThrows(StateStoreException.class, () -> store.read("payments"));
            assertTrue(e.getMessage().startsWith("cannot decrypt state: wrong key"), e.getMessage());
        }
        assertFalse(stored().contains(SECRET));
    }

    @Test
    void rekeyEncryptsStateWrittenWithoutAKey() throws Exception {
        try (StateStore store = open(Map.of(), Map.of())) {
            write(store, secretResource());
        }

        Map<String, Value> rotated = EncryptionSettings.rotated("test", Value.object(Map.of()), "NEW_KEY").attributes();
        try (StateStore store = open(rotated, Map.of("NEW_KEY", KEY_B))) {
            new StateRekey(store, Clock.systemUTC()).run(who(), Duration.ZERO);
        }

        assertFalse(stored().contains(SECRET), "what was stored in plain text before the key was set is encrypted now");
        try (StateStore store = open(withKey("NEW_KEY"), Map.of("NEW_KEY", KEY_B))) {
            assertEquals(secretResource(), store.read("payments").resources().values().iterator().next());
        }
    }

    /** Lets a subclass merge the test's settings into its backend block. */
    protected static Map<String, Value> merged(Map<String, Value> base, Map<String, Value> settings) {
        Map<String, Value> out = new HashMap<>(base);
        out.putAll(settings);
        return out;
    }
}
