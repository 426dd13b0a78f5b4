package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a set of file changes to a repository as one commit through the Git Data API (ref, blobs, tree on the base
 * tree, commit), either straight onto the branch or onto a {@code platctl/<version>} branch with a pull request.
 */
final class SkeletonDelivery {
    /** What a delivery did: blob SHAs written (null: deleted), the commit, the pull request's URL, files left alone. */
    record Result(Map<String, String> written, Optional<String> commitSha, Optional<String> pullRequestUrl, List<String> conflicts) {
    }

    private final GitHubClient client;
    private final String repoPath;

    SkeletonDelivery(GitHubClient client, String repoPath) {
        this.client = client;
        this.repoPath = repoPath;
    }

    /**
     * Delivers {@code changes} (path → new content, null to delete) to {@code branch}. A file whose blob on the branch
     * is neither what platctl last wrote ({@code lastWritten}) nor the new content was changed by someone else: it is
     * a conflict and left as it is.
     */
    Result deliver(String branch, Map<String, String> changes, Map<String, String> lastWritten, boolean pullRequest,
                   String prBranch, String message) {
        Map<String, String> pending = new TreeMap<>(changes);
        Map<String, String> written = new TreeMap<>();
        Optional<String> head = head(branch);
        if (head.isEmpty()) head = Optional.of(bootstrap(branch, pending, written, message));
        String baseTree = client.get(repoPath + "/git/commits/" + head.get()).path("tree").path("sha").asText();
        Map<String, String> current = new TreeMap<>();
        client.get(repoPath + "/git/trees/" + baseTree + "?recursive=1").path("tree").forEach(e -> {
            if (e.path("type").asText().equals("blob")) current.put(e.path("path").asText(), e.path("sha").asText());
        });
        List<String> conflicts = new ArrayList<>();
        Map<String, String> inCommit = new TreeMap<>();
        ArrayNode tree = GitHubClient.json().createArrayNode();
        for (Map.Entry<String, String> c : pending.entrySet()) {
            String now = current.get(c.getKey());
            String wanted = c.getValue() == null ? null : blobSha(c.getValue());
            if (Objects.equals(now, wanted)) {
                written.put(c.getKey(), wanted);
                continue;
            }
            if (now != null && !now.equals(lastWritten.get(c.getKey()))) {
                conflicts.add(c.getKey());
                continue;
            }
            ObjectNode entry = tree.addObject().put("path", c.getKey()).put("mode", "100644").put("type", "blob");
            if (c.getValue() == null) entry.putNull("sha");
            else entry.put("sha", client.post(repoPath + "/git/blobs", GitHubClient.json().createObjectNode()
                    .put("content", Base64.getEncoder().encodeToString(c.getValue().getBytes(StandardCharsets.UTF_8)))
                    .put("encoding", "base64")).path("sha").asText());
            written.put(c.getKey(), c.getValue() == null ? null : entry.path("sha").asText());
            inCommit.put(c.getKey(), written.get(c.getKey()));
        }
        if (tree.isEmpty()) return new Result(written, Optional.empty(), Optional.empty(), conflicts);
        ObjectNode treeBody = GitHubClient.json().createObjectNode().put("base_tree", baseTree);
        treeBody.set("tree", tree);
        String newTree = client.post(repoPath + "/git/trees", treeBody).path("sha").asText();
        ObjectNode commitBody = GitHubClient.json().createObjectNode().put("message", message).put("tree", newTree);
        commitBody.putArray("parents").add(head.get());
        String commit = client.post(repoPath + "/git/commits", commitBody).path("sha").asText();
        if (!pullRequest) {
            client.patch(repoPath + "/git/refs/heads/" + GitHubClient.filePath(branch),
                    GitHubClient.json().createObjectNode().put("sha", commit).put("force", false));
            return new Result(written, Optional.of(commit), Optional.empty(), conflicts);
        }
        if (head(prBranch).isPresent())
            client.patch(repoPath + "/git/refs/heads/" + GitHubClient.filePath(prBranch),
                    GitHubClient.json().createObjectNode().put("sha", commit).put("force", true));
        else
            client.post(repoPath + "/git/refs", GitHubClient.json().createObjectNode().put("ref", "refs/heads/" + prBranch).put("sha", commit));
        JsonNode pr = client.post(repoPath + "/pulls", GitHubClient.json().createObjectNode().put("title", message)
                .put("head", prBranch).put("base", branch).put("body", body(message, inCommit, conflicts)));
        return new Result(written, Optional.of(commit), Optional.of(pr.path("html_url").asText()), conflicts);
    }

    /** The branch's head commit, or empty when the repository has no commits yet (GitHub answers 409). */
    private Optional<String> head(String branch) {
        try {
            return client.find(repoPath + "/git/ref/heads/" + GitHubClient.filePath(branch)).map(r -> r.path("object").path("sha").asText());
        } catch (GitHubApiException e) {
            if (e.status() == 409) return Optional.empty();
            throw e;
        }
    }

    /** The Git Data API refuses an empty repository, so its first file goes through the contents API, which makes the branch. */
    private String bootstrap(String branch, Map<String, String> pending, Map<String, String> written, String message) {
        Map.Entry<String, String> first = pending.entrySet().stream().filter(e -> e.getValue() != null).findFirst()
                .orElseThrow(() -> new GitHubApiException(409, "Git Repository is empty."));
        JsonNode r = client.put(repoPath + "/contents/" + GitHubClient.filePath(first.getKey()), GitHubClient.json().createObjectNode()
                .put("message", message).put("branch", branch)
                .put("content", Base64.getEncoder().encodeToString(first.getValue().getBytes(StandardCharsets.UTF_8))));
        pending.remove(first.getKey());
        written.put(first.getKey(), r.path("content").path("sha").asText());
        return r.path("commit").path("sha").asText();
    }

    private static String body(String message, Map<String, String> inCommit, List<String> conflicts) {
        StringBuilder b = new StringBuilder(message).append("\n\nFiles:\n");
        inCommit.forEach((path, sha) -> b.append("- `").append(path).append(sha == null ? "` (deleted)\n" : "`\n"));
        if (!conflicts.isEmpty()) {
            b.append("\nConflicts (changed since platctl last wrote them, not overwritten; merge these by hand):\n");
            conflicts.forEach(p -> b.append("- `").append(p).append("`\n"));
        }
        return b.toString();
    }

    /** Git's blob SHA-1 of a text file, as GitHub reports it. */
    static String blobSha(String text) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            d.update(header);
            d.update(content);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
