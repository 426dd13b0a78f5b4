package dev.platctl.state.mvstore;

import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.value.Value;
import dev.platctl.state.crypto.EncryptedStateContractTest;

import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;

/** Encryption at rest in the local MVStore file: the bytes searched are the whole file. */
class MvStoreEncryptionTest extends EncryptedStateContractTest {
    @Override
    protected StateStore open(Map<String, Value> settings, Map<String, String> environment) {
        return new MvStoreStateStoreFactory(Clock.systemUTC(), environment::get)
                .open(dir, Value.object(merged(Map.of("path", Value.of("state.mv.db")), settings)));
    }

    @Override
    protected byte[] storedBytes() throws Exception {
        return Files.readAllBytes(dir.resolve("state.mv.db"));
    }
}
