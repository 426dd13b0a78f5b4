package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The configured owner and the API client, made on first use so that a workspace without GitHub resources needs no
 * token. What the first use finds wrong (no token, an owner the token cannot use, a JWT GitHub refuses) is remembered
 * for the configuration: every later resource gets the same error without asking GitHub again. No token, no owner, an
 * owner the token cannot use, a token GitHub rejects (401, see {@link GitHubClient}) and a JWT it refuses are
 * {@link ProviderConfigurationException}s, which the engine tells once for all the resources. Offline (for
 * {@code platctl validate}) there is no client at all.
 */
final class GitHubAccess {
    private final Map<String, String> environment;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Optional<Path> cacheDir;
    private final boolean offline;
    private volatile Session session = new Session(GitHubSettings.DEFAULT);
    private HttpClient http;

    GitHubAccess(Map<String, String> environment, Clock clock, Sleeper sleeper, Optional<Path> cacheDir) {
        this(environment, clock, sleeper, cacheDir, false);
    }

    /** @param offline whether any use of GitHub is refused: the provider only plans */
    GitHubAccess(Map<String, String> environment, Clock clock, Sleeper sleeper, Optional<Path> cacheDir, boolean offline) {
        this.offline = offline;
        this.environment = Map.copyOf(environment);
        this.cacheDir = cacheDir;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Takes a new configuration. A GitHub App key that is set but cannot be read is reported here, with the other
     * settings' problems; a missing token or key is reported on first use, as a workspace may not use GitHub at all.
     */
    void configure(GitHubSettings settings, Diagnostics diags) {
        if (settings.appAuth().isPresent()) {
            String variable = settings.appAuth().get().privateKeyEnv();
            String pem = environment.get(variable);
            if (pem != null && !pem.isBlank()) {
                try {
                    AppInstallationTokens.privateKey(pem);
                } catch (IllegalArgumentException e) {
                    diags.add(Diagnostic.error("Invalid GitHub App private key", "provider \"github\" cannot read the GitHub App"
                            + " private key in the environment variable " + variable + ": " + e.getMessage() + "."));
                }
            }
        }
        session = new Session(settings);
    }

    GitHubSettings settings() {
        return session.settings;
    }

    String owner() {
        return session.settings.owner().orElseThrow(() -> new ProviderConfigurationException(GitHubProvider.NAME,
                "owner is not set: set owner = \"<organization or user>\" in the provider \"github\" block"));
    }

    GitHubClient client() {
        return session.client();
    }

    /**
     * Whether the owner is an organization or the token's own personal account, asked once per configuration and
     * never while holding a lock another request needs: other callers wait for the first one's answer (or failure).
     * With a token: {@code GET /orgs/{owner}} finds an organization, else {@code GET /user} must name the owner. With
     * {@code app_auth}: {@code GET /app/installations/{id}} says whose the installation is, which must be the owner's, an
     * organization (an App installation cannot create a personal account's repositories).
     */
    boolean ownerIsOrganization() {
        Session s = session;
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> answer = s.ownerCheck.compareAndExchange(null, mine);
        if (answer == null) {
            answer = mine;
            try {
                mine.complete(checkOwner(s));
            } catch (RuntimeException e) {
                if (!isFinal(e)) s.ownerCheck.compareAndSet(mine, null);
                mine.completeExceptionally(e);
            }
        }
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("cannot check owner '" + owner() + "': interrupted", false, e);
        } catch (ExecutionException e) {
            // a copy per caller: each resource's error is its own object
            if (e.getCause() instanceof GitHubApiException g) throw g.copy();
            if (e.getCause() instanceof ProviderConfigurationException c)
                throw new ProviderConfigurationException(c.provider(), c.problem(), c);
            if (e.getCause() instanceof ProviderException p) throw new ProviderException(p.getMessage(), p.retryable(), p);
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Whether a failure of the owner check holds for the whole configuration: a refusal (bad credentials, an owner the
     * token cannot use). A network failure, a server error, a rate limit or an interruption (Ctrl-C while the check
     * waited) may pass, so the next resource asks again.
     */
    private static boolean isFinal(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException) return false;
            if (c instanceof GitHubApiException g) return !g.retryable() && !g.rateLimited();
            if (c instanceof ProviderException p && p.retryable()) return false;
        }
        return true;
    }

    private boolean checkOwner(Session s) {
        GitHubClient c = s.client();
        String owner = owner();
        if (s.app != null) {
            JsonNode account = s.app.installation(c).path("account");
            String login = account.path("login").asText();
            boolean organization = account.path("type").asText().equals("Organization");
            long id = s.settings.appAuth().orElseThrow().installationId();
            if (!login.equalsIgnoreCase(owner))
                throw ownerRefused("cannot use owner '" + owner + "': the GitHub App installation " + id + " is on the "
                        + (organization ? "organization" : "personal account") + " '" + login + "', and its tokens reach only that"
                        + " account's repositories; set owner to '" + login + "', or use the App's installation on '" + owner + "'");
            if (!organization)
                throw ownerRefused("cannot use owner '" + owner + "' with app_auth: '" + owner + "' is a personal account,"
                        + " and an App installation's token cannot create a personal account's repositories (POST /user/repos"
                        + " needs the user's own token); use a personal access token (token_env), or install the App on an organization");
            return true;
        }
        if (c.find("/orgs/" + GitHubClient.seg(owner)).isPresent()) return true;
        String login;
        try {
            login = c.get("/user").path("login").asText();
        } catch (GitHubApiException e) {
            if (e.status() != 403) throw e;
            throw ownerRefused("cannot use owner '" + owner + "': GitHub has no organization '" + owner + "', and this"
                    + " token cannot act as a user (an installation or Actions token?): GET /user answered " + e.getMessage()
                    + "; a personal account's repositories can be created only with that user's own token");
        }
        if (!login.equalsIgnoreCase(owner))
            throw ownerRefused("cannot use owner '" + owner + "': GitHub has no organization '" + owner
                    + "', and the token belongs to the user '" + login + "'; a personal account's repositories can be"
                    + " created only with its own token, so set owner to an organization or to '" + login + "'");
        return false;
    }

    private static ProviderConfigurationException ownerRefused(String problem) {
        return new ProviderConfigurationException(GitHubProvider.NAME, problem);
    }

    /**
     * GitHub's own name for a repository, {@code owner/name}, which failures name the object by; the name alone while the
     * provider has no owner (any call then fails, saying so).
     */
    String repoId(String repository) {
        return session.settings.owner().map(o -> o + "/" + repository).orElse(repository);
    }

    /** {@code /repos/{owner}/{name}} followed by {@code rest}. */
    String repoPath(String repository, String rest) {
        return "/repos/" + GitHubClient.seg(owner()) + "/" + GitHubClient.seg(repository) + rest;
    }

    private synchronized HttpClient http() {
        if (http == null)
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
        return http;
    }

    /** One configuration: its client, made once (or its failure, kept), and its owner check. */
    private final class Session {
        final GitHubSettings settings;
        final AtomicReference<CompletableFuture<Boolean>> ownerCheck = new AtomicReference<>();
        private GitHubClient client;
        private AppInstallationTokens app;
        private ProviderException failure;

        Session(GitHubSettings settings) {
            this.settings = settings;
        }

        synchronized GitHubClient client() {
            if (offline)
                throw new ProviderException("cannot call GitHub: provider \"" + GitHubProvider.NAME + "\" was made offline, to plan"
                        + " without GitHub (platctl validate)");
            if (failure instanceof ProviderConfigurationException c) throw new ProviderConfigurationException(c.provider(), c.problem(), c);
            if (failure != null) throw new ProviderException(failure.getMessage(), false, failure);
            if (client == null) {
                try {
                    GitHubCredentials credentials;
                    if (settings.appAuth().isPresent()) {
                        app = app(settings.appAuth().get());
                        credentials = app;
                    } else credentials = token();
                    EtagCache etags = cacheDir.map(d -> EtagCache.onDisk(d, EtagCache.DEFAULT_MAX_ENTRIES, EtagCache.DEFAULT_MAX_BYTES, clock))
                            .orElseGet(EtagCache::inMemory);
                    client = new GitHubClient(http(), settings.baseUrl(), credentials, clock, sleeper, settings.writeInterval(), etags);
                } catch (ProviderException e) {
                    failure = e;
                    throw e;
                }
            }
            return client;
        }

        private GitHubCredentials token() {
            String token = environment.get(settings.tokenEnv());
            if (token == null || token.isBlank())
                throw new ProviderConfigurationException(GitHubProvider.NAME, "no token: set the environment variable "
                        + settings.tokenEnv() + " to a GitHub token (or name another variable with token_env, or use app_auth)");
            return GitHubCredentials.token(token.trim(), settings.tokenEnv());
        }

        private AppInstallationTokens app(AppAuth auth) {
            String pem = environment.get(auth.privateKeyEnv());
            if (pem == null || pem.isBlank())
                throw new ProviderConfigurationException(GitHubProvider.NAME, "no GitHub App private key: set the environment variable "
                        + auth.privateKeyEnv() + " to the App's private key (the .pem file GitHub generated)");
            try {
                return new AppInstallationTokens(auth.appId(), auth.installationId(), AppInstallationTokens.privateKey(pem), clock);
            } catch (IllegalArgumentException e) {
                throw new ProviderConfigurationException(GitHubProvider.NAME, "cannot read the GitHub App private key in "
                        + auth.privateKeyEnv() + ": " + e.getMessage());
            }
        }
    }
}
