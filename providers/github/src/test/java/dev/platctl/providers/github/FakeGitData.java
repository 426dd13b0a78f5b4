package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fake's Git Data API (refs, blobs, trees, commits) over one repository's object store, in GitHub's REST shapes. */
final class FakeGitData {
    private static final String DOCS = "https://docs.github.com/rest/git";
    private static final Pattern REF = Pattern.compile("/git/(?:ref|refs)/(heads/.+)");
    private static final Pattern OBJECT = Pattern.compile("/git/(commits|trees|blobs)/([0-9a-f]{40})");

    private final String api;
    private final String org;
    private final Supplier<String> now;

    FakeGitData(String api, String org, Supplier<String> now) {
        this.api = api;
        this.org = org;
        this.now = now;
    }

    /** Answers a {@code /git/...} request, or returns null when the path is not a Git Data endpoint. */
    FakeGitHub.Answer route(String method, FakeRepository r, String rest, JsonNode body, boolean admin) {
        if (!rest.startsWith("/git/")) return null;
        if (r.branches.isEmpty()) return new FakeGitHub.Answer(409, FakeJson.error("Git Repository is empty.", DOCS));
        Matcher m;
        if (rest.equals("/git/refs/") || rest.equals("/git/refs")) {
            if (method.equals("GET")) {
                ArrayNode all = FakeJson.JSON.createArrayNode();
                r.heads.forEach((b, sha) -> all.add(ref(r, "refs/heads/" + b, sha)));
                return new FakeGitHub.Answer(200, all);
            }
            if (method.equals("POST")) return createRef(r, body);
        }
        if ((m = REF.matcher(rest)).matches()) {
            String branch = m.group(1).substring("heads/".length());
            String head = r.heads.get(branch);
            if (head == null) return new FakeGitHub.Answer(404, FakeJson.error("Not Found", DOCS));
            switch (method) {
                case "GET": return new FakeGitHub.Answer(200, ref(r, "refs/heads/" + branch, head));
                case "PATCH": return moveRef(r, branch, body, admin);
                case "DELETE":
                    r.heads.remove(branch);
                    r.branches.remove(branch);
                    return new FakeGitHub.Answer(204, null);
                default: return null;
            }
        }
        if (rest.equals("/git/blobs") && method.equals("POST")) return createBlob(r, body);
        if (rest.equals("/git/trees") && method.equals("POST")) return createTree(r, body);
        if (rest.equals("/git/commits") && method.equals("POST")) return createCommit(r, body);
        if ((m = OBJECT.matcher(rest)).matches() && method.equals("GET")) {
            if (m.group(1).equals("commits"))
                return r.commits.containsKey(m.group(2)) ? new FakeGitHub.Answer(200, commit(r, m.group(2))) : notFound();
            if (m.group(1).equals("blobs"))
                return r.blobs.containsKey(m.group(2)) ? new FakeGitHub.Answer(200, blob(r, m.group(2))) : notFound();
            return r.trees.containsKey(m.group(2)) ? new FakeGitHub.Answer(200, tree(r, m.group(2))) : notFound();
        }
        return null;
    }

    /** Records the branch's current files as a tree and a commit on top of its head, as a push would. */
    static String snapshot(FakeRepository r, String branch, String message, String sequence) {
        Map<String, String> entries = new TreeMap<>();
        r.branches.get(branch).forEach((path, content) -> entries.put(path, storeBlob(r, content)));
        String tree = storeTree(r, entries);
        String parent = r.heads.get(branch);
        String sha = FakeGitHub.sha1(("commit " + tree + "|" + parent + "|" + message + "|" + sequence).getBytes(StandardCharsets.UTF_8));
        r.commits.put(sha, new String[]{tree, parent, message});
        r.heads.put(branch, sha);
        return sha;
    }

    private FakeGitHub.Answer createRef(FakeRepository r, JsonNode body) {
        String name = body.path("ref").asText("");
        String sha = body.path("sha").asText("");
        if (!name.startsWith("refs/") || name.split("/").length < 3)
            return FakeGitHub.validation("Reference name must start with 'refs/' and have at least two slashes.", null, null, null, null);
        if (!r.commits.containsKey(sha)) return FakeGitHub.validation("Object does not exist", null, null, null, null);
        String branch = name.substring("refs/heads/".length());
        if (r.heads.containsKey(branch)) return FakeGitHub.validation("Reference already exists", null, null, null, null);
        point(r, branch, sha);
        return new FakeGitHub.Answer(201, ref(r, name, sha));
    }

    private FakeGitHub.Answer moveRef(FakeRepository r, String branch, JsonNode body, boolean admin) {
        String sha = body.path("sha").asText("");
        if (!r.commits.containsKey(sha)) return FakeGitHub.validation("Object does not exist", null, null, null, null);
        boolean fastForward = descends(r, sha, r.heads.get(branch));
        if (!body.path("force").asBoolean(false) && !fastForward)
            return FakeGitHub.validation("Update is not a fast forward", null, null, null, null);
        if (!fastForward && r.forcePushesBlocked)
            return new FakeGitHub.Answer(422, FakeJson.error("Repository rule violations found\n\nCannot force-push to this branch\n\n",
                    "https://docs.github.com/rest/git/refs#update-a-reference"));
        Optional<String> refused = FakeProtection.refusal(r, branch, fastForward, admin);
        if (refused.isPresent())
            return new FakeGitHub.Answer(422, FakeJson.error(refused.get(), FakeProtection.DOCS));
        point(r, branch, sha);
        return new FakeGitHub.Answer(200, ref(r, "refs/heads/" + branch, sha));
    }

    private FakeGitHub.Answer createBlob(FakeRepository r, JsonNode body) {
        if (!body.hasNonNull("content"))
            return FakeGitHub.validation("Invalid request.\n\n\"content\" wasn't supplied.", null, null, null, null);
        String text = body.path("content").asText();
        byte[] content = body.path("encoding").asText("utf-8").equals("base64") ? Base64.getMimeDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        String sha = storeBlob(r, content);
        return new FakeGitHub.Answer(201, FakeJson.JSON.createObjectNode().put("sha", sha).put("url", url(r, "blobs", sha)));
    }

    private FakeGitHub.Answer createTree(FakeRepository r, JsonNode body) {
        Map<String, String> entries = new TreeMap<>();
        if (body.hasNonNull("base_tree")) {
            Map<String, String> base = r.trees.get(body.path("base_tree").asText());
            if (base == null) return FakeGitHub.validation("Invalid request.\n\nbase_tree is not a valid tree.", null, null, null, null);
            entries.putAll(base);
        }
        if (!body.path("tree").isArray())
            return FakeGitHub.validation("Invalid request.\n\n\"tree\" wasn't supplied.", null, null, null, null);
        for (JsonNode e : body.path("tree")) {
            String path = e.path("path").asText("");
            if (path.isEmpty() || path.startsWith("/") || !e.path("type").asText().equals("blob"))
                return FakeGitHub.validation("Invalid tree info", null, null, null, null);
            if (e.has("sha") && e.path("sha").isNull()) entries.remove(path);
            else if (e.hasNonNull("sha")) {
                if (!r.blobs.containsKey(e.path("sha").asText())) return FakeGitHub.validation("Invalid tree info", null, null, null, null);
                entries.put(path, e.path("sha").asText());
            } else entries.put(path, storeBlob(r, e.path("content").asText("").getBytes(StandardCharsets.UTF_8)));
        }
        return new FakeGitHub.Answer(201, tree(r, storeTree(r, entries)));
    }

    private FakeGitHub.Answer createCommit(FakeRepository r, JsonNode body) {
        String tree = body.path("tree").asText("");
        if (!r.trees.containsKey(tree)) return FakeGitHub.validation("Tree SHA does not exist", null, null, null, null);
        String parent = body.path("parents").isArray() && !body.path("parents").isEmpty() ? body.path("parents").get(0).asText() : null;
        if (parent != null && !r.commits.containsKey(parent)) return FakeGitHub.validation("Parent SHA does not exist or is not a commit object", null, null, null, null);
        String message = body.path("message").asText("");
        String sha = FakeGitHub.sha1(("commit " + tree + "|" + parent + "|" + message + "|" + r.commits.size()).getBytes(StandardCharsets.UTF_8));
        r.commits.put(sha, new String[]{tree, parent, message});
        return new FakeGitHub.Answer(201, commit(r, sha));
    }

    /** Moves a branch to a commit and makes its files that commit's tree. */
    static void point(FakeRepository r, String branch, String sha) {
        r.heads.put(branch, sha);
        Map<String, byte[]> files = new TreeMap<>();
        r.trees.get(r.commits.get(sha)[0]).forEach((path, blob) -> files.put(path, r.blobs.get(blob)));
        r.branches.put(branch, files);
    }

    static boolean descends(FakeRepository r, String sha, String ancestor) {
        for (String c = sha; c != null; c = r.commits.get(c)[1]) if (c.equals(ancestor)) return true;
        return false;
    }

    private static String storeBlob(FakeRepository r, byte[] content) {
        String sha = FakeGitHub.blobSha(content);
        r.blobs.put(sha, content);
        return sha;
    }

    private static String storeTree(FakeRepository r, Map<String, String> entries) {
        StringBuilder text = new StringBuilder("tree");
        entries.forEach((p, s) -> text.append('\n').append(p).append(' ').append(s));
        String sha = FakeGitHub.sha1(text.toString().getBytes(StandardCharsets.UTF_8));
        r.trees.put(sha, new TreeMap<>(entries));
        return sha;
    }

    private ObjectNode ref(FakeRepository r, String name, String sha) {
        ObjectNode o = FakeJson.JSON.createObjectNode().put("ref", name).put("node_id", FakeJson.nodeId("Ref", name.hashCode()))
                .put("url", api + "/repos/" + org + "/" + r.name + "/git/" + name);
        o.putObject("object").put("sha", sha).put("type", "commit").put("url", url(r, "commits", sha));
        return o;
    }

    private ObjectNode commit(FakeRepository r, String sha) {
        String[] c = r.commits.get(sha);
        return FakeJson.commit(api, org, r.name, sha, c[0], c[1], c[2], now.get());
    }

    /** A blob as GitHub returns it: base64 in lines, like the contents API. */
    private ObjectNode blob(FakeRepository r, String sha) {
        byte[] content = r.blobs.get(sha);
        return FakeJson.JSON.createObjectNode().put("sha", sha).put("node_id", FakeJson.nodeId("Blob", sha.hashCode()))
                .put("size", content.length).put("url", url(r, "blobs", sha))
                .put("content", Base64.getMimeEncoder().encodeToString(content) + "\n").put("encoding", "base64");
    }

    private ObjectNode tree(FakeRepository r, String sha) {
        ObjectNode o = FakeJson.JSON.createObjectNode().put("sha", sha).put("url", url(r, "trees", sha));
        ArrayNode items = o.putArray("tree");
        r.trees.get(sha).forEach((path, blob) -> items.addObject().put("path", path).put("mode", "100644").put("type", "blob")
                .put("sha", blob).put("size", r.blobs.get(blob).length).put("url", url(r, "blobs", blob)));
        o.put("truncated", false);
        return o;
    }

    private String url(FakeRepository r, String kind, String sha) {
        return api + "/repos/" + org + "/" + r.name + "/git/" + kind + "/" + sha;
    }

    private static FakeGitHub.Answer notFound() {
        return new FakeGitHub.Answer(404, FakeJson.error("Not Found", DOCS));
    }
}
