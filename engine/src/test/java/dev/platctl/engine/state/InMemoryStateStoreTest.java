package dev.platctl.engine.state;

import java.nio.file.Path;

/** Runs the state store contract against the in-memory store. */
class InMemoryStateStoreTest extends StateStoreContractTest {
    @Override
    protected StateStore newStore(Path dir) {
        return new InMemoryStateStore();
    }
}
