package dev.platctl.state.postgres;

import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateLockedException;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.state.json.ResourceStateJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A state store shared by a team in PostgreSQL: a row per resource, a stacks row with lineage and serial, a history
 * table, and per-stack locks held as session advisory locks (which the server frees when the holder's session
 * ends, however it died) plus a locks row naming the holder.
 */
public final class PostgresStateStore implements StateStore {
    private static final long MAX_BACKOFF_MILLIS = 250;
    private static final Duration SESSION_END_WAIT = Duration.ofSeconds(10);

    /** Work done on one connection inside a transaction the store commits. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final PostgresConnector connector;
    private final Tables tables;
    private final StateRows rows;
    private final Object readMutex = new Object();
    private final Map<String, PostgresStackLock> granted = new ConcurrentHashMap<>();
    private final boolean encrypted;
    private Connection reader;
    private volatile boolean closed;

    /** Connects, and creates or migrates the schema. */
    PostgresStateStore(PostgresConnector connector, Tables tables, ResourceStateJson codec) {
        this.connector = connector;
        this.tables = tables;
        this.rows = new StateRows(tables, codec);
        this.encrypted = codec.keys().seals();
        Connection c = connector.open();
        try {
            SchemaMigrator.migrate(c, tables);
            this.reader = asReader(c);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    @Override
    public String backend() {
        return "postgres";
    }

    /** Where the state lives, for messages: {@code jdbc:postgresql://host:5432/db, schema "platctl"}. */
    public String location() {
        return connector.where() + ", schema " + tables.quotedSchema();
    }

    @Override
    public SortedSet<String> stacks() {
        return reading("the list of stacks", rows::stacks);
    }

    @Override
    public StackState read(String stack) {
        return reading("stack '" + stack + "'", c -> rows.stack(c, stack));
    }

    @Override
    public List<HistoryEntry> history(String stack) {
        return reading("the history of stack '" + stack + "'", c -> rows.history(c, stack));
    }

    /** A database many people read deserves encrypted secrets: says so when no key is configured. */
    @Override
    public List<String> warnings() {
        if (encrypted) return List.of();
        return List.of("state in " + location() + " keeps sensitive values (passwords, keys) unencrypted, readable by"
                + " anyone who can read its tables; set encryption_key_env in the backend block to the environment"
                + " variable holding a key (openssl rand -base64 32)");
    }

    @Override
    public StackLock lock(String stack, LockInfo requester, Duration wait) {
        checkOpen();
        long deadline = System.nanoTime() + wait.toNanos();
        Connection c = connector.open();
        try {
            c.setAutoCommit(true);
            long backoff = 5;
            boolean lastTry = false;
            while (!rows.tryAdvisoryLock(c, stack)) {
                Optional<LockRow> holder = rows.lockRow(c, stack);
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    if (holder.isEmpty() && !lastTry) {
                        lastTry = true;
                        Thread.sleep(20);
                        continue;
                    }
                    throw new StateLockedException(stack, holderInfo(c, stack, holder));
                }
                Thread.sleep(Math.max(1, Math.min(backoff, remaining / 1_000_000)));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                checkOpen();
            }
            rows.writeLockRow(c, stack, requester);
            c.setAutoCommit(false);
            PostgresStackLock lock = new PostgresStackLock(this, rows, stack, requester, c);
            granted.put(stack, lock);
            if (closed) {
                release(lock);
                checkOpen();
            }
            return lock;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StateLockedException locked = new StateLockedException(stack, holderInfo(c, stack, Optional.empty()));
            closeQuietly(c);
            throw locked;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StateStoreException("cannot acquire lock on stack '" + stack + "' in " + location() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Ends a lock whose id is {@code lockId}: a lock of this store is released; a live holder elsewhere has its
     * database session ended (which frees the advisory lock and fences its writes); a row left by a dead holder is
     * removed.
     */
    @Override
    public void forceUnlock(String stack, String lockId) {
        checkOpen();
        PostgresStackLock local = granted.get(stack);
        if (local != null) {
            if (!local.info().id().equals(lockId))
                throw notHeldBy(stack, lockId, local.info());
            release(local);
            return;
        }
        Connection c = connector.open();
        try {
            c.setAutoCommit(true);
            LockRow row = rows.lockRow(c, stack).orElseThrow(() -> new StateStoreException(
                    "cannot force-unlock stack '" + stack + "': it is not locked"));
            if (!row.info().id().equals(lockId)) throw notHeldBy(stack, lockId, row.info());
            if (!rows.tryAdvisoryLock(c, stack)) {
                endHolderSession(c, stack, row);
                waitForAdvisoryLock(c, stack, row);
            }
            rows.deleteLockRow(c, stack, lockId);
            rows.advisoryUnlock(c, stack);
        } catch (SQLException e) {
            throw new StateStoreException("cannot force-unlock stack '" + stack + "' in " + location() + ": "
                    + e.getMessage(), e);
        } finally {
            closeQuietly(c);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (PostgresStackLock lock : List.copyOf(granted.values())) release(lock);
        synchronized (readMutex) {
            closeQuietly(reader);
            reader = null;
        }
    }

    /** Releases a lock of this store (once): removes its row and ends the session that holds the advisory lock. */
    void release(PostgresStackLock lock) {
        granted.remove(lock.stack(), lock);
        lock.end();
    }

    /** Forgets a lock whose session was lost; the server has freed its advisory lock already. */
    void lost(PostgresStackLock lock) {
        granted.remove(lock.stack(), lock);
    }

    private void endHolderSession(Connection c, String stack, LockRow row) throws SQLException {
        OptionalInt pid = rows.advisoryHolder(c, stack);
        if (pid.isEmpty() || pid.getAsInt() != row.backendPid())
            throw new StateStoreException("cannot force-unlock stack '" + stack + "': its lock is changing hands"
                    + " right now; run the command again");
        try (PreparedStatement t = c.prepareStatement("select pg_terminate_backend(?)")) {
            t.setInt(1, row.backendPid());
            try (ResultSet rs = t.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1))
                    throw new StateStoreException("cannot force-unlock stack '" + stack + "': the session holding it"
                            + " (server pid " + row.backendPid() + ") could not be ended");
            }
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState()))
                throw new StateStoreException("cannot force-unlock stack '" + stack + "': not allowed to end the session"
                        + " holding it (server pid " + row.backendPid() + "); connect as the same role, a member of"
                        + " pg_signal_backend, or a superuser", e);
            throw e;
        }
    }

    private void waitForAdvisoryLock(Connection c, String stack, LockRow row) throws SQLException {
        long deadline = System.nanoTime() + SESSION_END_WAIT.toNanos();
        while (!rows.tryAdvisoryLock(c, stack)) {
            if (System.nanoTime() > deadline)
                throw new StateStoreException("cannot force-unlock stack '" + stack + "': the session holding it (server pid "
                        + row.backendPid() + ") was told to end but still holds the lock after " + SESSION_END_WAIT.toSeconds() + "s");
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateStoreException("cannot force-unlock stack '" + stack + "': interrupted", e);
            }
        }
    }

    private static StateStoreException notHeldBy(String stack, String lockId, LockInfo holder) {
        return new StateStoreException("cannot force-unlock stack '" + stack + "': it is held by " + holder.describe()
                + ", not by lock id " + lockId);
    }

    /** The holder to name in a lock error; a session that has not written its row yet is named by its server pid. */
    private LockInfo holderInfo(Connection c, String stack, Optional<LockRow> known) {
        if (known.isPresent()) return known.get().info();
        try {
            Optional<LockRow> row = rows.lockRow(c, stack);
            if (row.isPresent()) return row.get().info();
            int pid = rows.advisoryHolder(c, stack).orElse(0);
            return new LockInfo("unknown", "unknown", "another session", "server pid " + pid, 0, Instant.EPOCH);
        } catch (SQLException e) {
            return new LockInfo("unknown", "unknown", "another session", "unknown", 0, Instant.EPOCH);
        }
    }

    private <T> T reading(String what, SqlWork<T> work) {
        synchronized (readMutex) {
            checkOpen();
            try {
                if (reader == null) reader = asReader(connector.open());
                T result = work.run(reader);
                reader.commit();
                return result;
            } catch (SQLException e) {
                dropReaderIfBroken();
                throw new StateStoreException("cannot read " + what + " from " + location() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                dropReaderIfBroken();
                throw e;
            }
        }
    }

    /** Called under the read mutex: ends the failed read's transaction; a broken connection is closed so that the next read connects again. */
    private void dropReaderIfBroken() {
        if (reader == null) return;
        try {
            reader.rollback();
            if (reader.isValid(2)) return;
        } catch (SQLException ignored) {
            // the connection is unusable; it is replaced below
        }
        closeQuietly(reader);
        reader = null;
    }

    /** Reads run in read-only repeatable-read transactions, so a stack and its resources come from one snapshot. */
    private static Connection asReader(Connection c) {
        try {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StateStoreException("cannot prepare a connection to PostgreSQL: " + e.getMessage(), e);
        }
    }

    static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // the session is gone either way, and with it its advisory locks
        }
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the state store " + location() + " is closed");
    }
}
