package dev.platctl.cli.bench;

import dev.platctl.engine.Engine;
import dev.platctl.engine.apply.ApplyListener;
import dev.platctl.engine.apply.ApplyOptions;
import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.graph.Cancellation;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ProviderLoader;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.state.StateStores;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Runs the benchmark scenarios and prints one Markdown table row per scenario. */
public final class BenchRun {
    private final List<Integer> sizes;
    private final List<Integer> latencies;
    private final List<String> shapes;
    private final int chain;
    private final int parallelism;
    private final boolean processTiming;
    private final PrintStream out;

    public BenchRun(List<Integer> sizes, List<Integer> latencies, List<String> shapes, int chain, int parallelism,
                    boolean processTiming, PrintStream out) {
        this.sizes = List.copyOf(sizes);
        this.latencies = List.copyOf(latencies);
        this.shapes = List.copyOf(shapes);
        this.chain = chain;
        this.parallelism = parallelism;
        this.processTiming = processTiming;
        this.out = out;
    }

    public void run() throws IOException, InterruptedException {
        out.println("| resources | shape | latency | plan (process) | plan (in-process) | apply | bound | apply/bound | re-plan | peak heap | state writes | state wait (summed over threads) | per write |");
        out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int size : sizes)
            for (String shape : shapes)
                for (int latency : latencies) scenario(size, shape.equals("deep"), latency);
        out.println();
        out.println("bound = max(depth, ceil(resources / parallelism)) x latency, the critical path at parallelism " + parallelism
                + "; depth = " + chain + " for deep graphs, 1 for wide ones.");
    }

    private void scenario(int size, boolean deep, int latency) throws IOException, InterruptedException {
        int perRequest = Math.min(chain, size);
        BenchWorkspace ws = new BenchWorkspace(Math.max(1, size / perRequest), perRequest, deep, latency);
        Path dir = Files.createTempDirectory("platctl-bench");
        try {
            ws.write(dir);
            String processPlan = processTiming ? ms(processPlan(dir)) : "-";
            resetPeaks();
            Diagnostics d = new Diagnostics();
            long t0 = System.nanoTime();
            Configuration cfg = ConfigLoader.load(dir, d).orElseThrow(() -> new IllegalStateException(d.toString()));
            Providers providers = ProviderLoader.load(cfg.workspace().providers(),
                    new ProviderContext(dir, Clock.systemUTC(), SecureRandom::new, System.getenv()), d);
            TimedStateStore store = new TimedStateStore(StateStores.open("local", dir, cfg.workspace().backendConfig()));
            try (providers; store) {
                Engine engine = new Engine(providers, store, Clock.systemUTC(), parallelism);
                LockInfo who = new LockInfo("bench", "bench", "bench", "localhost", ProcessHandle.current().pid(), Instant.now());
                long planNanos, applyNanos, replanNanos;
                ApplyResult result;
                try (StackLocks locks = engine.lock(engine.stacks(Optional.of(cfg)), who, Duration.ZERO)) {
                    Plan plan = engine.plan(cfg, locks, new PlanOptions(Plan.Mode.NORMAL, true, Set.of()), d)
                            .orElseThrow(() -> new IllegalStateException(d.toString()));
                    planNanos = System.nanoTime() - t0;
                    long t1 = System.nanoTime();
                    result = engine.apply(cfg, plan, locks, new ApplyOptions(parallelism, parallelism, "bench", "apply", new Cancellation()),
                            ApplyListener.NONE, cfg.hash());
                    applyNanos = System.nanoTime() - t1;
                    if (!result.succeeded()) throw new IllegalStateException("apply failed: " + result.diagnostics());
                    long t2 = System.nanoTime();
                    Plan again = engine.plan(cfg, locks, new PlanOptions(Plan.Mode.NORMAL, true, Set.of()), d).orElseThrow();
                    replanNanos = System.nanoTime() - t2;
                    if (again.hasChanges()) throw new IllegalStateException("re-plan after apply has changes");
                }
                double bound = Math.max(ws.depth(), Math.ceil((double) size / parallelism)) * latency;
                out.printf(Locale.ROOT, "| %d | %s | %d ms | %s | %s | %s | %s | %s | %s | %d MiB | %d | %s | %.0f µs |%n",
                        size, deep ? "deep" : "wide", latency, processPlan, ms(planNanos), ms(applyNanos),
                        latency == 0 ? "-" : String.format(Locale.ROOT, "%.2f s", bound / 1000),
                        latency == 0 ? "-" : String.format(Locale.ROOT, "%.2f", applyNanos / 1e6 / bound),
                        ms(replanNanos), peakHeapMiB(), store.writes.get(), ms(store.writeNanos.get()),
                        store.writes.get() == 0 ? 0.0 : store.writeNanos.get() / 1e3 / store.writes.get());
                out.flush();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Wall time of a whole {@code platctl plan} process (JVM start included), as a user would see it. */
    private static long processPlan(Path dir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.platctl.cli.Main",
                "-C", dir.toString(), "plan", "--no-color").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        long t0 = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        long took = System.nanoTime() - t0;
        if (code != 0) throw new IllegalStateException("platctl plan exited " + code + " in " + dir + File.separator);
        return took;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) if (b.getType() == MemoryType.HEAP) b.resetPeakUsage();
    }

    private static long peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans())
            if (b.getType() == MemoryType.HEAP) sum += b.getPeakUsage().getUsed();
        return sum / (1024 * 1024);
    }

    private static String ms(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }
}
