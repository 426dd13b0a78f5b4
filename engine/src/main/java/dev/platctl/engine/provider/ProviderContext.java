package dev.platctl.engine.provider;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What a provider gets from the engine when it is created: the workspace directory (relative paths
 * resolve against it), a clock, a random source, and the process environment.
 */
public record ProviderContext(Path workspaceDir, Clock clock, Supplier<RandomGenerator> random,
                              Map<String, String> environment) {
    public ProviderContext {
        environment = Map.copyOf(environment);
    }
}
