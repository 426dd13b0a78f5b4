package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.provider.ProviderException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes a set of file changes to a repository as one commit through the Git Data API (ref, a tree on the base tree
 * carrying the new contents inline, so no blob is posted one by one, commit), either straight onto the branch or onto a {@code platctl/<version>} branch with one pull request.
 * A file changed on the branch since platctl delivered it is merged three ways (the delivered render, the branch's
 * file, the new render); where the edits overlap the branch's file is kept and the pull request lists the conflict.
 */
final class SkeletonDelivery {
    /** A file left as the branch has it: why, and the overlapping lines (may be empty). */
    record Conflict(String path, String reason, String hint) {
    }

    /**
     * What a delivery did: blob SHAs now on the delivered branch for each changed path (null: deleted), the paths merged
     * with changes on the branch, the commit, the pull request's URL, the files left alone, and why a first delivery
     * took two commits when it did.
     */
    record Result(Map<String, String> written, List<String> merged, Optional<String> commitSha, Optional<String> pullRequestUrl,
                  List<Conflict> conflicts, Optional<String> note) {
        Result(Map<String, String> written, List<String> merged, Optional<String> commitSha, Optional<String> pullRequestUrl,
               List<Conflict> conflicts) {
            this(written, merged, commitSha, pullRequestUrl, conflicts, Optional.empty());
        }

        List<String> conflictPaths() {
            return conflicts.stream().map(Conflict::path).toList();
        }
    }

    /** GitHub's words, with a 409, for a repository that has no commit yet. */
    static final String EMPTY_REPOSITORY = "Git Repository is empty.";

    private final GitHubClient client;
    private final String owner;
    private final String repoPath;

    SkeletonDelivery(GitHubClient client, String owner, String repoPath) {
        this.client = client;
        this.owner = owner;
        this.repoPath = repoPath;
    }

    /**
     * Delivers {@code changes} (path → new content, null to delete) to {@code branch}, or as a pull request from
     * {@code prBranch} into it. {@code base} is each path's content as platctl last delivered it to {@code branch}
     * (absent: platctl never delivered that path); {@code label} names the new content in conflict hints. Into an empty
     * repository the files land as the branch's single commit, pull request or not: there is no branch to open one against.
     */
    Result deliver(String branch, Map<String, String> changes, Map<String, String> base, boolean pullRequest,
                   String prBranch, String message, String label) {
        Optional<String> head = head(branch);
        if (head.isEmpty()) return firstCommit(branch, changes, message, label);
        return onto(head.get(), branch, changes, base, pullRequest, prBranch, message, label);
    }

    /** Delivers onto the branch whose head is {@code head}: one commit with it as parent. */
    private Result onto(String head, String branch, Map<String, String> changes, Map<String, String> base, boolean pullRequest,
                        String prBranch, String message, String label) {
        Map<String, String> pending = new TreeMap<>(changes);
        Map<String, String> written = new TreeMap<>();
        String baseTree = client.get(repoPath + "/git/commits/" + head).path("tree").path("sha").asText();
        Map<String, String> current = new TreeMap<>();
        client.get(repoPath + "/git/trees/" + baseTree + "?recursive=1").path("tree").forEach(e -> {
            if (e.path("type").asText().equals("blob")) current.put(e.path("path").asText(), e.path("sha").asText());
        });
        List<Conflict> conflicts = new ArrayList<>();
        List<String> merged = new ArrayList<>();
        Map<String, String> inCommit = new TreeMap<>();
        ArrayNode tree = GitHubClient.json().createArrayNode();
        for (Map.Entry<String, String> c : pending.entrySet()) {
            String path = c.getKey();
            String now = current.get(path);
            String content = c.getValue();
            String before = base.get(path);
            if (now != null && !now.equals(before == null ? null : blobSha(before)) || now == null && before != null) {
                // changed on the branch since platctl delivered it: merge the team's edits with the template's
                ThreeWayMerge.Outcome o = ThreeWayMerge.merge(before, now == null ? null : blob(now), content, branch, label);
                if (o instanceof ThreeWayMerge.Conflict x) {
                    conflicts.add(new Conflict(path, x.reason(), x.hint()));
                    continue;
                }
                content = ((ThreeWayMerge.Merged) o).content();
                if (content != null && !content.equals(c.getValue())) merged.add(path);
            }
            String wanted = content == null ? null : blobSha(content);
            if (now == null ? wanted == null : now.equals(wanted)) {
                written.put(path, wanted);
                continue;
            }
            ObjectNode entry = tree.addObject().put("path", path).put("mode", "100644").put("type", "blob");
            if (content == null) entry.putNull("sha");
            else entry.put("content", content);
            written.put(path, content == null ? null : blobSha(content));
            inCommit.put(path, written.get(path));
        }
        if (tree.isEmpty()) return new Result(written, merged, Optional.empty(), Optional.empty(), conflicts);
        ObjectNode treeBody = GitHubClient.json().createObjectNode().put("base_tree", baseTree);
        treeBody.set("tree", tree);
        String newTree = client.post(repoPath + "/git/trees", treeBody).path("sha").asText();
        ObjectNode commitBody = GitHubClient.json().createObjectNode().put("message", message).put("tree", newTree);
        commitBody.putArray("parents").add(head);
        String commit = client.post(repoPath + "/git/commits", commitBody).path("sha").asText();
        if (!pullRequest) {
            client.patch(repoPath + "/git/refs/heads/" + GitHubClient.filePath(branch),
                    GitHubClient.json().createObjectNode().put("sha", commit).put("force", false));
            return new Result(written, merged, Optional.of(commit), Optional.empty(), conflicts);
        }
        // the branch is rebuilt on the branch's head each time, so a pull request still open carries this delivery only
        if (head(prBranch).isPresent())
            client.patch(repoPath + "/git/refs/heads/" + GitHubClient.filePath(prBranch),
                    GitHubClient.json().createObjectNode().put("sha", commit).put("force", true));
        else
            client.post(repoPath + "/git/refs", GitHubClient.json().createObjectNode().put("ref", "refs/heads/" + prBranch).put("sha", commit));
        String body = body(message, branch, inCommit, merged, conflicts);
        Optional<JsonNode> open = openPullRequest(prBranch, branch);
        JsonNode pr = open.isPresent()
                ? client.patch(repoPath + "/pulls/" + open.get().path("number").asLong(),
                        GitHubClient.json().createObjectNode().put("title", message).put("body", body))
                : client.post(repoPath + "/pulls", GitHubClient.json().createObjectNode().put("title", message)
                        .put("head", prBranch).put("base", branch).put("body", body));
        return new Result(written, merged, Optional.of(commit), Optional.of(pr.path("html_url").asText()), conflicts);
    }

    /** Whether the pull request at {@code url} (one platctl opened) was merged; a pull request GitHub no longer has was not. */
    boolean merged(String url) {
        String number = url.substring(url.lastIndexOf('/') + 1);
        if (!number.matches("[0-9]+")) return false;
        return client.find(repoPath + "/pulls/" + number).map(p -> p.path("merged").asBoolean(false)).orElse(false);
    }

    /** The open pull request from {@code prBranch} into {@code base}, if there is one (a merged or closed one does not count). */
    private Optional<JsonNode> openPullRequest(String prBranch, String base) {
        String head = GitHubClient.seg(owner + ":" + prBranch);
        for (JsonNode p : client.getAll(repoPath + "/pulls?state=open&per_page=100&head=" + head + "&base=" + GitHubClient.seg(base),
                Function.identity()))
            if (p.path("head").path("ref").asText().equals(prBranch)) return Optional.of(p);
        return Optional.empty();
    }

    /** A blob's text as the branch has it. */
    private String blob(String sha) {
        JsonNode b = client.get(repoPath + "/git/blobs/" + sha);
        String content = b.path("content").asText("");
        return b.path("encoding").asText("base64").equals("base64")
                ? new String(Base64.getMimeDecoder().decode(content), StandardCharsets.UTF_8) : content;
    }

    /**
     * The branch's head commit, or empty when the repository has no commits yet: GitHub's Git Data API answers 409 "Git
     * Repository is empty." then. Any other 409 is an error, not an empty repository.
     */
    Optional<String> head(String branch) {
        try {
            return client.find(repoPath + "/git/ref/heads/" + GitHubClient.filePath(branch)).map(r -> r.path("object").path("sha").asText());
        } catch (GitHubApiException e) {
            if (e.status() == 409 && e.apiMessage().equals(EMPTY_REPOSITORY)) return Optional.empty();
            throw e;
        }
    }

    /**
     * Lands every file in an empty repository as one parentless commit. GitHub's Git Data API refuses an empty repository,
     * so the first file goes through the contents API, which makes the branch (commit C1); then the whole set is written
     * as a tree of its own, committed without a parent, and the branch is moved there, forced, as C1 is not its ancestor.
     * The force could erase a commit someone else made meanwhile (a person, a bot, a {@code github_repository_file} of the
     * same repository applying in parallel), so it is made only when C1 has no parent (the repository was empty when it
     * landed) and the branch, read again just before, still points at C1. The REST API cannot make the move conditional,
     * so this narrows the window to the two calls; it does not close it. Otherwise, and when GitHub refuses the force (a
     * ruleset blocking force pushes on every branch, new ones too), the rest of the files land as a second, ordinary
     * commit on top of the branch as it is then (read again after a refused force), merged as any delivery is;
     * {@link Result#note()} says why. A branch that cannot be read back stops the delivery, retryable, with nothing moved.
     */
    private Result firstCommit(String branch, Map<String, String> pending, String message, String label) {
        Map<String, String> files = new TreeMap<>();
        pending.forEach((path, content) -> {
            if (content != null) files.put(path, content);
        });
        if (files.isEmpty()) return new Result(Map.of(), List.of(), Optional.empty(), Optional.empty(), List.of());
        Map.Entry<String, String> first = files.entrySet().iterator().next();
        JsonNode r = client.put(repoPath + "/contents/" + GitHubClient.filePath(first.getKey()), GitHubClient.json().createObjectNode()
                .put("message", message).put("branch", branch)
                .put("content", Base64.getEncoder().encodeToString(first.getValue().getBytes(StandardCharsets.UTF_8))));
        String firstSha = r.path("content").path("sha").asText();
        String landed = r.path("commit").path("sha").asText();
        Map<String, String> rest = new TreeMap<>(files);
        rest.remove(first.getKey());
        if (rest.isEmpty()) return new Result(Map.of(first.getKey(), firstSha), List.of(), Optional.of(landed), Optional.empty(), List.of());
        if (!r.path("commit").path("parents").isEmpty())
            return onTop(landed, branch, first.getKey(), firstSha, rest, message, label, "the branch had commits before the first"
                    + " file landed (another writer made it), so the other files came in a second commit on top");
        ArrayNode tree = GitHubClient.json().createArrayNode();
        Map<String, String> written = new TreeMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            ObjectNode entry = tree.addObject().put("path", f.getKey()).put("mode", "100644").put("type", "blob");
            if (f.getKey().equals(first.getKey())) entry.put("sha", firstSha);
            else entry.put("content", f.getValue());
            written.put(f.getKey(), f.getKey().equals(first.getKey()) ? firstSha : blobSha(f.getValue()));
        }
        ObjectNode treeBody = GitHubClient.json().createObjectNode();
        treeBody.set("tree", tree);
        String newTree = client.post(repoPath + "/git/trees", treeBody).path("sha").asText();
        ObjectNode commitBody = GitHubClient.json().createObjectNode().put("message", message).put("tree", newTree);
        commitBody.putArray("parents");
        String commit = client.post(repoPath + "/git/commits", commitBody).path("sha").asText();
        String now = visibleHead(branch, landed);
        if (!now.equals(landed))
            return onTop(now, branch, first.getKey(), firstSha, rest, message, label, "another commit landed on "
                    + branch + " after the first file, so the other files came in a second commit on top instead of replacing the branch");
        try {
            client.patch(repoPath + "/git/refs/heads/" + GitHubClient.filePath(branch),
                    GitHubClient.json().createObjectNode().put("sha", commit).put("force", true));
        } catch (GitHubApiException e) {
            if (e.status() != 422) throw e;
            // read again: a commit may have landed since, and the rest must go on top of the branch as it is now
            return onTop(visibleHead(branch, landed), branch, first.getKey(), firstSha, rest, message, label, "GitHub refused to"
                    + " replace the branch's first commit (" + e.getMessage() + "), so the other files came in a second commit on top");
        }
        return new Result(written, List.of(), Optional.of(commit), Optional.empty(), List.of());
    }

    /**
     * The branch's head, read again after the first file landed as {@code landed}. A branch GitHub does not show (a read
     * that lags the write, or a branch deleted meanwhile) stops the delivery before anything is moved: building on a
     * branch that is not there would move a ref that does not exist. The next try finds the first file on the branch and
     * writes the rest on top, as any delivery does.
     */
    private String visibleHead(String branch, String landed) {
        return head(branch).orElseThrow(() -> ProviderException.of("deliver", "the rest of the files to " + repoPath.substring(
                "/repos/".length()), null, "branch " + branch + " is not visible after its first file landed as commit " + landed
                + " (GitHub's read may lag its write, or the branch was deleted meanwhile); nothing was moved, the next try writes"
                + " the rest on top of the branch", true, null));
    }

    /** The rest of a first delivery as an ordinary commit onto the branch's {@code head}, the first file already there. */
    private Result onTop(String head, String branch, String firstPath, String firstSha, Map<String, String> rest, String message,
                         String label, String note) {
        Result r = onto(head, branch, rest, Map.of(), false, "", message, label);
        Map<String, String> written = new TreeMap<>(r.written());
        written.put(firstPath, firstSha);
        return new Result(written, r.merged(), r.commitSha().or(() -> Optional.of(head)), Optional.empty(), r.conflicts(), Optional.of(note));
    }

    private static String body(String message, String branch, Map<String, String> inCommit, List<String> merged, List<Conflict> conflicts) {
        StringBuilder b = new StringBuilder(message).append("\n\nFiles:\n");
        inCommit.forEach((path, sha) -> b.append("- `").append(path).append(sha == null ? "` (deleted)\n"
                : merged.contains(path) ? "` (merged with the changes on " + branch + ")\n" : "`\n"));
        if (!conflicts.isEmpty()) {
            b.append("\nConflicts (changed on ").append(branch).append(" where the template changes them too; this pull request leaves them ")
                    .append("as they are on ").append(branch).append(", merge the template's change by hand):\n");
            for (Conflict c : conflicts) {
                b.append("- `").append(c.path()).append("`: ").append(c.reason()).append('\n');
                if (!c.hint().isEmpty()) {
                    String fence = fence(c.hint());
                    b.append("\n").append(fence).append("diff\n").append(c.hint()).append(fence).append("\n\n");
                }
            }
        }
        return b.toString();
    }

    /** A Markdown code fence longer than any run of backticks in the text, so a file's own fences cannot close it. */
    static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (char ch : text.toCharArray()) {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
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
