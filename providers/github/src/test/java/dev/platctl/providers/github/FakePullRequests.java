package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    FakePullRequests(String api, String org, Supplier<String> now) {
        this.api = api;
        this.org = org;
        this.now = now;
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

    /** The stored pull request with its head as it is now: GitHub follows a branch that moved. */
    private ObjectNode shown(FakeRepository r, ObjectNode p) {
        ObjectNode out = p.deepCopy();
        String head = p.path("head").path("ref").asText();
        if (p.path("state").asText().equals("open") && r.heads.containsKey(head)) ((ObjectNode) out.path("head")).put("sha", r.heads.get(head));
        return out;
    }

    private ObjectNode side(FakeRepository r, String branch) {
        return FakeJson.JSON.createObjectNode().put("label", org + ":" + branch).put("ref", branch).put("sha", r.heads.get(branch));
    }
}
