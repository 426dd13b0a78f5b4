package dev.platctl.state.postgres;

import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.value.Value;
import dev.platctl.state.crypto.EncryptedStateContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encryption at rest in PostgreSQL: the bytes searched are every row of every state table, as text. */
@ExtendWith(PostgresServerExtension.class)
class PostgresEncryptionTest extends EncryptedStateContractTest {
    private final PostgresServer server;

    PostgresEncryptionTest(PostgresServer server) {
        this.server = server;
    }

    private String schema() {
        return "e_" + Long.toHexString(AdvisoryKey.of("encryption", dir.toString()).value() & Long.MAX_VALUE);
    }

    @Override
    protected StateStore open(Map<String, Value> settings, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("PGUSER", PostgresServer.USER);
        return new PostgresStateStoreFactory(env::get).open(dir, Value.object(merged(server.config(schema()).attributes(), settings)));
    }

    @Override
    protected byte[] storedBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            for (String table : List.of("stacks", "resources", "history", "locks")) {
                try (ResultSet rs = s.executeQuery("select t::text from " + schema() + "." + table + " t")) {
                    while (rs.next()) out.writeBytes((rs.getString(1) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return out.toByteArray();
    }

    @Test
    void aSharedStoreWithoutAKeyWarnsThatSecretsAreReadable() {
        try (StateStore plain = open(Map.of(), Map.of()); StateStore sealed = open(withKey("K"), Map.of("K", KEY_A))) {
            assertEquals(1, plain.warnings().size());
            assertTrue(plain.warnings().get(0).contains("keeps sensitive values (passwords, keys) unencrypted"),
                    plain.warnings().get(0));
            assertEquals(List.of(), sealed.warnings());
        }
    }
}
