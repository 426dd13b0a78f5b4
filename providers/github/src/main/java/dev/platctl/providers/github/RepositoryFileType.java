package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code github_repository_file}: one file on a branch, written through the contents API (one commit per change). */
final class RepositoryFileType implements ResourceType {
    static final String TYPE = "github_repository_file";

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A file in a repository.", List.of(
            AttributeSchema.required("repository", AttributeType.STRING, "The repository's name.").asForceNew(),
            AttributeSchema.optional("branch", AttributeType.STRING, "The branch (default: the repository's default branch).")
                    .asOptionalComputed().asForceNew(),
            AttributeSchema.required("file", AttributeType.STRING, "The file's path in the repository, such as \"docs/index.md\".").asForceNew(),
            AttributeSchema.required("content", AttributeType.STRING, "The file's content (text)."),
            AttributeSchema.optional("commit_message", AttributeType.STRING,
                    "The message of the commits platctl makes for this file (default \"platctl: <file>\")."),
            AttributeSchema.computed("sha", AttributeType.STRING, "The blob SHA of the file's content."),
            AttributeSchema.computed("commit_sha", AttributeType.STRING, "The SHA of the commit platctl last made to the file."),
            AttributeSchema.computed("id", AttributeType.STRING, "repository/file:branch.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final GitHubAccess gh;

    RepositoryFileType(GitHubAccess gh) {
        this.gh = gh;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    /** A content change plans sha and commit_sha unknown: GitHub computes both. */
    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        ObjectValue config = proposed.getOrNull("commit_message").isNull() && proposed.getOrNull("file").isWhollyKnown()
                && !proposed.getOrNull("file").isNull()
                ? proposed.with("commit_message", Value.of("platctl: " + Attrs.string(proposed, "file").orElse(""))) : proposed;
        PlanResult r = planner.plan(prior, config);
        ObjectValue p = r.planned();
        if (prior.isPresent() && r.requiresReplace().isEmpty()
                && !prior.get().getOrNull("content").unmarked().equals(p.getOrNull("content").unmarked()))
            p = p.with("sha", Value.UNKNOWN).with("commit_sha", Value.UNKNOWN);
        return new PlanResult(p, r.requiresReplace(), r.diagnostics());
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        return GitHubErrors.call("create", TYPE, objectId(planned), () -> {
            ObjectValue target = Attrs.string(planned, "branch").isPresent() ? planned
                    : planned.with("branch", Value.of(gh.client().get(gh.repoPath(repository(planned), "")).path("default_branch").asText()));
            return write(target, Optional.empty());
        });
    }

    /** Writes over the file's current blob (read again: someone may have changed it since the last refresh). */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        return GitHubErrors.call("update", TYPE, objectId(planned), () -> {
            Optional<String> sha = gh.client().find(path(planned, true)).map(j -> j.path("sha").asText());
            return write(planned, sha);
        });
    }

    private ObjectValue write(ObjectValue planned, Optional<String> sha) {
        ObjectNode body = GitHubClient.json().createObjectNode()
                .put("message", Attrs.string(planned, "commit_message").orElse("platctl: " + file(planned)))
                .put("content", Base64.getEncoder().encodeToString(Attrs.requireString(TYPE, planned, "content").getBytes(StandardCharsets.UTF_8)))
                .put("branch", Attrs.requireString(TYPE, planned, "branch"));
        sha.ifPresent(s -> body.put("sha", s));
        JsonNode r = gh.client().put(path(planned, false), body);
        return planned.with("sha", Value.of(r.path("content").path("sha").asText()))
                .with("commit_sha", Value.of(r.path("commit").path("sha").asText()))
                .with("id", Value.of(id(planned)));
    }

    @Override
    public void delete(ObjectValue prior) {
        GitHubErrors.run("delete", TYPE, objectId(prior), () -> gh.client().find(path(prior, true)).ifPresent(current -> {
            ObjectNode body = GitHubClient.json().createObjectNode()
                    .put("message", Attrs.string(prior, "commit_message").orElse("platctl: " + file(prior)))
                    .put("sha", current.path("sha").asText())
                    .put("branch", Attrs.requireString(TYPE, prior, "branch"));
            gh.client().delete(path(prior, false), body);
        }));
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        return GitHubErrors.call("read", TYPE, objectId(state), () -> gh.client().find(path(state, true)).map(j -> {
            if (!j.path("type").asText().equals("file"))
                throw ProviderException.of("read", TYPE, objectId(state), "it is a " + j.path("type").asText() + ", not a file", false, null);
            String content = new String(Base64.getMimeDecoder().decode(j.path("content").asText()), StandardCharsets.UTF_8);
            return state.with("content", Value.of(content)).with("sha", Value.of(j.path("sha").asText()))
                    .with("id", Value.of(id(state)));
        }));
    }

    /** Imports by {@code repository/path/of/file:branch}, like Terraform. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        int colon = id.lastIndexOf(':');
        int slash = id.indexOf('/');
        if (colon < 0 || slash <= 0 || slash > colon - 2)
            throw ProviderException.of("import", TYPE, id, "expected an id of the form repository/path/of/file:branch", false, null);
        ObjectValue base = Value.object(Map.of("repository", Value.of(id.substring(0, slash)),
                "file", Value.of(id.substring(slash + 1, colon)), "branch", Value.of(id.substring(colon + 1))));
        return read(base).map(s -> s.with("commit_message", Value.of("platctl: " + file(s))).with("commit_sha", Value.NULL));
    }

    /** Adopts the file only when it holds the planned content: a file someone else wrote is not taken over. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        if (Attrs.string(planned, "branch").isEmpty()) return Optional.empty();
        return read(planned).filter(f -> f.getOrNull("content").equals(planned.getOrNull("content").unmarked()));
    }

    private String path(ObjectValue o, boolean withRef) {
        String p = gh.repoPath(repository(o), "/contents/" + GitHubClient.filePath(file(o)));
        return withRef ? p + "?ref=" + GitHubClient.seg(Attrs.requireString(TYPE, o, "branch")) : p;
    }

    private static String repository(ObjectValue o) {
        return Attrs.requireString(TYPE, o, "repository");
    }

    private static String file(ObjectValue o) {
        return Attrs.requireString(TYPE, o, "file");
    }

    /** GitHub's name for the object, {@code owner/repository:path/of/file}, which failures name it by. */
    private String objectId(ObjectValue o) {
        return gh.repoId(repository(o)) + ":" + file(o);
    }

    private static String id(ObjectValue o) {
        return repository(o) + "/" + file(o) + ":" + Attrs.string(o, "branch").orElse("(default branch)");
    }
}
