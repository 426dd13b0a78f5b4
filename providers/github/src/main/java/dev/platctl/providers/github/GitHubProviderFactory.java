package dev.platctl.providers.github;

import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ProviderFactory;

import java.util.Optional;

/** Registers the {@code github} provider with {@link java.util.ServiceLoader}. */
public final class GitHubProviderFactory implements ProviderFactory {
    @Override
    public String name() {
        return GitHubProvider.NAME;
    }

    @Override
    public Provider create(ProviderContext context) {
        return new GitHubProvider(context.environment(), context.clock(), Sleeper.REAL,
                Optional.of(context.workspaceDir().resolve(".platctl").resolve("cache").resolve("github")), context.offline());
    }
}
