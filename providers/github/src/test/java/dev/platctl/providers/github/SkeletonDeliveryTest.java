package dev.platctl.providers.github;

import dev.platctl.engine.provider.ProviderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first delivery into an empty repository: one parentless commit when nothing else writes to the branch, and never
 * at the cost of someone else's commit or of files left behind when GitHub refuses the force.
 */
class SkeletonDeliveryTest {
    static final Map<String, String> FILES = Map.of("a.txt", "a\n", "b.txt", "b\n", "c.txt", "c\n");

    FakeGitHub fake;
    SkeletonDelivery delivery;

    @BeforeEach
    void setUp() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        GitHubTesting.RecordingSleeper sleeper = new GitHubTesting.RecordingSleeper();
        GitHubClient client = new GitHubClient(HttpClient.newHttpClient(), URI.create(fake.baseUrl()), GitHubCredentials.token(FakeGitHub.TOKEN, "GITHUB_TOKEN"),
                sleeper.clock, sleeper, Duration.ZERO, EtagCache.inMemory());
        client.post("/orgs/acme/repos", GitHubClient.json().createObjectNode().put("name", "svc"));
        delivery = new SkeletonDelivery(client, "acme", "/repos/acme/svc");
    }

    @AfterEach
    void tearDown() {
        try {
            GitHubOpenApi.assertConforms(fake.exchanges());
        } finally {
            fake.close();
        }
    }

    private SkeletonDelivery.Result scaffold() {
        return delivery.deliver("main", FILES, Map.of(), false, "", "Scaffold", "v1");
    }

    private static Map<String, String> with(Map<String, String> files, String path, String content) {
        Map<String, String> out = new TreeMap<>(files);
        out.put(path, content);
        return out;
    }

    @Test
    void anEmptyRepositoryGetsItsFilesAsOneParentlessCommit() {
        SkeletonDelivery.Result r = scaffold();
        assertEquals(FILES, fake.files("svc", "main"));
        assertEquals(List.of("Scaffold"), fake.history("svc", "main"));
        assertEquals(Optional.of(fake.head("svc", "main")), r.commitSha());
        assertEquals(Optional.empty(), r.note());
        assertEquals(Map.of("a.txt", SkeletonDelivery.blobSha("a\n"), "b.txt", SkeletonDelivery.blobSha("b\n"), "c.txt",
                SkeletonDelivery.blobSha("c\n")), r.written());
    }

    @Test
    void aCommitMadeBeforeTheFirstFileLandedIsKeptAndTheRestComesOnTop() {
        fake.meanwhile("GET /repos/acme/svc/git/ref/heads/main", () -> fake.commitFile("svc", "main", "NOTES.md", "ours\n"));
        SkeletonDelivery.Result r = scaffold();
        assertEquals(with(FILES, "NOTES.md", "ours\n"), fake.files("svc", "main"));
        assertEquals(List.of("Scaffold", "Scaffold", "Edit NOTES.md"), fake.history("svc", "main"), "no force: the contents API's commit had a parent");
        assertTrue(r.note().orElseThrow().contains("the branch had commits before the first file landed"), r.note()::toString);
        assertEquals(Optional.of(fake.head("svc", "main")), r.commitSha());
    }

    @Test
    void aCommitLandingBeforeTheForcedMoveIsKeptAndTheRestComesOnTop() {
        // between the parentless commit and the move, someone (a person, a bot, github_repository_file) commits to main
        fake.meanwhile("POST /repos/acme/svc/git/commits", () -> fake.commitFile("svc", "main", "NOTES.md", "ours\n"));
        SkeletonDelivery.Result r = scaffold();
        assertEquals(with(FILES, "NOTES.md", "ours\n"), fake.files("svc", "main"), "nothing erased");
        assertEquals(List.of("Scaffold", "Edit NOTES.md", "Scaffold"), fake.history("svc", "main"));
        assertTrue(fake.exchanges().stream().noneMatch(x -> x.method().equals("PATCH") && x.request().path("force").asBoolean()),
                "never forced once the branch moved");
        assertTrue(r.note().orElseThrow().contains("another commit landed on main after the first file"), r.note()::toString);
    }

    @Test
    void aFileAnotherWriterAddedMeanwhileIsKeptAsAConflictNotOverwritten() {
        fake.meanwhile("POST /repos/acme/svc/git/commits", () -> fake.commitFile("svc", "main", "b.txt", "theirs\n"));
        SkeletonDelivery.Result r = scaffold();
        assertEquals("theirs\n", fake.files("svc", "main").get("b.txt"));
        assertEquals("c\n", fake.files("svc", "main").get("c.txt"));
        assertEquals(List.of("b.txt"), r.conflictPaths());
    }

    @Test
    void aRulesetThatRefusesTheForceGetsTwoCommitsNotABranchWithOneFile() {
        fake.blockForcePushes("svc");
        SkeletonDelivery.Result r = scaffold();
        assertEquals(FILES, fake.files("svc", "main"));
        assertEquals(List.of("Scaffold", "Scaffold"), fake.history("svc", "main"), "the first file's commit, then the rest");
        assertTrue(fake.exchanges().stream().anyMatch(x -> x.method().equals("PATCH") && x.status() == 422), "the force was tried and refused");
        assertTrue(r.note().orElseThrow().contains("Repository rule violations found"), r.note()::toString);
        assertEquals(Optional.of(fake.head("svc", "main")), r.commitSha());
        assertEquals(SkeletonDelivery.blobSha("c\n"), r.written().get("c.txt"));
    }

    @Test
    void aCommitLandingAfterTheRefusedForceIsKeptAndTheRestComesOnTopOfIt() {
        fake.blockForcePushes("svc");
        fake.meanwhile("PATCH /repos/acme/svc/git/refs/heads/main", () -> fake.commitFile("svc", "main", "NOTES.md", "ours\n"));
        SkeletonDelivery.Result r = scaffold();
        assertEquals(with(FILES, "NOTES.md", "ours\n"), fake.files("svc", "main"), "nothing erased, nothing left out");
        assertEquals(List.of("Scaffold", "Edit NOTES.md", "Scaffold"), fake.history("svc", "main"), "on top of the branch as it is now");
        assertTrue(r.note().orElseThrow().contains("GitHub refused to replace the branch's first commit"), r.note()::toString);
        assertEquals(Optional.of(fake.head("svc", "main")), r.commitSha());
    }

    @Test
    void aBranchThatCannotBeReadBackStopsTheFirstDeliveryWithNothingMovedAndTheNextTryFinishesIt() {
        // right after the parentless commit, GitHub's read of the branch lags its write (or someone deleted the branch)
        fake.meanwhile("POST /repos/acme/svc/git/commits", () -> fake.inject(new FakeGitHub.Injected(404, Map.of(), "Not Found")));
        ProviderException e = assertThrows(ProviderException.class, this::scaffold);
        String landed = fake.head("svc", "main");
        assertEquals("cannot deliver the rest of the files to acme/svc: branch main is not visible after its first file landed as commit "
                + landed + " (GitHub's read may lag its write, or the branch was deleted meanwhile); nothing was moved, the next try"
                + " writes the rest on top of the branch", e.getMessage());
        assertTrue(ProviderException.told("create", "github_repository_files t.github_repository_files.skeleton", e).startsWith(
                "cannot create github_repository_files t.github_repository_files.skeleton: delivering the rest of the files to acme/svc:"
                        + " branch main is not visible"), "the engine says the step once, not \"cannot\" twice");
        assertTrue(e.retryable(), "the engine's retry finishes the delivery");
        assertTrue(fake.exchanges().stream().noneMatch(x -> x.method().equals("PATCH")), "no ref moved: " + fake.log());
        assertEquals(Map.of("a.txt", "a\n"), fake.files("svc", "main"));

        SkeletonDelivery.Result r = scaffold();
        assertEquals(FILES, fake.files("svc", "main"));
        assertEquals(List.of("Scaffold", "Scaffold"), fake.history("svc", "main"), "the first file's commit, then the rest");
        assertEquals(Optional.of(fake.head("svc", "main")), r.commitSha());
    }

    @Test
    void onlyGitHubsEmptyRepositoryConflictMeansEmpty() {
        fake.inject(new FakeGitHub.Injected(409, Map.of(), "Git Repository is unavailable."));
        GitHubApiException e = assertThrows(GitHubApiException.class, this::scaffold);
        assertEquals(409, e.status());
        assertTrue(fake.log().stream().noneMatch(l -> l.startsWith("PUT")), "nothing written: " + fake.log());
    }
}
