package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The fake's pull requests in GitHub's shape: open one between two existing branches ({@code POST pulls}), list them
 * filtered by {@code state}, {@code head} ({@code owner:branch}) and {@code base} with Link pagination, get and update
 * one; and, for tests, merge (squash) or close one as a person would on the web.
 */
final class FakePullRequests {
    private static final String WEB = "https://github.com";
    private static final String DOCS = "https://docs.github.com/rest/pulls/pulls";

    private final String api;
    private final String org;
    private final Supplier<String> now;
    private final Function<FakeRepository, ObjectNode> repoJson;
    private final ObjectNode author;

    /** {@code repoJson} renders a repository as head.repo and base.repo show it; {@code author} is the token's user. */
    FakePullRequests(String api, String org, Supplier<String> now, Function<FakeRepository, ObjectNode> repoJson, ObjectNode author) {
        this.api = api;
        this.org = org;
        this.now = now;
        this.repoJson = repoJson;
        this.author = author;
    }

    /** Answers {@code /pulls} and {@code /pulls/{number}}, or returns null when the path is neither. */
    FakeGitHub.Answer route(String method, FakeRepository r, String rest, Map<String, String> params, JsonNode body,
                            Supplier<Long> nextId) {
        if (rest.equals("/pulls")) {
            if (method.equals("POST")) return create(r, body, nextId.get());
            if (method.equals("GET")) return list(r, params);
            return null;
        }
        if (!rest.matches("/pulls/[0-9]+")) return null;
        int number = Integer.parseInt(rest.substring("/pulls/".length()));
        if (number < 1 || number > r.pulls.size()) return new FakeGitHub.Answer(404, FakeJson.error("Not Found", DOCS));
        ObjectNode p = r.pulls.get(number - 1);
        if (method.equals("GET")) return new FakeGitHub.Answer(200, shown(r, p));
        if (method.equals("PATCH")) return update(r, p, body);
        return null;
    }

    private FakeGitHub.Answer create(FakeRepository r, JsonNode body, long id) {
        for (String f : new String[]{"title", "head", "base"})
            if (!body.hasNonNull(f)) return FakeGitHub.validation("Invalid request.\n\n\"" + f + "\" wasn't supplied.", null, null, null, null);
        String head = body.path("head").asText().replaceFirst("^" + org + ":", "");
        String base = body.path("base").asText();
        if (!r.heads.containsKey(base)) return FakeGitHub.validation("Validation Failed", "PullRequest", "base", "invalid", null);
        if (!r.heads.containsKey(head)) return FakeGitHub.validation("Validation Failed", "PullRequest", "head", "invalid", null);
        if (r.heads.get(head).equals(r.heads.get(base)))
            return FakeGitHub.validation("Validation Failed", "PullRequest", null, "custom", "No commits between " + base + " and " + head);
        for (ObjectNode open : r.pulls)
            if (open.path("head").path("ref").asText().equals(head) && open.path("state").asText().equals("open"))
                return FakeGitHub.validation("Validation Failed", "PullRequest", null, "custom",
                        "A pull request already exists for " + org + ":" + head + ".");
        int number = r.pulls.size() + 1;
        String at = now.get();
        ObjectNode p = FakeJson.JSON.createObjectNode().put("url", api + "/repos/" + org + "/" + r.name + "/pulls/" + number)
                .put("id", id).put("node_id", FakeJson.nodeId("PullRequest", id))
                .put("html_url", WEB + "/" + org + "/" + r.name + "/pull/" + number)
                .put("number", number).put("state", "open").put("locked", false)
                .put("title", body.path("title").asText()).put("body", body.path("body").asText(null))
                .put("created_at", at).put("updated_at", at).putNull("closed_at").putNull("merged_at")
                .put("draft", body.path("draft").asBoolean(false)).put("merged", false).put("commits", 1);
        p.set("head", side(r, head));
        p.set("base", side(r, base));
        r.pulls.add(p);
        return new FakeGitHub.Answer(201, shown(r, p));
    }

    /** {@code GET pulls}: newest first, as GitHub sorts by default; {@code head} is {@code owner:branch}. */
    private FakeGitHub.Answer list(FakeRepository r, Map<String, String> params) {
        String state = params.getOrDefault("state", "open");
        if (!List.of("open", "closed", "all").contains(state))
            return FakeGitHub.validation("Validation Failed", "PullRequest", "state", "invalid", null);
        String head = params.get("head");
        String base = params.get("base");
        List<JsonNode> matching = new ArrayList<>();
        for (int i = r.pulls.size() - 1; i >= 0; i--) {
            ObjectNode p = r.pulls.get(i);
            if (!state.equals("all") && !p.path("state").asText().equals(state)) continue;
            if (head != null && !p.path("head").path("label").asText().equals(head)) continue;
            if (base != null && !p.path("base").path("ref").asText().equals(base)) continue;
            matching.add(shown(r, p));
        }
        return FakeGitHub.page(matching, api + "/repos/" + org + "/" + r.name + "/pulls", params);
    }

    /** {@code PATCH pulls/{n}}: title, body, state (open/closed) and base, as the web UI edits them. */
    private FakeGitHub.Answer update(FakeRepository r, ObjectNode p, JsonNode body) {
        if (body.has("state") && !List.of("open", "closed").contains(body.path("state").asText()))
            return FakeGitHub.validation("Validation Failed", "PullRequest", "state", "invalid", null);
        if (body.has("base") && !r.heads.containsKey(body.path("base").asText()))
            return FakeGitHub.validation("Validation Failed", "PullRequest", "base", "invalid", null);
        if (p.path("merged").asBoolean() && body.has("state"))
            return FakeGitHub.validation("Validation Failed", "PullRequest", null, "custom", "Cannot change the state of a merged pull request");
        if (body.has("title")) p.put("title", body.path("title").asText());
        if (body.has("body")) p.put("body", body.path("body").asText(null));
        if (body.has("base")) p.set("base", side(r, body.path("base").asText()));
        if (body.has("state")) {
            p.put("state", body.path("state").asText());
            if (body.path("state").asText().equals("closed")) p.put("closed_at", now.get());
            else p.putNull("closed_at");
        }
        p.put("updated_at", now.get());
        return new FakeGitHub.Answer(200, shown(r, p));
    }

    /** Squash-merges an open pull request as the web UI does: one commit on the base with the head's tree; deletes the head branch when asked. */
    void merge(FakeRepository r, int number, boolean deleteBranch) {
        ObjectNode p = r.pulls.get(number - 1);
        if (!p.path("state").asText().equals("open")) throw new IllegalStateException("pull request " + number + " is not open");
        String head = p.path("head").path("ref").asText();
        String base = p.path("base").path("ref").asText();
        String headCommit = r.heads.get(head);
        if (!FakeGitData.descends(r, headCommit, r.heads.get(base)))
            throw new IllegalStateException("pull request " + number + " is not based on " + base + "'s head; the fake merges only those");
        String tree = r.commits.get(headCommit)[0];
        String sha = FakeGitHub.sha1(("squash " + tree + "|" + r.heads.get(base) + "|" + number).getBytes(StandardCharsets.UTF_8));
        r.commits.put(sha, new String[]{tree, r.heads.get(base), p.path("title").asText() + " (#" + number + ")"});
        FakeGitData.point(r, base, sha);
        String at = now.get();
        p.put("state", "closed").put("merged", true).put("merged_at", at).put("closed_at", at).put("updated_at", at)
                .put("merge_commit_sha", sha);
        if (deleteBranch) {
            r.heads.remove(head);
            r.branches.remove(head);
        }
    }

    /** Closes a pull request without merging it. */
    void close(FakeRepository r, int number) {
        String at = now.get();
        r.pulls.get(number - 1).put("state", "closed").put("closed_at", at).put("updated_at", at);
    }

    /**
     * The stored pull request in GitHub's full shape (the "pull-request" of GitHub's OpenAPI description), with its head as
     * it is now: GitHub follows a branch that moved.
     */
    private ObjectNode shown(FakeRepository r, ObjectNode p) {
        String url = p.path("url").asText();
        String repoApi = api + "/repos/" + org + "/" + r.name;
        String issue = repoApi + "/issues/" + p.path("number").asInt();
        String html = p.path("html_url").asText();
        ObjectNode out = FakeJson.JSON.createObjectNode();
        out.put("url", url).put("id", p.path("id").asLong()).put("node_id", p.path("node_id").asText()).put("html_url", html)
                .put("diff_url", html + ".diff").put("patch_url", html + ".patch").put("issue_url", issue)
                .put("number", p.path("number").asInt()).put("state", p.path("state").asText()).put("locked", false)
                .put("title", p.path("title").asText());
        out.set("user", author.deepCopy());
        out.set("body", p.path("body"));
        out.putArray("labels");
        out.putNull("milestone");
        out.putNull("active_lock_reason");
        out.put("created_at", p.path("created_at").asText()).put("updated_at", p.path("updated_at").asText());
        out.set("closed_at", p.path("closed_at"));
        out.set("merged_at", p.path("merged_at"));
        out.set("merge_commit_sha", p.has("merge_commit_sha") ? p.path("merge_commit_sha") : FakeJson.JSON.nullNode());
        out.putNull("assignee");
        out.putArray("assignees");
        out.putArray("requested_reviewers");
        out.putArray("requested_teams");
        out.put("commits_url", url + "/commits").put("review_comments_url", url + "/comments")
                .put("review_comment_url", repoApi + "/pulls/comments{/number}").put("comments_url", issue + "/comments")
                .put("statuses_url", repoApi + "/statuses/" + headSha(r, p));
        String head = p.path("head").path("ref").asText();
        out.set("head", side(r, head, headSha(r, p)));
        out.set("base", side(r, p.path("base").path("ref").asText(), p.path("base").path("sha").asText()));
        ObjectNode links = out.putObject("_links");
        links.putObject("self").put("href", url);
        links.putObject("html").put("href", html);
        links.putObject("issue").put("href", issue);
        links.putObject("comments").put("href", issue + "/comments");
        links.putObject("review_comments").put("href", url + "/comments");
        links.putObject("review_comment").put("href", repoApi + "/pulls/comments{/number}");
        links.putObject("commits").put("href", url + "/commits");
        links.putObject("statuses").put("href", repoApi + "/statuses/" + headSha(r, p));
        out.put("author_association", "MEMBER");
        out.putNull("auto_merge");
        out.put("draft", p.path("draft").asBoolean(false));
        out.put("merged", p.path("merged").asBoolean());
        out.putNull("mergeable");
        out.putNull("rebaseable");
        out.put("mergeable_state", "unknown");
        if (p.path("merged").asBoolean()) out.set("merged_by", author.deepCopy());
        else out.putNull("merged_by");
        out.put("comments", 0).put("review_comments", 0).put("maintainer_can_modify", false)
                .put("commits", 1).put("additions", 0).put("deletions", 0).put("changed_files", 0);
        return out;
    }

    private static String headSha(FakeRepository r, ObjectNode p) {
        String head = p.path("head").path("ref").asText();
        return p.path("state").asText().equals("open") && r.heads.containsKey(head) ? r.heads.get(head) : p.path("head").path("sha").asText();
    }

    /** head or base as GitHub shows them: label, ref, sha, the owner and the repository. */
    private ObjectNode side(FakeRepository r, String branch, String sha) {
        ObjectNode o = FakeJson.JSON.createObjectNode().put("label", org + ":" + branch).put("ref", branch).put("sha", sha);
        ObjectNode repo = repoJson.apply(r);
        o.set("user", repo.path("owner").deepCopy());
        o.set("repo", repo);
        return o;
    }

    /** What a stored pull request keeps of a side: the branch and the commit it was at. */
    private ObjectNode side(FakeRepository r, String branch) {
        return FakeJson.JSON.createObjectNode().put("label", org + ":" + branch).put("ref", branch).put("sha", r.heads.get(branch));
    }
}
