package dev.platctl.providers.github;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.platctl.providers.github.GitHubTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint the provider calls, with every status it relies on, answered by the fake and checked against GitHub's
 * OpenAPI description; the table of endpoints is the README's, row for row.
 */
class FakeConformsToGitHubOpenApiTest {
    /** One endpoint: what the provider calls, GitHub's operation, the statuses it handles, the recorded traffic it is checked against. */
    record Endpoint(String method, String path, String operationId, List<Integer> statuses, String recorded) {
        String row() {
            return "| `" + method + " " + path + "` | `" + operationId + "` | "
                    + statuses.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " | " + recorded + " |";
        }
    }

    static final String R = "/repos/{owner}/{repo}";
    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/orgs/{org}", "orgs/get", List.of(200, 404), "`get-organization`"),
            new Endpoint("GET", "/user", "users/get-authenticated", List.of(200, 403), "none"),
            new Endpoint("POST", "/orgs/{org}/repos", "repos/create-in-org", List.of(201, 422),
                    "`create-file` (set-up call); 422 body: `errors`"),
            new Endpoint("POST", "/user/repos", "repos/create-for-authenticated-user", List.of(201), "none"),
            new Endpoint("GET", R, "repos/get", List.of(200, 304, 404), "`get-repository`; ETag and rate-limit headers"),
            new Endpoint("PATCH", R, "repos/update", List.of(200, 422), "`rename-repository`"),
            new Endpoint("DELETE", R, "repos/delete", List.of(204, 404), "`create-file` (clean-up call)"),
            new Endpoint("PUT", R + "/topics", "repos/replace-all-topics", List.of(200), "none"),
            new Endpoint("GET", R + "/branches/{branch}/protection", "repos/get-branch-protection", List.of(200, 404), "`branch-protection`"),
            new Endpoint("PUT", R + "/branches/{branch}/protection", "repos/update-branch-protection", List.of(200), "`branch-protection`"),
            new Endpoint("DELETE", R + "/branches/{branch}/protection", "repos/delete-branch-protection", List.of(204, 404),
                    "`branch-protection`"),
            new Endpoint("GET", R + "/environments/{environment_name}", "repos/get-environment", List.of(200, 404), "none"),
            new Endpoint("PUT", R + "/environments/{environment_name}", "repos/create-or-update-environment", List.of(200), "none"),
            new Endpoint("DELETE", R + "/environments/{environment_name}", "repos/delete-an-environment", List.of(204, 404), "none"),
            new Endpoint("GET", R + "/environments/{environment_name}/deployment-branch-policies", "repos/list-deployment-branch-policies",
                    List.of(200), "none"),
            new Endpoint("POST", R + "/environments/{environment_name}/deployment-branch-policies",
                    "repos/create-deployment-branch-policy", List.of(200), "none"),
            new Endpoint("DELETE", R + "/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}",
                    "repos/delete-deployment-branch-policy", List.of(204), "none"),
            new Endpoint("GET", "/orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}", "teams/check-permissions-for-repo-in-org",
                    List.of(200, 404), "`get-repository` (a repository with permissions)"),
            new Endpoint("PUT", "/orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}", "teams/add-or-update-repo-permissions-in-org",
                    List.of(204), "`branch-protection` (set-up call, legacy `/teams/{id}` path)"),
            new Endpoint("DELETE", "/orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}", "teams/remove-repo-in-org", List.of(204), "none"),
            new Endpoint("POST", R + "/actions/variables", "actions/create-repo-variable", List.of(201), "none"),
            new Endpoint("GET", R + "/actions/variables/{name}", "actions/get-repo-variable", List.of(200, 404), "none"),
            new Endpoint("PATCH", R + "/actions/variables/{name}", "actions/update-repo-variable", List.of(204), "none"),
            new Endpoint("DELETE", R + "/actions/variables/{name}", "actions/delete-repo-variable", List.of(204, 404), "none"),
            new Endpoint("POST", R + "/environments/{environment_name}/variables", "actions/create-environment-variable", List.of(201), "none"),
            new Endpoint("GET", R + "/environments/{environment_name}/variables/{name}", "actions/get-environment-variable",
                    List.of(200, 404), "none"),
            new Endpoint("PATCH", R + "/environments/{environment_name}/variables/{name}", "actions/update-environment-variable",
                    List.of(204), "none"),
            new Endpoint("DELETE", R + "/environments/{environment_name}/variables/{name}", "actions/delete-environment-variable",
                    List.of(204, 404), "none"),
            new Endpoint("GET", R + "/contents/{path}", "repos/get-content", List.of(200, 404), "`get-content`"),
            new Endpoint("PUT", R + "/contents/{path}", "repos/create-or-update-file-contents", List.of(200, 201, 409), "`create-file`"),
            new Endpoint("DELETE", R + "/contents/{path}", "repos/delete-file", List.of(200), "none"),
            new Endpoint("GET", R + "/git/ref/{ref}", "git/get-ref", List.of(200, 404, 409), "`git-refs` (shape of a listed ref)"),
            new Endpoint("POST", R + "/git/refs", "git/create-ref", List.of(201), "`git-refs`"),
            new Endpoint("PATCH", R + "/git/refs/{ref}", "git/update-ref", List.of(200, 422), "`git-refs`"),
            new Endpoint("GET", R + "/git/commits/{commit_sha}", "git/get-commit", List.of(200), "`create-file` (its commit)"),
            new Endpoint("POST", R + "/git/commits", "git/create-commit", List.of(201), "none"),
            new Endpoint("GET", R + "/git/trees/{tree_sha}", "git/get-tree", List.of(200), "none"),
            new Endpoint("POST", R + "/git/trees", "git/create-tree", List.of(201), "none"),
            new Endpoint("GET", R + "/git/blobs/{file_sha}", "git/get-blob", List.of(200), "none"),
            new Endpoint("GET", R + "/pulls", "pulls/list", List.of(200), "`paginate-issues` (Link relations)"),
            new Endpoint("POST", R + "/pulls", "pulls/create", List.of(201), "none"),
            new Endpoint("GET", R + "/pulls/{pull_number}", "pulls/get", List.of(200), "none"),
            new Endpoint("PATCH", R + "/pulls/{pull_number}", "pulls/update", List.of(200), "none"),
            new Endpoint("GET", "/app/installations/{installation_id}", "apps/get-installation", List.of(200, 401), "none"),
            new Endpoint("POST", "/app/installations/{installation_id}/access_tokens", "apps/create-installation-access-token",
                    List.of(201, 401), "none"));

    final List<FakeGitHub> fakes = new ArrayList<>();

    @AfterEach
    void tearDown() {
        fakes.forEach(FakeGitHub::close);
    }

    private FakeGitHub fake(FakeGitHub f) {
        fakes.add(f);
        return f;
    }

    @Test
    void everyEndpointTheProviderCallsAnswersWithEveryStatusItHandlesAsGitHubsDescriptionSays() throws Exception {
        organizationScenario(fake(new FakeGitHub(GitHubTesting.ORG)));
        personalAccountScenario(fake(FakeGitHub.personal("alice", "alice")));
        appScenario(fake(new FakeGitHub(GitHubTesting.ORG)));

        List<GitHubOpenApi.Check> checks = new ArrayList<>();
        for (FakeGitHub f : fakes) checks.addAll(GitHubOpenApi.assertConforms(f.exchanges()));
        Map<String, Set<Integer>> seen = new TreeMap<>();
        for (GitHubOpenApi.Check c : checks) seen.computeIfAbsent(c.operationId(), k -> new TreeSet<>()).add(c.status());

        GitHubOpenApi api = GitHubOpenApi.get();
        List<String> problems = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            GitHubOpenApi.Operation op = api.byId(e.operationId());
            if (!op.method().equals(e.method()) || !op.template().equals(e.path()))
                problems.add(e.operationId() + " is " + op.method() + " " + op.template() + " in GitHub's description, not " + e.method() + " " + e.path());
            Set<Integer> got = seen.getOrDefault(e.operationId(), Set.of());
            for (int status : e.statuses())
                if (!got.contains(status)) problems.add(e.method() + " " + e.path() + " → " + status + " was not exercised (saw " + got + ")");
        }
        Set<String> table = ENDPOINTS.stream().map(Endpoint::operationId).collect(Collectors.toSet());
        seen.forEach((op, statuses) -> {
            if (!table.contains(op)) problems.add(op + " " + statuses + " is called but missing from the table");
            else for (int s : statuses)
                if (s != 304 && !ENDPOINTS.stream().filter(e -> e.operationId().equals(op)).findFirst().orElseThrow().statuses().contains(s))
                    problems.add(op + " answered " + s + ", which the table does not list");
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void theReadmeListsEveryEndpointAsThisTableDoes() throws IOException {
        Path readme = Path.of("").toAbsolutePath();
        while (!Files.exists(readme.resolve("README.md")) || !Files.exists(readme.resolve("providers"))) readme = readme.getParent();
        String text = Files.readString(readme.resolve("README.md"));
        List<String> missing = ENDPOINTS.stream().map(Endpoint::row).filter(r -> !text.contains(r + "\n")).toList();
        assertEquals(List.of(), missing, "README.md's GitHub section lists each endpoint as this test checks it");
    }

    /** An organization's service through every resource type, and the errors the provider turns into decisions. */
    private void organizationScenario(FakeGitHub fake) {
        fake.addTeam("devs", 42);
        fake.addUser("alice", 7);
        GitHubProvider p = GitHubTesting.provider(fake, new GitHubTesting.RecordingSleeper());
        ResourceType repos = GitHubTesting.type(p, RepositoryType.TYPE);
        ObjectValue repo = GitHubTesting.create(repos, obj("name", "svc", "topics", List.of("service")), "t.github_repository.svc");
        assertThrows(ProviderException.class, () -> GitHubTesting.create(repos, obj("name", "svc"), "t.github_repository.again"));
        assertEquals(Optional.of(repo), repos.read(repo), "a 304");
        repo = GitHubTesting.update(repos, repo, obj("name", "svc", "topics", List.of("service"), "description", "Service"));
        ObjectValue described = repo;
        assertThrows(ProviderException.class, () -> GitHubTesting.update(repos, described,
                obj("name", "svc", "topics", List.of("service"), "description", "Service", "default_branch", "nope")));

        ResourceType files = GitHubTesting.type(p, RepositoryFilesType.TYPE);
        ObjectValue skeleton = GitHubTesting.create(files, obj("repository", "svc", "files", Map.of("a.txt", "1\n", "b.txt", "1\n"),
                "version", "v1"), "t.github_repository_files.s");
        fake.commitFile("svc", "main", "b.txt", "1\nteam\n");
        skeleton = GitHubTesting.update(files, skeleton, obj("repository", "svc", "files", Map.of("a.txt", "2\n", "b.txt", "0\n1\n"),
                "version", "v2"));
        skeleton = GitHubTesting.update(files, skeleton, obj("repository", "svc", "files", Map.of("a.txt", "3\n", "b.txt", "0\n1\n"),
                "version", "v2"));
        assertEquals(1, fake.pullRequests("svc").size(), "the open pull request was updated");

        ResourceType protections = GitHubTesting.type(p, BranchProtectionType.TYPE);
        ObjectValue protection = GitHubTesting.create(protections, obj("repository", "svc", "branch", "main",
                "required_approving_review_count", 1), "t.github_branch_protection.main");
        protections.read(protection);
        fake.callerIsAdmin(false);
        ObjectValue landed = skeleton;
        assertThrows(ProviderException.class, () -> GitHubTesting.update(files, landed, obj("repository", "svc",
                "files", Map.of("a.txt", "4\n", "b.txt", "0\n1\n"), "version", "v3", "delivery", "commit")), "422 on the protected branch");
        ResourceType file = GitHubTesting.type(p, RepositoryFileType.TYPE);
        assertThrows(ProviderException.class, () -> GitHubTesting.create(file, obj("repository", "svc", "branch", "main",
                "file", "docs/x.md", "content", "x\n"), "t.github_repository_file.x"), "409 on the protected branch");
        protections.delete(protection);
        assertEquals(Optional.empty(), protections.read(protection));
        protections.delete(protection);

        ObjectValue doc = GitHubTesting.create(file, obj("repository", "svc", "branch", "main", "file", "docs/x.md", "content", "x\n"),
                "t.github_repository_file.x");
        doc = GitHubTesting.update(file, doc, obj("repository", "svc", "branch", "main", "file", "docs/x.md", "content", "y\n"));
        file.read(doc);
        file.delete(doc);
        assertEquals(Optional.empty(), file.read(doc));

        ResourceType envs = GitHubTesting.type(p, RepositoryEnvironmentType.TYPE);
        Map<String, Boolean> custom = Map.of("protected_branches", false, "custom_branch_policies", true);
        ObjectValue env = GitHubTesting.create(envs, obj("repository", "svc", "environment", "production", "deployment_branch_policy", custom,
                "deployment_branch_patterns", List.of("main", "release/*"), "reviewers", Map.of("teams", List.of(42), "users", List.of(7)),
                "wait_timer", 5), "t.github_repository_environment.p");
        env = GitHubTesting.update(envs, env, obj("repository", "svc", "environment", "production", "deployment_branch_policy", custom,
                "deployment_branch_patterns", List.of("main"), "reviewers", Map.of("teams", List.of(42), "users", List.of(7)), "wait_timer", 5));
        envs.read(env);
        envs.delete(env);
        assertEquals(Optional.empty(), envs.read(env));
        envs.delete(env);

        ResourceType teams = GitHubTesting.type(p, TeamRepositoryType.TYPE);
        ObjectValue team = GitHubTesting.create(teams, obj("team_slug", "devs", "repository", "svc"), "t.github_team_repository.t");
        teams.read(team);
        teams.delete(team);
        assertEquals(Optional.empty(), teams.read(team));

        ResourceType vars = GitHubTesting.type(p, ActionsVariableType.TYPE);
        ObjectValue v = GitHubTesting.create(vars, obj("repository", "svc", "variable_name", "REGION", "value", "eu"), "t.v");
        v = GitHubTesting.update(vars, v, obj("repository", "svc", "variable_name", "REGION", "value", "us"));
        vars.read(v);
        vars.delete(v);
        assertEquals(Optional.empty(), vars.read(v));
        vars.delete(v);

        ObjectValue staging = GitHubTesting.create(envs, obj("repository", "svc", "environment", "staging"), "t.github_repository_environment.s");
        ObjectValue ev = GitHubTesting.create(vars, obj("repository", "svc", "environment", "staging", "variable_name", "REGION",
                "value", "eu"), "t.ev");
        ev = GitHubTesting.update(vars, ev, obj("repository", "svc", "environment", "staging", "variable_name", "REGION", "value", "us"));
        vars.read(ev);
        vars.delete(ev);
        assertEquals(Optional.empty(), vars.read(ev));
        vars.delete(ev);
        envs.delete(staging);

        repos.delete(repo);
        assertEquals(Optional.empty(), repos.read(repo));
        repos.delete(repo);
    }

    /** The token's own account; then an installation token, which cannot act as a user (403 from GET /user). */
    private void personalAccountScenario(FakeGitHub fake) throws Exception {
        ResourceType repos = GitHubTesting.type(GitHubTesting.provider(fake, new GitHubTesting.RecordingSleeper(), Optional.empty(), "alice"),
                RepositoryType.TYPE);
        assertEquals(Value.of("alice/dotfiles"), GitHubTesting.create(repos, obj("name", "dotfiles"), "t.github_repository.d").getOrNull("full_name"));

        KeyPair app = keys();
        fake.registerApp("1", 2, app.getPublic());
        GitHubTesting.MovableClock clock = new GitHubTesting.MovableClock();
        String jwt = new AppInstallationTokens("1", 2, AppInstallationTokens.privateKey(AppAuthTest.pkcs1(app)), clock).jwt();
        HttpResponse<String> minted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/app/installations/2/access_tokens"))
                .header("Authorization", "Bearer " + jwt).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_TOKEN", FakeJson.JSON.readTree(minted.body()).path("token").asText()), clock,
                new GitHubTesting.RecordingSleeper(clock), Optional.empty());
        assertFalse(p.configure(obj("owner", "alice", "base_url", fake.baseUrl(), "write_interval", 0)).hasErrors());
        assertThrows(ProviderException.class, () -> GitHubTesting.create(GitHubTesting.type(p, RepositoryType.TYPE), obj("name", "x"),
                "t.github_repository.x"));
    }

    /**
     * An App's installation read and its token made; a JWT signed with another key refused on both (the installation read
     * by a second configuration, the token renewed by the first after the App's key changed).
     */
    private void appScenario(FakeGitHub fake) throws NoSuchAlgorithmException {
        KeyPair app = keys();
        KeyPair other = keys();
        fake.registerApp("1", 2, app.getPublic());
        GitHubTesting.MovableClock clock = new GitHubTesting.MovableClock();
        ResourceType repos = GitHubTesting.type(appProvider(fake, app, clock), RepositoryType.TYPE);
        ObjectValue byApp = GitHubTesting.create(repos, obj("name", "by-app"), "t.github_repository.a");
        assertTrue(fake.hasRepository("by-app"));
        ResourceType strangers = GitHubTesting.type(appProvider(fake, other, clock), RepositoryType.TYPE);
        assertThrows(ProviderException.class, () -> GitHubTesting.create(strangers, obj("name", "x"), "t.github_repository.x"));
        fake.registerApp("1", 2, other.getPublic());
        clock.advance(Duration.ofMinutes(56));
        fake.advance(Duration.ofMinutes(56));
        assertThrows(ProviderException.class, () -> repos.read(byApp), "the token due for renewal, the new JWT refused");
    }

    private static GitHubProvider appProvider(FakeGitHub fake, KeyPair key, GitHubTesting.MovableClock clock) {
        GitHubProvider p = new GitHubProvider(Map.of("KEY", AppAuthTest.pkcs1(key)), clock, new GitHubTesting.RecordingSleeper(clock), Optional.empty());
        Diagnostics d = p.configure(obj("owner", GitHubTesting.ORG, "base_url", fake.baseUrl(), "write_interval", 0,
                "app_auth", Map.of("app_id", 1, "installation_id", 2, "private_key_env", "KEY")));
        assertFalse(d.hasErrors(), d::toString);
        return p;
    }

    private static KeyPair keys() throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }
}
