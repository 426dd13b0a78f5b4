package dev.platctl.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encrypted local state through the real CLI (child JVMs, since the key comes from the environment). */
class StateEncryptionEndToEndTest {
    private static final String KEY_A = key(1);
    private static final String KEY_B = key(2);

    @TempDir
    Path ws;

    private static String key(int seed) {
        byte[] k = new byte[32];
        new Random(seed).nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    @BeforeEach
    void encryptedQuickstart() throws Exception {
        ExampleCopy.into("quickstart", ws);
        ExampleCopy.backend(ws, "backend \"local\" {\n  encryption_key_env = \"STATE_KEY\"\n}");
    }

    private ChildCli platctl(Map<String, String> env, String... args) throws InterruptedException {
        ChildCli cli = ChildCli.start(ws, env, args);
        cli.awaitExit();
        return cli;
    }

    private String password() throws Exception {
        String secrets = Files.readString(ws.resolve("out/payments/payments-api.secrets"));
        assertTrue(secrets.startsWith("DB_PASSWORD="), secrets);
        return secrets.substring("DB_PASSWORD=".length()).trim();
    }

    private String stateBytes() throws Exception {
        return new String(Files.readAllBytes(ws.resolve(".platctl/state.mv.db")), StandardCharsets.ISO_8859_1);
    }

    @Test
    void applyKeepsGeneratedPasswordsOutOfTheStateFileAndAWrongKeySaysSo() throws Exception {
        ChildCli apply = platctl(Map.of("STATE_KEY", KEY_A), "apply", "--auto-approve");
        assertEquals(0, apply.exitCode(), apply::transcript);
        String password = password();
        assertTrue(password.length() >= 16, password);

        assertFalse(stateBytes().contains(password), "the generated password is not in the state file");
        assertTrue(stateBytes().contains("payments-api.random_password.db"), "addresses stay readable");

        ChildCli again = platctl(Map.of("STATE_KEY", KEY_A), "plan", "--detailed-exitcode");
        assertEquals(0, again.exitCode(), again::transcript);

        ChildCli wrong = platctl(Map.of("STATE_KEY", KEY_B), "plan");
        assertEquals(1, wrong.exitCode(), wrong::transcript);
        assertTrue(wrong.stderr().contains("Error: cannot decrypt state: wrong key ("), wrong::transcript);
        assertFalse(wrong.stderr().contains("damaged"), wrong::transcript);

        ChildCli unset = platctl(Map.of(), "state", "list");
        assertEquals(1, unset.exitCode(), unset::transcript);
        assertTrue(unset.stderr().contains("the encryption key variable STATE_KEY is not set"), unset::transcript);
    }

    @Test
    void rekeyMovesEveryStackToTheNewKey() throws Exception {
        assertEquals(0, platctl(Map.of("STATE_KEY", KEY_A), "apply", "--auto-approve").exitCode());

        ChildCli rekey = platctl(Map.of("STATE_KEY", KEY_A, "NEW_STATE_KEY", KEY_B), "state", "rekey", "--new-key-env", "NEW_STATE_KEY");
        assertEquals(0, rekey.exitCode(), rekey::transcript);
        assertTrue(rekey.stdout().contains("Stack payments: re-encrypted 2 resources with sensitive values."), rekey::transcript);
        assertTrue(rekey.stdout().contains("Now set encryption_key_env = \"NEW_STATE_KEY\""), rekey::transcript);

        ExampleCopy.backend(ws, "backend \"local\" {\n  encryption_key_env = \"NEW_STATE_KEY\"\n}");
        ChildCli plan = platctl(Map.of("NEW_STATE_KEY", KEY_B), "plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), plan::transcript);
        assertFalse(stateBytes().contains(password()));

        ChildCli history = platctl(Map.of("NEW_STATE_KEY", KEY_B), "state", "history", "--stack", "payments");
        assertTrue(history.stdout().contains("state rekey"), history::transcript);
    }
}
