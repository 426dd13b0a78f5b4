package dev.platctl.providers.github;

import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.platctl.providers.github.GitHubTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The owner may be the token's own personal account: repositories are created with POST /user/repos; teams do not exist there. */
class PersonalAccountTest {
    FakeGitHub fake;

    @AfterEach
    void tearDown() {
        try {
            GitHubOpenApi.assertConforms(fake.exchanges());
        } finally {
            fake.close();
        }
    }

    private GitHubProvider provider(String owner) {
        return GitHubTesting.provider(fake, new GitHubTesting.RecordingSleeper(), Optional.empty(), owner);
    }

    @Test
    void aPersonalAccountsRepositoryIsCreatedAsTheTokensUserAndTakesASkeleton() {
        fake = FakeGitHub.personal("alice", "alice");
        GitHubProvider p = provider("alice");
        ObjectValue repo = GitHubTesting.create(GitHubTesting.type(p, RepositoryType.TYPE), obj("name", "dotfiles"), "t.github_repository.r");
        assertEquals(Value.of("alice/dotfiles"), repo.getOrNull("full_name"));
        assertEquals(List.of("GET /orgs/alice", "GET /user", "POST /user/repos"), fake.log().subList(0, 3),
                "not an organization, and the token's own user");
        GitHubTesting.create(GitHubTesting.type(p, RepositoryFilesType.TYPE),
                obj("repository", "dotfiles", "files", Map.of("a.txt", "1\n", "b.txt", "2\n"), "version", "v1"), "t.f");
        assertEquals(Map.of("a.txt", "1\n", "b.txt", "2\n"), fake.files("dotfiles", "main"));

        ResourceType teams = GitHubTesting.type(p, TeamRepositoryType.TYPE);
        ProviderException e = assertThrows(ProviderException.class,
                () -> GitHubTesting.create(teams, obj("team_slug", "devs", "repository", "dotfiles"), "t.github_team_repository.t"));
        assertEquals("cannot create github_team_repository devs:alice/dotfiles: owner 'alice' is a personal account,"
                + " and teams exist only in organizations", e.getMessage());
    }

    @Test
    void anotherUsersAccountIsRefusedBeforeAnythingIsCreatedAndOnlyAskedOnce() {
        fake = FakeGitHub.personal("alice", "bob");
        ResourceType repos = GitHubTesting.type(provider("alice"), RepositoryType.TYPE);
        for (String name : List.of("dotfiles", "notes")) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> GitHubTesting.create(repos, obj("name", name), "t.github_repository." + name));
            assertEquals("cannot configure provider \"github\": cannot use owner 'alice': GitHub has no organization 'alice', and the token belongs to the user 'bob';"
                    + " a personal account's repositories can be created only with its own token, so set owner to an organization"
                    + " or to 'bob'", e.getMessage());
        }
        assertEquals(List.of("GET /orgs/alice", "GET /user"), fake.log(), "the second resource is told without asking GitHub again");
    }

    @Test
    void badCredentialsAreAskedOnceForTheWholeRun() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_TOKEN", "ghp_revoked"), new GitHubTesting.MovableClock(),
                new GitHubTesting.RecordingSleeper(), Optional.empty());
        assertFalse(p.configure(obj("owner", GitHubTesting.ORG, "base_url", fake.baseUrl(), "write_interval", 0)).hasErrors());
        ResourceType repos = GitHubTesting.type(p, RepositoryType.TYPE);
        for (String name : List.of("one", "two", "three")) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> GitHubTesting.create(repos, obj("name", name), "t.github_repository." + name));
            assertEquals("cannot configure provider \"github\": GitHub rejected the token in the environment variable GITHUB_TOKEN:"
                    + " Bad credentials (status 401); set GITHUB_TOKEN to a token that is valid (not mistyped, expired or revoked) for"
                    + " this GitHub, or name another variable with token_env, or use app_auth", e.getMessage());
            assertInstanceOf(ProviderConfigurationException.class, e, "the same for every resource, so the engine tells it once");
        }
        assertEquals(List.of("GET /orgs/acme"), fake.log());
    }

    @Test
    void aRejectedTokenIsNotSentAgainByOtherResourcesAndNamesTheVariableTokenEnvNames() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        GitHubProvider p = new GitHubProvider(Map.of("CI_GITHUB_TOKEN", "ghp_revoked"), new GitHubTesting.MovableClock(),
                new GitHubTesting.RecordingSleeper(), Optional.empty());
        assertFalse(p.configure(obj("owner", GitHubTesting.ORG, "base_url", fake.baseUrl(), "write_interval", 0,
                "token_env", "CI_GITHUB_TOKEN")).hasErrors());
        ResourceType vars = GitHubTesting.type(p, ActionsVariableType.TYPE);
        for (String name : List.of("ONE", "TWO")) {
            ProviderException e = assertThrows(ProviderConfigurationException.class,
                    () -> vars.read(obj("repository", "svc", "variable_name", name, "value", "x")));
            assertTrue(e.getMessage().startsWith("cannot configure provider \"github\": GitHub rejected the token in the environment"
                    + " variable CI_GITHUB_TOKEN: Bad credentials (status 401); set CI_GITHUB_TOKEN to"), e::getMessage);
        }
        assertEquals(List.of("GET /repos/acme/svc/actions/variables/ONE"), fake.log(), "the second read is told without asking GitHub");
    }

    @Test
    void aMissingTokenIsReportedOnFirstUseNotWhenConfigured() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        GitHubProvider p = new GitHubProvider(Map.of(), new GitHubTesting.MovableClock(), new GitHubTesting.RecordingSleeper(), Optional.empty());
        assertFalse(p.configure(obj("owner", GitHubTesting.ORG, "base_url", fake.baseUrl())).hasErrors(), "a workspace need not use GitHub");
        ProviderException e = assertThrows(ProviderException.class,
                () -> GitHubTesting.create(GitHubTesting.type(p, RepositoryType.TYPE), obj("name", "x"), "t.github_repository.x"));
        assertTrue(e.getMessage().contains("cannot configure provider \"github\": no token: set the environment variable GITHUB_TOKEN"), e::getMessage);
        assertInstanceOf(ProviderConfigurationException.class, e, "the same for every resource, so the engine tells it once");
    }

    @Test
    void anOrganizationIsAskedForOncePerConfiguration() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        ResourceType repos = GitHubTesting.type(provider(GitHubTesting.ORG), RepositoryType.TYPE);
        GitHubTesting.create(repos, obj("name", "one"), "t.github_repository.one");
        GitHubTesting.create(repos, obj("name", "two"), "t.github_repository.two");
        assertEquals(1L, fake.log().stream().filter(l -> l.equals("GET /orgs/acme")).count());
        assertEquals(2L, fake.log().stream().filter(l -> l.equals("POST /orgs/acme/repos")).count());
        assertTrue(fake.log().stream().noneMatch(l -> l.equals("GET /user")));
    }
}
