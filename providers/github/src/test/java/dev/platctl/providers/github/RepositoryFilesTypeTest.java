package dev.platctl.providers.github;

import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.platctl.providers.github.GitHubTesting.assertNoChange;
import static dev.platctl.providers.github.GitHubTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** github_repository_files: one commit per change through the Git Data API, delivered onto the branch or as one pull request. */
class RepositoryFilesTypeTest {
    FakeGitHub fake;
    ResourceType type;

    @BeforeEach
    void setUp() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        GitHubProvider provider = GitHubTesting.provider(fake, new GitHubTesting.RecordingSleeper());
        GitHubTesting.create(GitHubTesting.type(provider, RepositoryType.TYPE), obj("name", "svc"), "t.github_repository.svc");
        type = GitHubTesting.type(provider, RepositoryFilesType.TYPE);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private static ObjectValue config(String version, Map<String, String> files) {
        return obj("repository", "svc", "files", files, "version", version, "commit_message", "Golden path " + version);
    }

    @Test
    void theFirstScaffoldCommitsIntoTheEmptyRepositoryAndAChangeOpensOnePullRequest() {
        ObjectValue v1 = config("svc-1.0.0", Map.of("README.md", "# svc\n", "app/main.py", "print(1)\n", "docs/runbook.md", "v1\n"));
        ObjectValue state = GitHubTesting.create(type, v1, "t.github_repository_files.skeleton");
        assertEquals(Map.of("README.md", "# svc\n", "app/main.py", "print(1)\n", "docs/runbook.md", "v1\n"), fake.files("svc", "main"));
        assertTrue(fake.log().contains("POST /repos/acme/svc/git/trees") && fake.log().contains("PATCH /repos/acme/svc/git/refs/heads/main"),
                fake.log()::toString);
        assertEquals(Value.NULL, state.getOrNull("pull_request_url"));
        assertNoChange(type, state, v1);

        fake.commitFile("svc", "main", "app/main.py", "print('edited by the team')\n");
        String mainHead = fake.head("svc", "main");
        ObjectValue v2 = config("svc-1.1.0", Map.of("README.md", "# svc\n", "app/main.py", "print(2)\n", "docs/runbook.md", "v2\n",
                "docs/new.md", "new\n"));
        ObjectValue updated = GitHubTesting.update(type, state, v2);

        assertEquals(mainHead, fake.head("svc", "main"), "the default branch is untouched");
        assertEquals(Map.of("README.md", "# svc\n", "app/main.py", "print('edited by the team')\n", "docs/runbook.md", "v2\n",
                "docs/new.md", "new\n"), fake.files("svc", "platctl/svc-1.1.0"), "the team's edit is not overwritten");
        List<Map<String, String>> prs = fake.pullRequests("svc");
        assertEquals(1, prs.size());
        assertEquals("Golden path svc-1.1.0", prs.get(0).get("title"));
        assertEquals("platctl/svc-1.1.0", prs.get(0).get("head"));
        assertEquals("main", prs.get(0).get("base"));
        String body = prs.get(0).get("body");
        assertTrue(body.contains("- `docs/runbook.md`") && body.contains("- `docs/new.md`"), body);
        assertTrue(body.contains("Conflicts") && body.contains("- `app/main.py`"), body);
        assertFalse(body.contains("README.md"), "unchanged files are not listed: " + body);
        assertEquals(Value.list(List.of(Value.of("app/main.py"))), updated.getOrNull("conflicts"));
        assertTrue(Attrs.string(updated, "pull_request_url").orElse("").endsWith("/acme/svc/pull/1"), updated::toString);
        assertEquals(2L, fake.log().stream().filter(l -> l.equals("POST /repos/acme/svc/git/commits")).count(),
                "one Git Data commit for the scaffold's files after the first, one for the whole upgrade");
        assertNoChange(type, updated, v2);
    }

    @Test
    void commitDeliveryMovesTheBranchByOneCommit() {
        ObjectValue state = GitHubTesting.create(type, config("a", Map.of("a.txt", "1\n", "b.txt", "1\n")), "t.x");
        String before = fake.head("svc", "main");
        ObjectValue changed = config("b", Map.of("a.txt", "2\n", "c.txt", "3\n")).with("delivery", Value.of("commit"));
        ObjectValue updated = GitHubTesting.update(type, state, changed);
        assertEquals(Map.of("a.txt", "2\n", "c.txt", "3\n"), fake.files("svc", "main"));
        assertEquals(Optional.of(fake.head("svc", "main")), Attrs.string(updated, "commit_sha"));
        assertTrue(fake.pullRequests("svc").isEmpty());
        assertFalse(before.equals(fake.head("svc", "main")));
    }

    @Test
    void anUnknownDeliveryIsRefused() {
        assertTrue(type.plan(Optional.empty(), config("a", Map.of("a", "b")).with("delivery", Value.of("push"))).diagnostics().hasErrors());
    }
}
