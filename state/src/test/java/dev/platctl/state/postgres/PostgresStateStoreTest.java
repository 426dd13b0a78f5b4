package dev.platctl.state.postgres;

import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateLockedException;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreContractTest;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.engine.state.StateStores;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state store contract on a real PostgreSQL server, plus what only a database shared by many processes can show. */
@ExtendWith(PostgresServerExtension.class)
class PostgresStateStoreTest extends StateStoreContractTest {
    private static final Duration PATIENT = Duration.ofSeconds(30);

    private final PostgresServer server;

    PostgresStateStoreTest(PostgresServer server) {
        this.server = server;
    }

    /** Each test's directory names its own schema; a second store on the same directory is a second process on the same data. */
    @Override
    protected StateStore newStore(Path dir) {
        return server.factory().open(dir, server.config(schema(dir)));
    }

    private static String schema(Path dir) {
        return "t_" + Long.toHexString(AdvisoryKey.of("test", dir.toString()).value() & Long.MAX_VALUE);
    }

    @Test
    void twoProcessesApplyDifferentStacksAtOnceButNeverTheSameStack() {
        try (StateStore other = newStore(dir);
             StackLock payments = store.lock("payments", who("alice"), NO_WAIT);
             StackLock search = other.lock("search", who("bob"), NO_WAIT)) {
            payments.put(created(address("payments", "one"), "x"));
            search.put(created(address("search", "one"), "y"));

            StateLockedException e = assertThrows(StateLockedException.class,
                    () -> other.lock("payments", who("bob"), NO_WAIT));
            assertEquals(payments.info(), e.heldBy(), "the other process reads the holder from the locks table");
            assertTrue(e.getMessage().startsWith("cannot acquire lock on stack 'payments': held by alice@laptop (pid 4242),"
                    + " operation apply"), e.getMessage());
        }
        assertEquals(Set.of("payments", "search"), store.stacks());
    }

    @Test
    void secondProcessWaitsForTheStackAndSeesTheFirstOnesWrites() throws Exception {
        StackLock alice = store.lock("payments", who("alice"), NO_WAIT);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (StateStore other = newStore(dir)) {
            CountDownLatch asking = new CountDownLatch(1);
            Future<StackState> bob = pool.submit(() -> {
                asking.countDown();
                try (StackLock lock = other.lock("payments", who("bob"), PATIENT)) {
                    StackState seen = lock.current();
                    lock.put(created(address("payments", "two"), "bob"));
                    return seen;
                }
            });
            asking.await();
            alice.put(created(address("payments", "one"), "alice"));
            alice.close();

            StackState seenByBob = bob.get(60, TimeUnit.SECONDS);
            assertEquals(1, seenByBob.serial());
            assertEquals(Set.of(address("payments", "one")), seenByBob.resources().keySet());
        } finally {
            pool.shutdownNow();
            alice.close();
        }
        assertEquals(2, store.read("payments").serial());
    }

    @Test
    void killedHolderSessionFreesTheLockAndFencesItsWrites() throws Exception {
        StackLock doomed = store.lock("payments", who("alice"), NO_WAIT);
        doomed.put(created(address("payments", "one"), "alice"));
        terminateBackend(lockRowPid("payments"));

        try (StateStore other = newStore(dir);
             StackLock bob = other.lock("payments", who("bob"), PATIENT)) {
            bob.put(created(address("payments", "two"), "bob"));

            StateStoreException e = assertThrows(StateStoreException.class,
                    () -> doomed.put(created(address("payments", "one"), "late")));
            assertTrue(e.getMessage().contains("cannot write stack 'payments': the database session holding its lock was lost"),
                    e.getMessage());
            StateLockedException locked = assertThrows(StateLockedException.class,
                    () -> store.lock("payments", who("carol"), NO_WAIT));
            assertEquals(bob.info(), locked.heldBy(), "the dead holder's row was replaced by the new holder's");
        }
        StackState s = store.read("payments");
        assertEquals(created(address("payments", "one"), "alice"), s.find(address("payments", "one")).orElseThrow());
        assertEquals(2, s.serial());
        doomed.close();
    }

    @Test
    void killDashNineOfTheHolderProcessDoesNotWedgeTheStack() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PostgresChildMain.class.getName(), server.jdbcUrl(), schema(dir), "payments")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("PGUSER", PostgresServer.USER);
        Process child = pb.start();
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(line != null && line.startsWith("locked "), "the child took the lock, got: " + line);
            long pid = Long.parseLong(line.substring("locked ".length()));
            StateLockedException e = assertThrows(StateLockedException.class,
                    () -> store.lock("payments", who("alice"), NO_WAIT));
            assertEquals(pid, e.heldBy().pid());
            assertTrue(e.getMessage().contains("held by child@testhost (pid " + pid + "), operation apply"), e.getMessage());
        } finally {
            child.destroyForcibly().waitFor();
        }

        try (StackLock lock = store.lock("payments", who("alice"), PATIENT)) {
            assertEquals("alice", lock.info().who());
            assertEquals(Set.of(new ResourceAddress("payments", "platctl_data", "from_child")),
                    lock.current().resources().keySet(), "the killed process's acknowledged write is kept");
        }
    }

    @Test
    void staleLockRowOfADeadHolderIsReplaced() throws Exception {
        try (StackLock ignored = store.lock("payments", who("ghost"), NO_WAIT)) {
            try (Connection c = server.admin(); Statement s = c.createStatement()) {
                s.execute("create table " + schema(dir) + ".saved_locks as select * from " + schema(dir) + ".locks");
            }
        }
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            s.execute("insert into " + schema(dir) + ".locks select * from " + schema(dir) + ".saved_locks");
        }

        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(created(address("payments", "one"), "x"));
        }
        assertEquals(1, store.read("payments").serial());
    }

    @Test
    void forceUnlockEndsTheSessionOfAHolderInAnotherProcess() {
        try (StateStore other = newStore(dir)) {
            LockInfo alice = who("alice");
            StackLock stuck = other.lock("payments", alice, NO_WAIT);

            store.forceUnlock("payments", alice.id());

            try (StackLock bob = store.lock("payments", who("bob"), NO_WAIT)) {
                bob.put(created(address("payments", "one"), "bob"));
            }
            assertThrows(StateStoreException.class, () -> stuck.put(created(address("payments", "one"), "stuck")));
            stuck.close();
        }
        assertEquals(created(address("payments", "one"), "bob"), store.read("payments").find(address("payments", "one")).orElseThrow());
    }

    @Test
    void forceUnlockOfAStackNobodyHoldsSaysSo() {
        StateStoreException e = assertThrows(StateStoreException.class, () -> store.forceUnlock("payments", "3f2c"));

        assertEquals("cannot force-unlock stack 'payments': it is not locked", e.getMessage());
    }

    @Test
    void tenThousandResourcesAreWrittenAndReadBack() {
        int n = 10_000;
        try (StackLock lock = store.lock("big", who("alice"), NO_WAIT)) {
            for (int i = 0; i < n; i++) lock.put(bigResource(i));
        }

        StackState s = store.read("big");
        assertEquals(n, s.resources().size());
        assertEquals(n, s.serial());
        for (int i : List.of(0, 4_321, n - 1)) assertEquals(bigResource(i), s.find(bigResource(i).address()).orElseThrow());
    }

    @Test
    void passwordInTheBackendBlockIsRefused() {
        StateStoreException e = assertThrows(StateStoreException.class, () -> server.factory().open(dir, Value.object(Map.of(
                "url", Value.of(server.jdbcUrl()), "password", Value.of("hunter2")))));
        assertEquals("cannot open backend \"postgres\": a password in platctl.hcl is refused: remove it, and set"
                + " PGPASSWORD in the environment (or use ~/.pgpass) instead", e.getMessage());

        StateStoreException inUrl = assertThrows(StateStoreException.class, () -> server.factory().open(dir, Value.object(Map.of(
                "url", Value.of(server.jdbcUrl() + "?user=postgres&password=hunter2")))));
        assertTrue(inUrl.getMessage().startsWith("cannot open backend \"postgres\": a password in platctl.hcl is refused"),
                inUrl.getMessage());
        assertTrue(!inUrl.getMessage().contains("hunter2"), "the message never repeats the password");
    }

    @Test
    void unknownSettingsAndABadSchemaAreRefused() {
        StateStoreException unknown = assertThrows(StateStoreException.class, () -> server.factory().open(dir,
                Value.object(Map.of("url", Value.of(server.jdbcUrl()), "bucket", Value.of("x")))));
        assertEquals("cannot open backend \"postgres\": unknown setting 'bucket' (settings are url, schema,"
                + " encryption_key_env and previous_encryption_key_env; credentials come from PGUSER and PGPASSWORD)", unknown.getMessage());

        StateStoreException schema = assertThrows(StateStoreException.class, () -> server.factory().open(dir,
                server.config("Robert'); drop table students;--")));
        assertTrue(schema.getMessage().startsWith("cannot open backend \"postgres\": schema must be a lower-case SQL name"),
                schema.getMessage());
    }

    @Test
    void urlComesFromTheEnvironmentWhenTheFileHasNone() {
        PostgresStateStoreFactory factory = new PostgresStateStoreFactory(
                Map.of("PGUSER", PostgresServer.USER, "PLATCTL_PG_URL", server.jdbcUrl())::get);

        try (StateStore s = factory.open(dir, Value.object(Map.of("schema", Value.of(schema(dir)))))) {
            assertEquals(StackState.empty("payments"), s.read("payments"));
        }
    }

    @Test
    void backendIsFoundByNameThroughServiceLoader() {
        try (StateStore s = StateStores.open("postgres", dir, Value.object(Map.of(
                "url", Value.of(server.jdbcUrl() + "?user=" + PostgresServer.USER), "schema", Value.of(schema(dir)))))) {
            assertEquals("postgres", s.backend());
        }
    }

    @Test
    void openingTwiceMigratesOnceAndKeepsTheData() throws Exception {
        try (StackLock lock = store.lock("payments", who("alice"), NO_WAIT)) {
            lock.put(everyField());
            lock.appendHistory(history(1, "apply"));
        }
        StackState before = store.read("payments");
        store.close();

        store = newStore(dir);
        try (StateStore again = newStore(dir)) {
            assertEquals(before, again.read("payments"));
        }
        assertEquals(before, store.read("payments"));
        assertEquals(List.of(history(1, "apply")), store.history("payments"));
        assertEquals(List.of(1), appliedVersions());
        try (Connection c = server.admin()) {
            assertEquals(List.of(), SchemaMigrator.migrate(c, new Tables(schema(dir))), "nothing left to apply");
        }
    }

    @Test
    void processesOpeningAFreshSchemaAtOnceMigrateItOnce() throws Exception {
        store.close();
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            s.execute("drop schema " + schema(dir) + " cascade");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<StateStore>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) opened.add(pool.submit(() -> newStore(dir)));
            for (Future<StateStore> f : opened) f.get(60, TimeUnit.SECONDS).close();
        } finally {
            pool.shutdownNow();
        }
        store = newStore(dir);
        assertEquals(List.of(1), appliedVersions());
    }

    @Test
    void schemaNewerThanThisPlatctlIsRefused() throws Exception {
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            s.execute("insert into " + schema(dir) + ".platctl_schema_version (version, name) values (99, 'future')");
        }

        StateStoreException e = assertThrows(StateStoreException.class, () -> newStore(dir));

        assertTrue(e.getMessage().contains("it is at version 99, newer than this platctl knows (1); upgrade platctl"),
                e.getMessage());
    }

    private List<Integer> appliedVersions() throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection c = server.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version from " + schema(dir) + ".platctl_schema_version order by version")) {
            while (rs.next()) versions.add(rs.getInt(1));
        }
        return versions;
    }

    private int lockRowPid(String stack) throws SQLException {
        try (Connection c = server.admin();
             PreparedStatement q = c.prepareStatement("select backend_pid from " + schema(dir) + ".locks where stack = ?")) {
            q.setString(1, stack);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "the holder wrote its lock row");
                return rs.getInt(1);
            }
        }
    }

    private void terminateBackend(int pid) throws SQLException {
        try (Connection c = server.admin(); PreparedStatement t = c.prepareStatement("select pg_terminate_backend(?)")) {
            t.setInt(1, pid);
            try (ResultSet rs = t.executeQuery()) {
                assertTrue(rs.next() && rs.getBoolean(1), "the holder's session was ended");
            }
        }
    }

    private static ResourceState bigResource(int i) {
        ResourceAddress a = new ResourceAddress("big", "platctl_data", "r", new InstanceKey.IntKey(i));
        return new ResourceState(a, ResourceStatus.CREATED, Value.object(Map.of(
                "id", Value.of("res-" + i), "size", Value.of(i), "password", Value.of("pw" + i).sensitive(),
                "tags", Value.object(Map.of("team", Value.of("big"), "index", Value.of(i))))),
                List.of(), "platctl:" + a, "bench@1.0.0");
    }
}
