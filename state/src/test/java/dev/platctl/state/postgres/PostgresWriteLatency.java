package dev.platctl.state.postgres;

import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.value.Value;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Measures the PostgreSQL store on a local embedded server with durable commits ({@code synchronous_commit=on}, {@code fsync=on}):
 * latency of one write (one transaction), a 10,000-resource stack written and read back, and lock/unlock;
 * run by hand: {@code java -cp <test classpath> dev.platctl.state.postgres.PostgresWriteLatency [resources]}.
 */
public final class PostgresWriteLatency {
    private PostgresWriteLatency() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        LockInfo me = new LockInfo("bench", "apply", "bench", "localhost", ProcessHandle.current().pid(), Instant.now());
        try (PostgresServer server = PostgresServer.start(Map.of("synchronous_commit", "on", "fsync", "on"));
             StateStore store = server.factory().open(Path.of("."), server.config("bench"))) {
            try (Connection c = server.admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select current_setting('server_version'), current_setting('synchronous_commit'),"
                         + " current_setting('fsync'), current_setting('wal_sync_method')")) {
                rs.next();
                System.out.printf("PostgreSQL %s, synchronous_commit=%s, fsync=%s, wal_sync_method=%s%n",
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
            long[] lockNanos = new long[200];
            for (int i = 0; i < lockNanos.length; i++) {
                long t = System.nanoTime();
                store.lock("locking", me, Duration.ZERO).close();
                lockNanos[i] = System.nanoTime() - t;
            }
            long[] putNanos = new long[n];
            long start = System.nanoTime();
            try (StackLock lock = store.lock("bench", me, Duration.ZERO)) {
                for (int i = 0; i < n; i++) {
                    long t = System.nanoTime();
                    lock.put(resource(i));
                    putNanos[i] = System.nanoTime() - t;
                }
            }
            long wrote = System.nanoTime() - start;
            long readStart = System.nanoTime();
            int read = store.read("bench").resources().size();
            long readTook = System.nanoTime() - readStart;
            System.out.printf("lock+unlock (connect, advisory lock, lock row): p50 %.2f ms, p99 %.2f ms%n",
                    pct(lockNanos, 50), pct(lockNanos, 99));
            System.out.printf("one durable write (one transaction): p50 %.2f ms, p99 %.2f ms%n", pct(putNanos, 50), pct(putNanos, 99));
            System.out.printf("%d resources written one transaction each in %.0f ms (%.0f writes/s); read back %d in %.0f ms%n",
                    n, wrote / 1e6, n / (wrote / 1e9), read, readTook / 1e6);
        }
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }

    private static ResourceState resource(int i) {
        ResourceAddress a = new ResourceAddress("bench", "platctl_data", "r", new InstanceKey.IntKey(i));
        return new ResourceState(a, ResourceStatus.CREATED, Value.object(Map.of(
                "id", Value.of("res-" + i), "size", Value.of(i), "password", Value.of("pw" + i).sensitive(),
                "tags", Value.object(Map.of("team", Value.of("bench"), "index", Value.of(i))))),
                List.of(), "platctl:" + a, "bench@1.0.0");
    }
}
