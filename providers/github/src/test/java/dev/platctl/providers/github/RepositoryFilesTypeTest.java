package dev.platctl.providers.github;

import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.platctl.providers.github.GitHubTesting.assertNoChange;
import static dev.platctl.providers.github.GitHubTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** github_repository_files: one commit per change through the Git Data API, delivered onto the branch or as one pull request. */
class RepositoryFilesTypeTest {
    FakeGitHub fake;
    GitHubProvider provider;
    ResourceType type;

    @BeforeEach
    void setUp() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        provider = GitHubTesting.provider(fake, new GitHubTesting.RecordingSleeper());
        GitHubTesting.create(GitHubTesting.type(provider, RepositoryType.TYPE), obj("name", "svc"), "t.github_repository.svc");
        type = GitHubTesting.type(provider, RepositoryFilesType.TYPE);
    }

    @AfterEach
    void tearDown() {
        try {
            GitHubOpenApi.assertConforms(fake.exchanges());
        } finally {
            fake.close();
        }
    }

    private static ObjectValue config(String version, Map<String, String> files) {
        return obj("repository", "svc", "files", files, "version", version, "commit_message", "Golden path " + version);
    }

    @Test
    void theFirstScaffoldCommitsIntoTheEmptyRepositoryAndAChangeOpensOnePullRequest() {
        ObjectValue v1 = config("svc-1.0.0", Map.of("README.md", "# svc\n", "app/main.py", "print(1)\n", "docs/runbook.md", "v1\n"));
        ObjectValue state = GitHubTesting.create(type, v1, "t.github_repository_files.skeleton");
        assertEquals(Map.of("README.md", "# svc\n", "app/main.py", "print(1)\n", "docs/runbook.md", "v1\n"), fake.files("svc", "main"));
        assertEquals(List.of("Golden path svc-1.0.0"), fake.history("svc", "main"), "the whole skeleton is the branch's one commit");
        assertEquals(List.of("PUT /repos/acme/svc/contents/README.md", "POST /repos/acme/svc/git/trees", "POST /repos/acme/svc/git/commits", "PATCH /repos/acme/svc/git/refs/heads/main"),
                fake.log().stream().filter(l -> !l.startsWith("GET")).skip(2).toList(),
                "after creating the repository and its topics: the contents API makes the branch, Git Data replaces its commit");
        FakeGitHub.Exchange probe = fake.exchanges().stream().filter(x -> x.path().contains("/git/")).findFirst().orElseThrow();
        assertEquals("GET /repos/acme/svc/git/ref/heads/main 409 Git Repository is empty.", probe.method() + " " + probe.path() + " "
                + probe.status() + " " + probe.body().path("message").asText(), "GitHub's Git Data API refuses an empty repository");
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
                "one Git Data commit for the whole scaffold, one for the whole upgrade");
        assertNoChange(type, updated, v2);
    }

    @Test
    void importIsRefusedAsAFailureTheEngineTellsOnce() {
        ProviderException e = assertThrows(ProviderException.class, () -> type.importState("svc:main"));
        assertEquals("cannot import github_repository_files svc:main: it holds what platctl delivered; import the files one by one"
                + " as github_repository_file", e.getMessage());
        assertEquals("cannot import github_repository_files t.github_repository_files.skeleton (svc:main): it holds what platctl"
                + " delivered; import the files one by one as github_repository_file",
                ProviderException.told("import", "github_repository_files t.github_repository_files.skeleton", e),
                "the address once, then the id as given, then why");
    }

    @Test
    void aSingleFileIntoAnEmptyRepositoryIsTheContentsApisCommitAlone() {
        ObjectValue state = GitHubTesting.create(type, config("svc-1.0.0", Map.of("README.md", "# svc\n")), "t.x");
        assertEquals(List.of("Golden path svc-1.0.0"), fake.history("svc", "main"));
        assertEquals(Optional.of(fake.head("svc", "main")), Attrs.string(state, "commit_sha"));
        assertFalse(fake.log().stream().anyMatch(l -> l.startsWith("POST /repos/acme/svc/git/")), fake.log()::toString);
    }

    @Test
    void anEmptyRepositoryGetsItsFilesAsOneCommitEvenWhenAPullRequestIsAsked() {
        ObjectValue state = GitHubTesting.create(type, config("svc-1.0.0", Map.of("a.txt", "1\n", "b.txt", "1\n"))
                .with("delivery", Value.of("pull_request")), "t.x");
        assertEquals(Map.of("a.txt", "1\n", "b.txt", "1\n"), fake.files("svc", "main"));
        assertEquals(1, fake.history("svc", "main").size());
        assertTrue(fake.pullRequests("svc").isEmpty(), "there is no branch to open a pull request against");
        assertEquals(Value.NULL, state.getOrNull("pull_request_url"));
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

    static final String RUNBOOK = "# Runbook\n\n## HighErrorRate\n\nCheck the logs.\n";
    static final String INDEX = "# svc\n\nWhat it does.\n\n## Deployment\n\nHelm.\n";

    @Test
    void aTeamEditAwayFromTheTemplatesChangeIsMergedAndAnOverlappingOneIsListedWithTheOverlap() {
        ObjectValue state = GitHubTesting.create(type, config("svc-1.0.0", Map.of("docs/index.md", INDEX, "docs/runbook.md", RUNBOOK)), "t.x");
        fake.commitFile("svc", "main", "docs/index.md", INDEX.replace("What it does.", "What it does, in the team's words."));
        fake.commitFile("svc", "main", "docs/runbook.md", RUNBOOK + "\n## Our own alert\n");
        String v2Index = INDEX + "\n## When it breaks\n\nSee the runbook.\n";
        String v2Runbook = RUNBOOK + "\n## Pods not ready\n";
        ObjectValue updated = GitHubTesting.update(type, state, config("svc-1.1.0", Map.of("docs/index.md", v2Index, "docs/runbook.md", v2Runbook)));

        Map<String, String> pr = fake.files("svc", "platctl/svc-1.1.0");
        assertEquals(v2Index.replace("What it does.", "What it does, in the team's words."), pr.get("docs/index.md"), "both edits, merged");
        assertEquals(RUNBOOK + "\n## Our own alert\n", pr.get("docs/runbook.md"), "the team's version of the conflicting file");
        assertEquals(Value.list(List.of(Value.of("docs/runbook.md"))), updated.getOrNull("conflicts"));
        String body = fake.pullRequests("svc").get(0).get("body");
        assertTrue(body.contains("- `docs/index.md` (merged with the changes on main)"), body);
        assertTrue(body.contains("- `docs/runbook.md`: overlapping edits\n\n```diff\n@@ main line 7 @@\n<<<<<<< main\n## Our own alert\n"
                + "=======\n## Pods not ready\n>>>>>>> svc-1.1.0\n```"), body);
        assertTrue(fake.log().stream().anyMatch(l -> l.startsWith("GET /repos/acme/svc/git/blobs/")), "the team's files are read as blobs");
        assertNoChange(type, updated, config("svc-1.1.0", Map.of("docs/index.md", v2Index, "docs/runbook.md", v2Runbook)));
    }

    @Test
    void aFileMergedWithTheTeamsEditKeepsThatEditThroughTheNextUpgradeOnceMerged() {
        ObjectValue state = GitHubTesting.create(type, config("svc-1.0.0", Map.of("docs/index.md", INDEX)), "t.x");
        String ours = INDEX.replace("What it does.", "Ours.");
        fake.commitFile("svc", "main", "docs/index.md", ours);
        String v2 = INDEX + "\n## v2\n";
        state = GitHubTesting.update(type, state, config("svc-1.1.0", Map.of("docs/index.md", v2)));
        fake.mergePullRequest("svc", 1, true);
        assertEquals(v2.replace("What it does.", "Ours."), fake.files("svc", "main").get("docs/index.md"));

        String v3 = v2.replace("Helm.", "Helm 4.");
        GitHubTesting.update(type, state, config("svc-1.2.0", Map.of("docs/index.md", v3)));
        assertEquals(v3.replace("What it does.", "Ours."), fake.files("svc", "platctl/svc-1.2.0").get("docs/index.md"),
                "merged from 1.1.0's render, not from the team's merged file");
        assertEquals("open", fake.pullRequests("svc").get(1).get("state"));
    }

    @Test
    void aSecondChangeWhileThePullRequestIsOpenMovesItsBranchAndUpdatesItInsteadOfOpeningAnother() {
        ObjectValue state = GitHubTesting.create(type, config("svc-1.1.0", Map.of("a.txt", "1\n", "b.txt", "1\n")), "t.x");
        state = GitHubTesting.update(type, state, config("svc-1.1.0", Map.of("a.txt", "2\n", "b.txt", "1\n")));
        String firstPr = Attrs.string(state, "pull_request_url").orElseThrow();
        ObjectValue again = GitHubTesting.update(type, state, config("svc-1.1.0", Map.of("a.txt", "2\n", "b.txt", "2\n")).with("commit_message",
                Value.of("Golden path svc-1.1.0, description changed")));

        List<Map<String, String>> prs = fake.pullRequests("svc");
        assertEquals(1, prs.size(), prs::toString);
        assertEquals(Map.of("a.txt", "2\n", "b.txt", "2\n"), fake.files("svc", "platctl/svc-1.1.0"),
                "the open pull request still carries the first change, which main does not have yet");
        assertEquals(Map.of("a.txt", "1\n", "b.txt", "1\n"), fake.files("svc", "main"));
        assertEquals("Golden path svc-1.1.0, description changed", prs.get(0).get("title"));
        assertTrue(prs.get(0).get("body").contains("- `a.txt`") && prs.get(0).get("body").contains("- `b.txt`"), prs.get(0).get("body"));
        assertEquals(Optional.of(firstPr), Attrs.string(again, "pull_request_url"));
        assertTrue(fake.log().contains("GET /repos/acme/svc/pulls?state=open&per_page=100&head=acme%3Aplatctl%2Fsvc-1.1.0&base=main"
                ) && fake.log().contains("PATCH /repos/acme/svc/pulls/1"), fake.log()::toString);
        assertEquals(1L, fake.log().stream().filter(l -> l.equals("POST /repos/acme/svc/pulls")).count());
    }

    @Test
    void aMergedPullRequestsBranchLeftBehindIsMovedAndANewPullRequestCarriesOnlyWhatIsNew() {
        ObjectValue state = GitHubTesting.create(type, config("svc-1.1.0", Map.of("a.txt", "1\n", "b.txt", "1\n")), "t.x");
        state = GitHubTesting.update(type, state, config("svc-1.1.0", Map.of("a.txt", "2\n", "b.txt", "1\n")));
        fake.mergePullRequest("svc", 1, false);
        GitHubTesting.update(type, state, config("svc-1.1.0", Map.of("a.txt", "2\n", "b.txt", "2\n")));

        List<Map<String, String>> prs = fake.pullRequests("svc");
        assertEquals(List.of("merged", "open"), prs.stream().map(p -> p.get("state")).toList());
        assertEquals("platctl/svc-1.1.0", prs.get(1).get("head"));
        assertEquals(Map.of("a.txt", "2\n", "b.txt", "2\n"), fake.files("svc", "platctl/svc-1.1.0"));
        assertTrue(prs.get(1).get("body").contains("- `b.txt`") && !prs.get(1).get("body").contains("a.txt"), prs.get(1).get("body"));
    }

    @Test
    void aPullRequestClosedWithoutMergingDidNotLandSoTheNextOneCarriesItsChangesToo() {
        ObjectValue state = GitHubTesting.create(type, config("svc-1.0.0", Map.of("a.txt", "1\n", "b.txt", "1\n")), "t.x");
        state = GitHubTesting.update(type, state, config("svc-1.1.0", Map.of("a.txt", "2\n", "b.txt", "1\n")));
        fake.closePullRequest("svc", 1);
        GitHubTesting.update(type, state, config("svc-1.2.0", Map.of("a.txt", "2\n", "b.txt", "3\n")));

        assertEquals(Map.of("a.txt", "2\n", "b.txt", "3\n"), fake.files("svc", "platctl/svc-1.2.0"));
        String body = fake.pullRequests("svc").get(1).get("body");
        assertTrue(body.contains("- `a.txt`") && body.contains("- `b.txt`"), body);
        assertFalse(body.contains("Conflicts"), "main's files are platctl's 1.0.0 ones, not the team's: " + body);
    }

    @Test
    void deleteRemovesWhatPlatctlDeliveredInOneCommitAndLeavesFilesTheTeamChanged() {
        ObjectValue state = GitHubTesting.create(type, config("svc-1.0.0", Map.of("a.txt", "1\n", "b.txt", "1\n", "c.txt", "1\n")), "t.x");
        fake.commitFile("svc", "main", "b.txt", "ours\n");
        fake.commitFile("svc", "main", "team.txt", "not platctl's\n");
        long commits = fake.log().stream().filter(l -> l.equals("POST /repos/acme/svc/git/commits")).count();
        type.delete(state);
        assertEquals(Map.of("b.txt", "ours\n", "team.txt", "not platctl's\n"), fake.files("svc", "main"));
        assertEquals(commits + 1, fake.log().stream().filter(l -> l.equals("POST /repos/acme/svc/git/commits")).count());
    }

    static Stream<Arguments> protections() {
        return Stream.of(
                Arguments.of("reviews bind a non-admin", false, obj("required_approving_review_count", 1),
                        "Changes must be made through a pull request. (status 422)"),
                Arguments.of("a required check the new commit cannot have", false,
                        obj("required_status_checks", Map.of("strict", true, "contexts", List.of("test"))),
                        "Required status check \"test\" is expected. (status 422)"),
                Arguments.of("two of them", false, obj("required_status_checks", Map.of("contexts", List.of("test", "build"))),
                        "2 of 2 required status checks are expected. (status 422)"),
                Arguments.of("enforce_admins binds an admin too", true, obj("required_approving_review_count", 1, "enforce_admins", true),
                        "Changes must be made through a pull request. (status 422)"),
                Arguments.of("an admin bypasses rules that do not enforce_admins, as on GitHub", true,
                        obj("required_approving_review_count", 1), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protections")
    void aDirectCommitToAProtectedBranchMeetsGitHubsRefusalAndAPullRequestDoesNot(String reason, boolean admin, ObjectValue rules,
                                                                                   String refusal) {
        ObjectValue state = GitHubTesting.create(type, config("svc-1.0.0", Map.of("a.txt", "1\n")), "t.x");
        ObjectValue protection = rules.with("repository", Value.of("svc")).with("branch", Value.of("main"));
        GitHubTesting.create(GitHubTesting.type(provider, BranchProtectionType.TYPE), protection, "t.p");
        fake.callerIsAdmin(admin);
        String head = fake.head("svc", "main");
        ObjectValue direct = config("svc-1.0.1", Map.of("a.txt", "2\n")).with("delivery", Value.of("commit"));
        if (refusal.isEmpty()) {
            GitHubTesting.update(type, state, direct);
            assertEquals(Map.of("a.txt", "2\n"), fake.files("svc", "main"), reason);
            return;
        }
        ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.update(type, state, direct), reason);
        assertEquals("cannot update github_repository_files acme/svc:main: " + refusal, e.getMessage(), reason);
        assertEquals(head, fake.head("svc", "main"), reason);

        ObjectValue viaPr = GitHubTesting.update(type, state, config("svc-1.1.0", Map.of("a.txt", "2\n")));
        assertEquals(head, fake.head("svc", "main"), "the pull request leaves main alone: " + reason);
        assertEquals(Map.of("a.txt", "2\n"), fake.files("svc", "platctl/svc-1.1.0"), reason);
        assertTrue(Attrs.string(viaPr, "pull_request_url").isPresent(), reason);
    }

    @Test
    void anUnknownDeliveryIsRefused() {
        assertTrue(type.plan(Optional.empty(), config("a", Map.of("a", "b")).with("delivery", Value.of("push"))).diagnostics().hasErrors());
    }
}
