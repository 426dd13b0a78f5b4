package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Supplier;

/** The fake's {@code POST /repos/{owner}/{repo}/pulls}: opens a pull request between two existing branches, in GitHub's shape. */
final class FakePullRequests {
    private static final String WEB = "https://github.com";

    private final String api;
    private final String org;
    private final Supplier<String> now;

    FakePullRequests(String api, String org, Supplier<String> now) {
        this.api = api;
        this.org = org;
        this.now = now;
    }

    FakeGitHub.Answer create(FakeRepository r, JsonNode body, long id) {
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
        return new FakeGitHub.Answer(201, p);
    }

    private ObjectNode side(FakeRepository r, String branch) {
        return FakeJson.JSON.createObjectNode().put("label", org + ":" + branch).put("ref", branch).put("sha", r.heads.get(branch));
    }
}
