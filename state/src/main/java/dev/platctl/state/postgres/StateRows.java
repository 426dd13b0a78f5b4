package dev.platctl.state.postgres;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.state.json.AddressText;
import dev.platctl.state.json.HistoryEntryJson;
import dev.platctl.state.json.LockInfoJson;
import dev.platctl.state.json.ResourceStateJson;
import dev.platctl.state.json.StateJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The SQL that reads and writes the state tables of one schema; callers own the connection and the transaction.
 * Resource, history and lock rows hold the same JSON records as the other backends.
 */
final class StateRows {
    private final Tables tables;
    private final ResourceStateJson codec;

    StateRows(Tables tables, ResourceStateJson codec) {
        this.tables = tables;
        this.codec = codec;
    }

    SortedSet<String> stacks(Connection c) throws SQLException {
        SortedSet<String> names = new TreeSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select stack from " + tables.stacks())) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }

    /** The stack's row and resources; call inside a repeatable-read transaction for a consistent snapshot. */
    StackState stack(Connection c, String stack) throws SQLException {
        String lineage;
        long serial;
        try (PreparedStatement q = c.prepareStatement("select lineage, serial from " + tables.stacks() + " where stack = ?")) {
            q.setString(1, stack);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) return StackState.empty(stack);
                lineage = rs.getString(1);
                serial = rs.getLong(2);
            }
        }
        Map<ResourceAddress, ResourceState> resources = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("select address, body from " + tables.resources() + " where stack = ?")) {
            q.setString(1, stack);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ResourceAddress a = AddressText.parse(rs.getString(1));
                    resources.put(a, codec.read(stack, a, rs.getString(2)));
                }
            }
        }
        return new StackState(stack, lineage, serial, resources);
    }

    List<HistoryEntry> history(Connection c, String stack) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select body from " + tables.history() + " where stack = ? order by id")) {
            q.setString(1, stack);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) entries.add(HistoryEntryJson.read(rs.getString(1)));
            }
        }
        return entries;
    }

    /** Adds one to the stack's serial, creating its row (with a new lineage) on the first write; returns the new serial. */
    long bumpSerial(Connection c, String stack) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("insert into " + tables.stacks() + " (stack, lineage, serial)"
                + " values (?, ?, 1) on conflict (stack) do update set serial = " + tables.stacks() + ".serial + 1"
                + " returning serial")) {
            u.setString(1, stack);
            u.setString(2, UUID.randomUUID().toString());
            try (ResultSet rs = u.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void putResource(Connection c, String stack, ResourceState r) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("insert into " + tables.resources() + " (stack, address, body)"
                + " values (?, ?, ?::json) on conflict (stack, address) do update set body = excluded.body")) {
            u.setString(1, stack);
            u.setString(2, r.address().toString());
            u.setString(3, codec.write(stack, r));
            u.executeUpdate();
        }
    }

    /** Writes a whole stack copied from elsewhere; the caller holds its lock and commits. */
    void restore(Connection c, String stack, StackState snapshot, List<HistoryEntry> history) throws SQLException {
        try (PreparedStatement i = c.prepareStatement("insert into " + tables.stacks() + " (stack, lineage, serial)"
                + " values (?, ?, ?) on conflict (stack) do nothing")) {
            i.setString(1, stack);
            i.setString(2, snapshot.lineage());
            i.setLong(3, snapshot.serial());
            if (i.executeUpdate() == 0)
                throw new StateStoreException("cannot restore stack '" + stack + "': it already has state in this database");
        }
        try (PreparedStatement i = c.prepareStatement("insert into " + tables.resources() + " (stack, address, body)"
                + " values (?, ?, ?::json)")) {
            for (ResourceState r : snapshot.resources().values()) {
                i.setString(1, stack);
                i.setString(2, r.address().toString());
                i.setString(3, codec.write(stack, r));
                i.addBatch();
            }
            i.executeBatch();
        }
        for (HistoryEntry entry : history) appendHistory(c, stack, entry.serial(), entry);
    }

    /** Returns whether there was a row to delete. */
    boolean deleteResource(Connection c, String stack, ResourceAddress address) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("delete from " + tables.resources() + " where stack = ? and address = ?")) {
            d.setString(1, stack);
            d.setString(2, address.toString());
            return d.executeUpdate() > 0;
        }
    }

    void appendHistory(Connection c, String stack, long serial, HistoryEntry entry) throws SQLException {
        try (PreparedStatement i = c.prepareStatement("insert into " + tables.history() + " (stack, serial, body)"
                + " values (?, ?, ?::json)")) {
            i.setString(1, stack);
            i.setLong(2, serial);
            i.setString(3, HistoryEntryJson.write(entry));
            i.executeUpdate();
        }
    }

    /** Takes the stack's advisory lock for this session if it is free; never waits. */
    boolean tryAdvisoryLock(Connection c, String stack) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            q.setLong(1, tables.stackLock(stack).value());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    void advisoryUnlock(Connection c, String stack) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select pg_advisory_unlock(?)")) {
            q.setLong(1, tables.stackLock(stack).value());
            q.execute();
        }
    }

    /** The backend pid of the session holding the stack's advisory lock, if any. */
    OptionalInt advisoryHolder(Connection c, String stack) throws SQLException {
        AdvisoryKey key = tables.stackLock(stack);
        try (PreparedStatement q = c.prepareStatement("select pid from pg_locks where locktype = 'advisory' and granted"
                + " and objsubid = 1 and classid::bigint = ? and objid::bigint = ?"
                + " and database = (select oid from pg_database where datname = current_database())")) {
            q.setLong(1, key.classId());
            q.setLong(2, key.objId());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    /** Records the holder; the caller holds the advisory lock, so any row already there is stale and replaced. */
    void writeLockRow(Connection c, String stack, LockInfo info) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("insert into " + tables.locks() + " (stack, lock_id, info, backend_pid)"
                + " values (?, ?, ?::json, pg_backend_pid()) on conflict (stack) do update set lock_id = excluded.lock_id,"
                + " info = excluded.info, backend_pid = excluded.backend_pid, acquired_at = now()")) {
            u.setString(1, stack);
            u.setString(2, info.id());
            u.setString(3, StateJson.write(LockInfoJson.toJson(info)));
            u.executeUpdate();
        }
    }

    Optional<LockRow> lockRow(Connection c, String stack) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select info, backend_pid from " + tables.locks() + " where stack = ?")) {
            q.setString(1, stack);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new LockRow(LockInfoJson.fromJson(StateJson.read(rs.getString(1), "lock of stack " + stack)),
                        rs.getInt(2)));
            }
        }
    }

    void deleteLockRow(Connection c, String stack, String lockId) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("delete from " + tables.locks() + " where stack = ? and lock_id = ?")) {
            d.setString(1, stack);
            d.setString(2, lockId);
            d.executeUpdate();
        }
    }
}
