package dev.platctl.state.postgres;

import dev.platctl.engine.state.StateStoreException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the state schema to the version this platctl knows, in one transaction that holds an advisory lock, so
 * that processes opening the store at once migrate it exactly once. Applied versions are rows of
 * {@code platctl_schema_version}; a database newer than this platctl is refused rather than written.
 */
final class SchemaMigrator {
    /** One versioned step: the SQL script {@code V<version>__<name>.sql} beside this class. */
    record Migration(int version, String name) {
        String resource() {
            return "V" + version + "__" + name + ".sql";
        }
    }

    static final List<Migration> MIGRATIONS = List.of(new Migration(1, "state_tables"));

    private SchemaMigrator() {
    }

    static int latest() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /** Migrates the schema; returns the versions it applied (empty when it was up to date). */
    static List<Integer> migrate(Connection c, Tables tables) {
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<Integer> applied = migrateInTransaction(c, tables);
                c.commit();
                return applied;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot create or migrate the platctl schema " + tables.quotedSchema()
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<Integer> migrateInTransaction(Connection c, Tables tables) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, tables.migrationLock().value());
            lock.execute();
        }
        try (Statement s = c.createStatement()) {
            if (!schemaExists(c, tables)) s.execute("create schema " + tables.quotedSchema());
            s.execute("create table if not exists " + tables.schemaVersion() + " (version integer primary key,"
                    + " name text not null, installed_at timestamptz not null default now())");
        }
        int current;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(version), 0) from " + tables.schemaVersion())) {
            rs.next();
            current = rs.getInt(1);
        }
        if (current > latest())
            throw new StateStoreException("cannot use the platctl schema " + tables.quotedSchema() + ": it is at version "
                    + current + ", newer than this platctl knows (" + latest() + "); upgrade platctl");
        List<Integer> applied = new ArrayList<>();
        for (Migration m : MIGRATIONS) {
            if (m.version() <= current) continue;
            try (Statement s = c.createStatement()) {
                s.execute(script(m).replace("${schema}", tables.quotedSchema()));
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "insert into " + tables.schemaVersion() + " (version, name) values (?, ?)")) {
                ins.setInt(1, m.version());
                ins.setString(2, m.name());
                ins.executeUpdate();
            }
            applied.add(m.version());
        }
        return List.copyOf(applied);
    }

    private static boolean schemaExists(Connection c, Tables tables) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select 1 from pg_namespace where nspname = ?")) {
            q.setString(1, tables.schema());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String script(Migration m) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(m.resource())) {
            if (in == null) throw new IllegalStateException("migration script " + m.resource() + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration script " + m.resource(), e);
        }
    }
}
