package dev.platctl.engine.provider;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What a provider gets from the engine when it is created: the workspace directory (relative paths
 * resolve against it), a clock, a random source, the process environment, and whether it is {@code offline}.
 * An offline provider serves {@code platctl validate} and module tests: the engine only plans with it, against no
 * state, and it plans from the configuration alone, without calling its API or needing credentials (a kubeconfig, a
 * region, a token); what only the API could tell (a kubeconfig's default namespace) is planned as unknown. Problems
 * with its settings and the configuration are still diagnostics.
 */
public record ProviderContext(Path workspaceDir, Clock clock, Supplier<RandomGenerator> random,
                              Map<String, String> environment, boolean offline) {
    public ProviderContext {
        environment = Map.copyOf(environment);
    }

    /** An online context: the provider may call its API. */
    public ProviderContext(Path workspaceDir, Clock clock, Supplier<RandomGenerator> random, Map<String, String> environment) {
        this(workspaceDir, clock, random, environment, false);
    }

    /** The same context, offline. */
    public ProviderContext asOffline() {
        return new ProviderContext(workspaceDir, clock, random, environment, true);
    }
}
