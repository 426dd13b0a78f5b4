package dev.platctl.state.postgres;

import dev.platctl.engine.state.StateStoreException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/** Opens connections to the state database with the credentials taken from the environment. */
final class PostgresConnector {
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;

    PostgresConnector(String url, Optional<String> user, Optional<String> password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The URL without its query string, for messages. */
    String where() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    Connection open() {
        Properties p = new Properties();
        user.ifPresent(u -> p.setProperty("user", u));
        password.ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", "platctl");
        p.setProperty("connectTimeout", "10");
        p.setProperty("tcpKeepAlive", "true");
        try {
            return DriverManager.getConnection(url, p);
        } catch (SQLException e) {
            String hint = e.getSQLState() != null && e.getSQLState().startsWith("28")
                    ? " (credentials come from PGUSER and PGPASSWORD, or ~/.pgpass)" : "";
            throw new StateStoreException("cannot connect to PostgreSQL at " + where() + ": " + e.getMessage() + hint, e);
        }
    }

    @Override
    public String toString() {
        return "PostgresConnector[" + where() + ", user " + user.orElse("(driver default)") + "]";
    }
}
