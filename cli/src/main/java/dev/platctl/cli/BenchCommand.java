package dev.platctl.cli;

import dev.platctl.cli.bench.BenchRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code platctl bench}: generates workspaces of platctl_data resources and measures plan and apply. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: generate workspaces of N platctl_data resources (wide and deep graphs), measure plan "
                + "(in-process and whole process), apply (with simulated latency), peak heap and state-store time. "
                + "Prints a Markdown table.")
final class BenchCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "1000,10000", description = "Resource counts (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes = new ArrayList<>();

    @Option(names = "--latencies", split = ",", defaultValue = "0,50", description = "Simulated latency per call in ms (default: ${DEFAULT-VALUE}).")
    List<Integer> latencies = new ArrayList<>();

    @Option(names = "--shapes", split = ",", defaultValue = "wide,deep", description = "wide and/or deep (default: ${DEFAULT-VALUE}).")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--chain", defaultValue = "100", description = "Resources per request; in deep graphs, the chain length (default: ${DEFAULT-VALUE}).")
    int chain;

    @Option(names = "--parallelism", defaultValue = "256", description = "Apply parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--no-process", description = "Skip the whole-process plan timing (which starts a JVM per scenario).")
    boolean noProcess;

    @Override
    public Integer call() throws Exception {
        new BenchRun(sizes, latencies, shapes, chain, parallelism, !noProcess, System.out).run();
        return 0;
    }
}
