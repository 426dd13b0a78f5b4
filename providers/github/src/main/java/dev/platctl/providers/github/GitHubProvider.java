package dev.platctl.providers.github;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider for GitHub, on the REST API throughout (JDK HttpClient + Jackson): org.kohsuke:github-api 1.330
 * has no repository environments, and one small client keeps rate limits, ETags and pagination in one place.
 */
public final class GitHubProvider implements Provider {
    public static final String NAME = "github";

    private final GitHubAccess access;
    private final List<ResourceType> types;

    /** {@code cacheDir}: where conditional requests' ETags are kept between runs; empty: for this process only. */
    GitHubProvider(Map<String, String> environment, Clock clock, Sleeper sleeper, Optional<Path> cacheDir) {
        this(environment, clock, sleeper, cacheDir, false);
    }

    /** {@code offline}: the provider only plans, never calling GitHub nor needing a token. */
    GitHubProvider(Map<String, String> environment, Clock clock, Sleeper sleeper, Optional<Path> cacheDir, boolean offline) {
        access = new GitHubAccess(environment, clock, sleeper, cacheDir, offline);
        types = List.of(new RepositoryType(access), new BranchProtectionType(access), new RepositoryEnvironmentType(access),
                new TeamRepositoryType(access), new ActionsVariableType(access), new RepositoryFileType(access),
                new RepositoryFilesType(access));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AttributeSchema> configSchema() {
        return GitHubSettings.SCHEMA;
    }

    @Override
    public Diagnostics configure(ObjectValue config) {
        Diagnostics diags = new Diagnostics();
        access.configure(GitHubSettings.parse(config, diags), diags);
        return diags;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return types;
    }
}
