package dev.platctl.state.mvstore;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.value.Value;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A second process for the cross-process tests: {@code hold <file> <stack>} locks the stack, prints
 * {@code locked <pid>} and waits for stdin to close; {@code write <file> <stack>} also writes resources in a loop,
 * printing each address once its write has returned (is acknowledged).
 */
public final class StoreChildMain {
    private StoreChildMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path file = Path.of(args[1]);
        String stack = args[2];
        long pid = ProcessHandle.current().pid();
        LockInfo me = new LockInfo("child-" + pid, mode.equals("write") ? "apply" : "plan", "child", "testhost", pid,
                Instant.parse("2026-11-25T10:02:00Z"));
        try (MvStoreStateStore store = new MvStoreStateStore(file, Clock.systemUTC());
             StackLock lock = store.lock(stack, me, Duration.ofSeconds(30))) {
            System.out.println("locked " + pid);
            System.out.flush();
            if (mode.equals("write")) {
                for (int i = 0; ; i++) {
                    ResourceAddress a = new ResourceAddress(stack, "platctl_data", "r" + i);
                    lock.put(new ResourceState(a, ResourceStatus.CREATED,
                            Value.object(Map.of("i", Value.of(i), "secret", Value.of("s" + i).sensitive())),
                            List.of(), "platctl:" + a, "test@1.0.0"));
                    System.out.println(a);
                    System.out.flush();
                }
            }
            while (System.in.read() >= 0) {
                continue;
            }
        }
    }
}
