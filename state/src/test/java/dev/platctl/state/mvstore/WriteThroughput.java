package dev.platctl.state.mvstore;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.value.Value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures durable writes per second of the local store, single-threaded and with 16 threads (group commit);
 * run by hand: {@code java -cp <test classpath> dev.platctl.state.mvstore.WriteThroughput [dir] [writes]}.
 */
public final class WriteThroughput {
    private WriteThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("platctl-bench");
        int writes = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        run(dir.resolve("single.mv.db"), 1, Math.min(writes, 2_000));
        run(dir.resolve("parallel.mv.db"), 16, writes);
    }

    private static void run(Path file, int threads, int writes) throws Exception {
        LockInfo me = new LockInfo("bench", "apply", "bench", "localhost", ProcessHandle.current().pid(), Instant.now());
        long openStart = System.nanoTime();
        try (MvStoreStateStore store = new MvStoreStateStore(file, Clock.systemUTC());
             StackLock lock = store.lock("bench", me, Duration.ZERO)) {
            long opened = System.nanoTime() - openStart;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = thread; i < writes; i += threads) lock.put(resource(i));
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
            long took = System.nanoTime() - start;
            pool.shutdown();
            System.out.printf("%2d thread(s): %6d durable writes in %6.0f ms = %8.0f writes/s (open %.0f ms, file %d KB)%n",
                    threads, writes, took / 1e6, writes / (took / 1e9), opened / 1e6, Files.size(file) / 1024);
        }
        long closed = System.nanoTime();
        try (MvStoreStateStore store = new MvStoreStateStore(file, Clock.systemUTC())) {
            long readStart = System.nanoTime();
            int n = store.read("bench").resources().size();
            System.out.printf("   reopen and read %d resources: %.0f ms; close+reopen+read %.0f ms; file after close %d KB%n",
                    n, (System.nanoTime() - readStart) / 1e6, (System.nanoTime() - closed) / 1e6, Files.size(file) / 1024);
        }
    }

    private static ResourceState resource(int i) {
        ResourceAddress a = new ResourceAddress("bench", "platctl_data", "r", new dev.platctl.engine.address.InstanceKey.IntKey(i));
        return new ResourceState(a, ResourceStatus.CREATED, Value.object(Map.of(
                "id", Value.of("res-" + i), "size", Value.of(i), "password", Value.of("pw" + i).sensitive(),
                "tags", Value.object(Map.of("team", Value.of("bench"), "index", Value.of(i))))),
                List.of(), "platctl:" + a, "bench@1.0.0");
    }
}
