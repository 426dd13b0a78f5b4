package dev.platctl.state.postgres;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateStoreException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A held lock on one stack of a {@link PostgresStateStore}. Its writes go through the session that holds the advisory
 * lock, each in one small transaction that also bumps the serial; if that session is lost the lock is gone and so
 * is the right to write, so a writer whose lock was taken away can never overwrite its successor.
 */
final class PostgresStackLock implements StackLock {
    private final PostgresStateStore owner;
    private final StateRows rows;
    private final String stack;
    private final LockInfo info;
    private final Connection session;
    private boolean released;

    PostgresStackLock(PostgresStateStore owner, StateRows rows, String stack, LockInfo info, Connection session) {
        this.owner = owner;
        this.rows = rows;
        this.stack = stack;
        this.info = info;
        this.session = session;
    }

    String stack() {
        return stack;
    }

    @Override
    public LockInfo info() {
        return info;
    }

    @Override
    public synchronized StackState current() {
        return inTransaction("read", c -> rows.stack(c, stack));
    }

    @Override
    public synchronized void put(ResourceState resource) {
        inTransaction("write", c -> {
            rows.putResource(c, stack, resource);
            return rows.bumpSerial(c, stack);
        });
    }

    @Override
    public synchronized void remove(ResourceAddress address) {
        inTransaction("write", c -> rows.deleteResource(c, stack, address) ? rows.bumpSerial(c, stack) : 0L);
    }

    @Override
    public synchronized void appendHistory(HistoryEntry entry) {
        inTransaction("write", c -> {
            long serial = rows.bumpSerial(c, stack);
            rows.appendHistory(c, stack, serial, entry);
            return serial;
        });
    }

    @Override
    public synchronized void restore(StackState snapshot, List<HistoryEntry> history) {
        inTransaction("restore", c -> {
            rows.restore(c, stack, snapshot, history);
            return snapshot.serial();
        });
    }

    @Override
    public void close() {
        owner.release(this);
    }

    /** Removes the lock row and ends the session, which frees the advisory lock; does nothing the second time. */
    synchronized void end() {
        if (released) return;
        released = true;
        try {
            rows.deleteLockRow(session, stack, info.id());
            session.commit();
        } catch (SQLException ignored) {
            // a row left behind is stale once the session ends, and the next holder replaces it
        }
        PostgresStateStore.closeQuietly(session);
    }

    private <T> T inTransaction(String verb, PostgresStateStore.SqlWork<T> work) {
        if (released)
            throw new IllegalStateException("cannot " + verb + " stack '" + stack + "': its lock was released");
        try {
            T result = work.run(session);
            session.commit();
            return result;
        } catch (SQLException e) {
            if (sessionLost()) {
                released = true;
                PostgresStateStore.closeQuietly(session);
                owner.lost(this);
                throw new StateStoreException("cannot " + verb + " stack '" + stack + "': the database session holding"
                        + " its lock was lost (" + e.getMessage() + "), so the lock is gone and this change may not"
                        + " have been recorded; run plan again to see where the stack stands", e);
            }
            rollbackQuietly();
            throw new StateStoreException("cannot " + verb + " stack '" + stack + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private boolean sessionLost() {
        try {
            return session.isClosed() || !session.isValid(2);
        } catch (SQLException e) {
            return true;
        }
    }

    private void rollbackQuietly() {
        try {
            session.rollback();
        } catch (SQLException ignored) {
            // the next write fails the same way and says so
        }
    }
}
