package dev.platctl.state.postgres;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.value.Value;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A second platctl process for the tests: takes a stack's lock in a PostgreSQL store, writes one resource, prints
 * {@code locked <pid>} and holds the lock until its standard input closes or it is killed.
 * Arguments: {@code <jdbc url> <schema> <stack>}; credentials come from the environment, as in platctl.
 */
public final class PostgresChildMain {
    private PostgresChildMain() {
    }

    public static void main(String[] args) throws Exception {
        long pid = ProcessHandle.current().pid();
        LockInfo me = new LockInfo("child-" + pid, "apply", "child", "testhost", pid, Instant.now());
        try (StateStore store = new PostgresStateStoreFactory().open(Path.of("."), Value.object(Map.of(
                "url", Value.of(args[0]), "schema", Value.of(args[1]))));
             StackLock lock = store.lock(args[2], me, Duration.ZERO)) {
            ResourceAddress a = new ResourceAddress(args[2], "platctl_data", "from_child");
            lock.put(new ResourceState(a, ResourceStatus.CREATED, Value.object(Map.of("value", Value.of("child"))),
                    List.of(), "platctl:" + a, ""));
            System.out.println("locked " + pid);
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
