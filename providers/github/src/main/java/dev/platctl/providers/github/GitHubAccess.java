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
    private Boolean ownerIsOrganization;
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
        this.ownerIsOrganization = null;
    }

    GitHubSettings settings() {
        return settings;
    }

    String owner() {
        return settings.owner().orElseThrow(() -> new ProviderException(
                "provider \"github\" needs owner: set owner = \"<organization or user>\" in its provider block"));
    }

    synchronized GitHubClient client() {
        if (client == null) {
            if (http == null)
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                        .followRedirects(HttpClient.Redirect.NORMAL).build();
            GitHubCredentials credentials = settings.appAuth().map(this::app).orElseGet(this::token);
            EtagCache etags = cacheDir.map(d -> EtagCache.onDisk(d, credentials.identity(), EtagCache.DEFAULT_MAX_ENTRIES, clock))
                    .orElseGet(EtagCache::inMemory);
            client = new GitHubClient(http, settings.baseUrl(), credentials, clock, sleeper, settings.writeInterval(), etags);
        }
        return client;
    }

    private GitHubCredentials token() {
        String token = environment.get(settings.tokenEnv());
        if (token == null || token.isBlank())
            throw new ProviderException("provider \"github\" has no token: set the environment variable "
                    + settings.tokenEnv() + " to a GitHub token (or name another variable with token_env, or use app_auth)");
        return GitHubCredentials.token(token.trim());
    }

    private GitHubCredentials app(AppAuth app) {
        String pem = environment.get(app.privateKeyEnv());
        if (pem == null || pem.isBlank())
            throw new ProviderException("provider \"github\" has no GitHub App private key: set the environment variable "
                    + app.privateKeyEnv() + " to the App's private key (the .pem file GitHub generated)");
        try {
            return new AppInstallationTokens(http, settings.baseUrl(), app.appId(), app.installationId(),
                    AppInstallationTokens.privateKey(pem), clock);
        } catch (IllegalArgumentException e) {
            throw new ProviderException("cannot read the GitHub App private key in " + app.privateKeyEnv() + ": " + e.getMessage());
        }
    }

    /**
     * Whether the owner is an organization ({@code GET /orgs/{owner}} finds it) or the token's own personal account
     * ({@code GET /user} names it); asked once per configuration. Anything else cannot own what platctl creates.
     */
    synchronized boolean ownerIsOrganization() {
        if (ownerIsOrganization == null) {
            GitHubClient c = client();
            if (c.find("/orgs/" + GitHubClient.seg(owner())).isPresent()) ownerIsOrganization = true;
            else {
                String login = c.get("/user").path("login").asText();
                if (!login.equalsIgnoreCase(owner()))
                    throw new ProviderException("cannot use owner '" + owner() + "': GitHub has no organization '" + owner()
                            + "', and the token belongs to the user '" + login + "'; a personal account's repositories can be"
                            + " created only with its own token, so set owner to an organization or to '" + login + "'");
                ownerIsOrganization = false;
            }
        }
        return ownerIsOrganization;
    }

    /** {@code /repos/{owner}/{name}} followed by {@code rest}. */
    String repoPath(String repository, String rest) {
        return "/repos/" + GitHubClient.seg(owner()) + "/" + GitHubClient.seg(repository) + rest;
    }
}
