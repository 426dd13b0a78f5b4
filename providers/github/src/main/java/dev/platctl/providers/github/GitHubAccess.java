package dev.platctl.providers.github;

import dev.platctl.engine.provider.ProviderException;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The configured owner and the API client, made on first use so that a workspace without GitHub resources needs no token. */
final class GitHubAccess {
    private final Map<String, String> environment;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Optional<Path> cacheDir;
    private volatile GitHubSettings settings = GitHubSettings.DEFAULT;
    private GitHubClient client;
    private HttpClient http;

    GitHubAccess(Map<String, String> environment, Clock clock, Sleeper sleeper, Optional<Path> cacheDir) {
        this.environment = Map.copyOf(environment);
        this.cacheDir = cacheDir;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    synchronized void configure(GitHubSettings settings) {
        this.settings = settings;
        this.client = null;
    }

    GitHubSettings settings() {
        return settings;
    }

    String owner() {
        return settings.owner().orElseThrow(() -> new ProviderException(
                "provider \"github\" needs owner: set owner = \"<organization>\" in its provider block"));
    }

    synchronized GitHubClient client() {
        if (client == null) {
            String token = environment.get(settings.tokenEnv());
            if (token == null || token.isBlank())
                throw new ProviderException("provider \"github\" has no token: set the environment variable "
                        + settings.tokenEnv() + " to a GitHub token (or name another variable with token_env)");
            if (http == null)
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                        .followRedirects(HttpClient.Redirect.NORMAL).build();
            EtagCache etags = cacheDir.map(d -> EtagCache.onDisk(d, EtagCache.identity("token", token), EtagCache.DEFAULT_MAX_ENTRIES, clock))
                    .orElseGet(EtagCache::inMemory);
            client = new GitHubClient(http, settings.baseUrl(), token, clock, sleeper, settings.writeInterval(), etags);
        }
        return client;
    }

    /** {@code /repos/{owner}/{name}} followed by {@code rest}. */
    String repoPath(String repository, String rest) {
        return "/repos/" + GitHubClient.seg(owner()) + "/" + GitHubClient.seg(repository) + rest;
    }
}
