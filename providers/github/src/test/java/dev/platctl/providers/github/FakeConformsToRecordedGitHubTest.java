package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fake answers like api.github.com: for every endpoint it serves that {@code @octokit/fixtures} recorded, the same
 * request gets the same status and a body with every recorded field, of the recorded JSON type; and every field the
 * provider reads is one GitHub actually sent.
 */
class FakeConformsToRecordedGitHubTest {
    static final String ORG = "octokit-fixture-org";

    FakeGitHub fake;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Reply(int status, JsonNode body, Map<String, List<String>> headers) {
    }

    @BeforeEach
    void setUp() {
        fake = new FakeGitHub(ORG);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void createRepository() {
        JsonNode rec = OctokitFixtures.exchange("create-file", true, "post", "/orgs/" + ORG + "/repos");
        Reply r = send("POST", "/orgs/" + ORG + "/repos", rec.path("body"));
        assertConforms("POST /orgs/{org}/repos", rec, r, List.of("id", "node_id", "name", "full_name", "html_url", "description",
                "visibility", "topics", "default_branch", "has_issues", "has_wiki", "allow_merge_commit", "allow_squash_merge",
                "allow_rebase_merge", "delete_branch_on_merge"));
    }

    @Test
    void getRepository() {
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"hello-world\"}"));
        JsonNode rec = OctokitFixtures.exchange("get-repository", false, "get", "/repos/" + ORG + "/hello-world");
        assertConforms("GET /repos/{owner}/{repo}", rec, send("GET", rec.path("path").asText(), null), List.of("id", "node_id",
                "name", "full_name", "html_url", "description", "visibility", "topics", "default_branch", "has_issues", "has_wiki",
                "allow_merge_commit", "allow_squash_merge", "allow_rebase_merge", "delete_branch_on_merge"));
    }

    @Test
    void getOrganization() {
        JsonNode rec = OctokitFixtures.exchange("get-organization", false, "get", "/orgs/" + ORG);
        assertConforms("GET /orgs/{org}", rec, send("GET", "/orgs/" + ORG, null), List.of("login"));
        assertEquals(404, send("GET", "/orgs/someone-else", null).status(), "a user or unknown owner is not an organization");
    }

    @Test
    void updateRepository() {
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"rename-repository\"}"));
        JsonNode rec = OctokitFixtures.scenario("rename-repository", false).get(0);
        JsonNode sent = json("{\"description\":\"test description\"}");
        assertConforms("PATCH /repos/{owner}/{repo}", rec, send("PATCH", "/repos/" + ORG + "/rename-repository", sent),
                List.of("name", "description", "topics", "default_branch"));
    }

    @Test
    void deleteRepository() {
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"gone\"}"));
        JsonNode rec = OctokitFixtures.exchange("create-file", true, "delete", "/repos/" + ORG + "/tmp-scenario-.*");
        assertConforms("DELETE /repos/{owner}/{repo}", rec, send("DELETE", "/repos/" + ORG + "/gone", null), List.of());
    }

    @Test
    void branchProtectionGetPutDelete() {
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"branch-protection\",\"auto_init\":true}"));
        List<JsonNode> recs = OctokitFixtures.scenario("branch-protection", false);
        String path = "/repos/" + ORG + "/branch-protection/branches/main/protection";
        assertConforms("GET .../protection (not protected)", recs.get(0), send("GET", path, null), List.of("message"));
        assertEquals(recs.get(0).path("response").path("message").asText(), send("GET", path, null).body().path("message").asText());
        assertConforms("PUT .../protection (nothing required)", recs.get(1), send("PUT", path, recs.get(1).path("body")),
                List.of("enforce_admins"));
        assertConforms("PUT .../protection (checks, reviews)", recs.get(2), send("PUT", path, recs.get(2).path("body")),
                List.of("required_status_checks", "enforce_admins", "required_pull_request_reviews"));
        JsonNode checks = recs.get(2).path("response").path("required_status_checks");
        assertTrue(checks.has("strict") && checks.has("contexts"), "the provider reads strict and contexts");
        assertTrue(recs.get(2).path("response").path("required_pull_request_reviews").has("required_approving_review_count"));
        assertTrue(recs.get(2).path("response").path("enforce_admins").has("enabled"));
        assertConforms("GET .../protection", recs.get(2), send("GET", path, null), List.of("required_status_checks", "enforce_admins"));
        assertConforms("DELETE .../protection", recs.get(3), send("DELETE", path, null), List.of());
    }

    @Test
    void createFile() {
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"create-file\"}"));
        JsonNode rec = OctokitFixtures.exchange("create-file", false, "put", "/repos/" + ORG + "/create-file/contents/test.txt");
        Reply r = send("PUT", rec.path("path").asText(), rec.path("body"));
        assertConforms("PUT /repos/{owner}/{repo}/contents/{path}", rec, r, List.of("content", "commit"));
        assertTrue(rec.path("response").path("content").has("sha") && rec.path("response").path("commit").has("sha"));
        assertEquals(rec.path("response").path("content").path("sha").asText(), r.body().path("content").path("sha").asText(),
                "the fake's blob SHA is git's, as GitHub's is");
    }

    @Test
    void getFileHasEveryFieldOfARecordedDirectoryEntry() {
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"hello-world\",\"auto_init\":true}"));
        JsonNode rec = OctokitFixtures.exchange("get-content", false, "get", "/repos/" + ORG + "/hello-world/contents/");
        Reply r = send("GET", "/repos/" + ORG + "/hello-world/contents/README.md", null);
        assertEquals(200, r.status());
        List<String> problems = new ArrayList<>();
        shape("GET contents/{path}", rec.path("response").get(0), r.body(), problems);
        assertEquals(List.of(), problems);
        assertTrue(rec.path("response").get(0).has("sha") && rec.path("response").get(0).has("type"));
    }

    @Test
    void gitRefsListCreateUpdateDelete() {
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"git-refs\",\"auto_init\":true}"));
        List<JsonNode> recs = OctokitFixtures.scenario("git-refs", false);
        String refs = "/repos/" + ORG + "/git-refs/git/refs";
        String head = send("GET", refs + "/", null).body().get(0).path("object").path("sha").asText();
        assertConforms("GET .../git/refs/", recs.get(0), send("GET", refs + "/", null), List.of());
        assertTrue(recs.get(0).path("response").get(0).path("object").has("sha"), "the provider reads object.sha");
        List<String> one = new ArrayList<>();
        shape("GET .../git/ref/heads/main (one ref, as an item of the recorded list)", recs.get(0).path("response").get(0),
                send("GET", "/repos/" + ORG + "/git-refs/git/ref/heads/main", null).body(), one);
        assertEquals(List.of(), one);
        assertConforms("POST .../git/refs", recs.get(1), send("POST", refs, json("{\"ref\":\"refs/heads/test\",\"sha\":\"" + head + "\"}")),
                List.of("ref", "object"));
        assertConforms("PATCH .../git/refs/heads/test", recs.get(2), send("PATCH", refs + "/heads/test",
                json("{\"sha\":\"" + head + "\",\"force\":true}")), List.of("ref", "object"));
        assertConforms("GET .../git/refs/ (two branches)", recs.get(3), send("GET", refs + "/", null), List.of());
        assertEquals(2, send("GET", refs + "/", null).body().size());
        assertConforms("DELETE .../git/refs/heads/test", recs.get(4), send("DELETE", refs + "/heads/test", null), List.of());
    }

    @Test
    void gitCommitHasTheShapeOfTheCommitGitHubReturnedForACreatedFile() {
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"create-file\",\"auto_init\":true}"));
        JsonNode rec = OctokitFixtures.exchange("create-file", false, "put", "/repos/" + ORG + "/create-file/contents/test.txt");
        String head = send("GET", "/repos/" + ORG + "/create-file/git/ref/heads/main", null).body().path("object").path("sha").asText();
        Reply r = send("GET", "/repos/" + ORG + "/create-file/git/commits/" + head, null);
        assertEquals(200, r.status());
        List<String> problems = new ArrayList<>();
        shape("GET git/commits/{sha}", rec.path("response").path("commit"), r.body(), problems);
        assertEquals(List.of(), problems);
        assertTrue(rec.path("response").path("commit").path("tree").has("sha"), "the provider reads tree.sha");
    }

    @Test
    void teamRepositoryPut() {
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"team-access\"}"));
        fake.addTeam("a-team", 2527061);
        JsonNode rec = OctokitFixtures.exchange("branch-protection", true, "put", "/teams/[0-9]+/repos/" + ORG + "/tmp-.*");
        Reply r = send("PUT", "/orgs/" + ORG + "/teams/a-team/repos/" + ORG + "/team-access", rec.path("body"));
        assertConforms("PUT /orgs/{org}/teams/{slug}/repos/{owner}/{repo} (recorded on the legacy /teams/{id} path)", rec, r, List.of());
    }

    @Test
    void teamRepositoryGetIsARepositoryWithPermissions() {
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"hello-world\"}"));
        fake.addTeam("a-team", 2527061);
        fake.setTeamPermission("a-team", "hello-world", "push");
        JsonNode rec = OctokitFixtures.exchange("get-repository", false, "get", "/repos/" + ORG + "/hello-world");
        Reply r = send("GET", "/orgs/" + ORG + "/teams/a-team/repos/" + ORG + "/hello-world", null,
                "application/vnd.github.v3.repository+json");
        assertConforms("GET /orgs/{org}/teams/{slug}/repos/{owner}/{repo} (shape of a repository)", rec, r, List.of("permissions"));
        assertTrue(rec.path("response").path("permissions").has("maintain"));
    }

    /**
     * {@code @octokit/fixtures} records no pull request endpoint (nor {@code GET git/blobs/{sha}}); what can be checked is
     * that the list of pull requests pages like the recorded list of issues, keeping its filters in the links.
     */
    @Test
    void pullRequestListPagesLikeGitHubAndKeepsItsFilters() {
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"prs\",\"auto_init\":true}"));
        for (int i = 1; i <= 7; i++) {
            fake.commitFile("prs", "topic-" + i, "f.txt", "change " + i + "\n");
            assertEquals(201, send("POST", "/repos/" + ORG + "/prs/pulls", json("{\"title\":\"t" + i + "\",\"head\":\"topic-" + i
                    + "\",\"base\":\"main\"}")).status());
        }
        JsonNode first = OctokitFixtures.scenario("paginate-issues", false).get(0);
        JsonNode middle = OctokitFixtures.scenario("paginate-issues", false).get(1);
        Reply r1 = send("GET", "/repos/" + ORG + "/prs/pulls?state=open&per_page=3", null);
        Reply r2 = send("GET", "/repos/" + ORG + "/prs/pulls?state=open&per_page=3&page=2", null);
        assertEquals(relations(first.path("headers").path("link").asText()), relations(r1.headers().get("link").get(0)));
        assertEquals(relations(middle.path("headers").path("link").asText()), relations(r2.headers().get("link").get(0)));
        assertTrue(r1.headers().get("link").get(0).contains("state=open&"), r1.headers()::toString);
        assertEquals(List.of("t7", "t6", "t5"), r1.body().findValues("title").stream().map(JsonNode::asText).toList(), "newest first");

        Reply one = send("GET", "/repos/" + ORG + "/prs/pulls?head=" + ORG + ":topic-2", null);
        assertEquals(1, one.body().size());
        assertEquals("topic-2", one.body().get(0).path("head").path("ref").asText());
        assertEquals(0, send("GET", "/repos/" + ORG + "/prs/pulls?head=" + ORG + ":topic-2&state=closed", null).body().size());
        assertEquals(200, send("PATCH", "/repos/" + ORG + "/prs/pulls/2", json("{\"state\":\"closed\"}")).status());
        assertEquals("closed", send("GET", "/repos/" + ORG + "/prs/pulls/2", null).body().path("state").asText());
        assertEquals(0, send("GET", "/repos/" + ORG + "/prs/pulls?head=" + ORG + ":topic-2", null).body().size());
    }

    @Test
    void rateLimitAndEtagHeadersAreGitHubs() {
        JsonNode rec = OctokitFixtures.exchange("get-repository", false, "get", "/repos/" + ORG + "/hello-world");
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"hello-world\"}"));
        Reply r = send("GET", "/repos/" + ORG + "/hello-world", null);
        for (String h : List.of("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-used",
                "x-ratelimit-resource", "etag")) {
            assertTrue(rec.path("headers").has(h), "recorded " + h);
            assertTrue(r.headers().containsKey(h), "the fake sends " + h);
        }
        assertTrue(r.headers().get("etag").get(0).matches("\"[0-9a-f]+\""), "a quoted strong ETag, like " + rec.path("headers").path("etag"));
    }

    @Test
    void validationErrorBody() {
        JsonNode rec = OctokitFixtures.exchange("errors", false, "post", ".*/labels");
        send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"dup\"}"));
        Reply r = send("POST", "/orgs/" + ORG + "/repos", json("{\"name\":\"dup\"}"));
        assertConforms("422 from POST /orgs/{org}/repos (recorded on POST labels)", rec, r, List.of("message", "errors"));
    }

    private void assertConforms(String what, JsonNode recorded, Reply reply, List<String> providerReads) {
        assertEquals(recorded.path("status").asInt(), reply.status(), what + ": status");
        List<String> problems = new ArrayList<>();
        JsonNode recBody = recorded.path("response");
        if (recBody.isTextual() && recBody.asText().isEmpty()) recBody = MissingNode.getInstance();
        shape(what, recBody, reply.body(), problems);
        for (String f : providerReads)
            if (!recBody.has(f)) problems.add(what + ": the provider reads " + f + ", which GitHub did not send");
        if (!problems.isEmpty()) fail(String.join("\n", problems));
    }

    /** Every field of {@code recorded} is in {@code actual} with the same JSON type; arrays compare their first items. */
    static void shape(String at, JsonNode recorded, JsonNode actual, List<String> problems) {
        if (recorded.isMissingNode() || recorded.isNull()) return;
        if (actual.isMissingNode()) {
            problems.add(at + ": missing");
            return;
        }
        if (recorded.getNodeType() != actual.getNodeType()) {
            problems.add(at + ": recorded " + recorded.getNodeType() + ", fake sent " + actual.getNodeType());
            return;
        }
        if (recorded.isObject())
            recorded.fieldNames().forEachRemaining(f -> shape(at + "." + f, recorded.path(f), actual.path(f), problems));
        if (recorded.isArray() && !recorded.isEmpty() && !actual.isEmpty())
            shape(at + "[0]", recorded.get(0), actual.get(0), problems);
    }

    private static List<String> relations(String link) {
        List<String> out = new ArrayList<>();
        for (String part : link.split(",")) {
            String p = part.trim();
            if (!p.matches("<https?://[^>]+\\?[^>]*page=\\d+[^>]*>; rel=\"[a-z]+\""))
                throw new AssertionError("not a GitHub Link entry: " + p);
            out.add(p.substring(p.indexOf("rel=")));
        }
        return out;
    }

    private Reply send(String method, String path, JsonNode body) {
        return send(method, path, body, "application/vnd.github+json");
    }

    private Reply send(String method, String path, JsonNode body, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .header("Authorization", "token " + FakeGitHub.TOKEN).header("Accept", accept)
                .method(method, body == null || body.isMissingNode() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? MissingNode.getInstance() : FakeJson.JSON.readTree(r.body());
            return new Reply(r.statusCode(), json, r.headers().map());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return FakeJson.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
