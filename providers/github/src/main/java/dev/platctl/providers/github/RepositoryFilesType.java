package dev.platctl.providers.github;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code github_repository_files}: a set of files on a branch, each change to the set delivered as one commit or one pull request. */
final class RepositoryFilesType implements ResourceType {
    static final String TYPE = "github_repository_files";
    static final List<String> DELIVERIES = List.of("commit", "pull_request");

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A set of files in a repository, changed one commit at a time.", List.of(
            AttributeSchema.required("repository", AttributeType.STRING, "The repository's name.").asForceNew(),
            AttributeSchema.optional("branch", AttributeType.STRING, "The branch (default: the repository's default branch).")
                    .asOptionalComputed().asForceNew(),
            AttributeSchema.required("files", AttributeType.MAP, "File path to content (text)."),
            AttributeSchema.optional("version", AttributeType.STRING,
                    "What the files are a version of, such as \"service-1.1.0\"; names the pull request branch platctl/<version>."),
            AttributeSchema.optional("commit_message", AttributeType.STRING,
                    "The commit message and pull request title (default \"platctl: <version>\")."),
            AttributeSchema.optional("delivery", AttributeType.STRING,
                    "commit (onto the branch) or pull_request; default: commit into an empty repository, pull_request after."),
            AttributeSchema.computed("shas", AttributeType.MAP, "File path to the blob SHA platctl last wrote."),
            AttributeSchema.computed("commit_sha", AttributeType.STRING, "The commit platctl last made."),
            AttributeSchema.computed("pull_request_url", AttributeType.STRING, "The pull request the last change opened, if any."),
            AttributeSchema.computed("conflicts", AttributeType.LIST,
                    "Files the last change left as the branch has them: changed there where the new content changes them too."),
            AttributeSchema.computed("landed_files", AttributeType.MAP,
                    "The merge base of the next change where it is not \"files\": the files as platctl last delivered them onto the branch, "
                            + "kept while the pull request is not merged and for files left as conflicts."),
            AttributeSchema.computed("id", AttributeType.STRING, "repository:branch.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final GitHubAccess gh;

    RepositoryFilesType(GitHubAccess gh) {
        this.gh = gh;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    /** A change to the files plans everything GitHub computes unknown. */
    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, proposed);
        ObjectValue p = r.planned();
        Attrs.string(p, "delivery").filter(d -> !DELIVERIES.contains(d)).ifPresent(d -> r.diagnostics().add(Diagnostic.error(
                "Invalid value for \"delivery\"", TYPE + ".delivery must be commit or pull_request, got \"" + d + "\".")));
        if (prior.isPresent() && r.requiresReplace().isEmpty()
                && !prior.get().getOrNull("files").unmarked().equals(p.getOrNull("files").unmarked()))
            for (String c : List.of("shas", "commit_sha", "pull_request_url", "conflicts", "landed_files")) p = p.with(c, Value.UNKNOWN);
        return new PlanResult(p, r.requiresReplace(), r.diagnostics());
    }

    /** The first delivery commits unless told otherwise: into a new repository there is nothing to review against. */
    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        return GitHubErrors.call("create", TYPE, objectId(planned), () -> {
            ObjectValue target = Attrs.string(planned, "branch").isPresent() ? planned
                    : planned.with("branch", Value.of(gh.client().get(gh.repoPath(repository(planned), "")).path("default_branch").asText()));
            return deliver(target, files(target), Map.of(), Map.of(), Attrs.string(target, "delivery").orElse("commit"));
        });
    }

    /**
     * Delivers the files that differ from what platctl last delivered onto the branch, merged with the changes made there
     * since; by default as a pull request, so branch protection and review apply.
     */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        return GitHubErrors.call("update", TYPE, objectId(planned), () -> {
            Map<String, String> base = landed(prior);
            Map<String, String> changes = new TreeMap<>();
            files(planned).forEach((path, content) -> {
                if (!content.equals(base.get(path))) changes.put(path, content);
            });
            base.keySet().stream().filter(path -> !files(planned).containsKey(path)).forEach(path -> changes.put(path, null));
            return deliver(planned, changes, base, shas(prior), Attrs.string(planned, "delivery").orElse("pull_request"));
        });
    }

    /**
     * The files as platctl last delivered them onto the branch, the merge base: {@code files} once the last change landed
     * (committed, or its pull request merged), else what landed before it.
     */
    private Map<String, String> landed(ObjectValue prior) {
        if (!(prior.getOrNull("landed_files").unmarked() instanceof ObjectValue)) return files(prior);
        Optional<String> pr = Attrs.string(prior, "pull_request_url");
        if (pr.isPresent() && delivery(prior).merged(pr.get())) return files(prior);
        return strings(prior, "landed_files");
    }

    private ObjectValue deliver(ObjectValue planned, Map<String, String> changes, Map<String, String> base, Map<String, String> priorShas,
                                String delivery) {
        String version = Attrs.string(planned, "version").orElse("update");
        String message = Attrs.string(planned, "commit_message").orElse("platctl: " + version);
        SkeletonDelivery.Result r = delivery(planned).deliver(branch(planned), changes, base, delivery.equals("pull_request"),
                "platctl/" + version, message, version);
        Map<String, String> shas = new TreeMap<>(priorShas);
        r.written().forEach((path, sha) -> {
            if (sha == null) shas.remove(path);
            else shas.put(path, sha);
        });
        // what the branch holds from platctl after this change: the new files once a commit lands on it, the old ones until
        // the pull request is merged, and the old ones for each conflict either way
        Map<String, String> landed = new TreeMap<>(r.pullRequestUrl().isPresent() ? base : files(planned));
        for (String path : r.conflictPaths()) {
            if (base.containsKey(path)) landed.put(path, base.get(path));
            else landed.remove(path);
        }
        return planned.with("shas", map(shas))
                .with("commit_sha", r.commitSha().<Value>map(Value::of).orElse(planned.getOrNull("commit_sha").isWhollyKnown()
                        ? planned.getOrNull("commit_sha") : Value.NULL))
                .with("pull_request_url", r.pullRequestUrl().<Value>map(Value::of).orElse(Value.NULL))
                .with("conflicts", Value.list(r.conflictPaths().stream().map(Value::of).toList()))
                .with("landed_files", landed.equals(files(planned)) ? Value.NULL : map(landed))
                .with("id", Value.of(id(planned)));
    }

    private SkeletonDelivery delivery(ObjectValue o) {
        return new SkeletonDelivery(gh.client(), gh.owner(), gh.repoPath(repository(o), ""));
    }

    private static Value map(Map<String, String> m) {
        Map<String, Value> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Value.of(v)));
        return Value.object(out);
    }

    /** Removes the files platctl wrote, in one commit; nothing to do when the repository or branch is gone, or the repository is empty. */
    @Override
    public void delete(ObjectValue prior) {
        GitHubErrors.run("delete", TYPE, objectId(prior), () -> {
            if (gh.client().find(gh.repoPath(repository(prior), "")).isEmpty()) return;
            if (delivery(prior).head(branch(prior)).isEmpty()) return;
            Map<String, String> base = landed(prior);
            Map<String, String> removals = new TreeMap<>();
            base.keySet().forEach(path -> removals.put(path, null));
            delivery(prior).deliver(branch(prior), removals, base, false, "", "platctl: remove " + Attrs.string(prior, "version").orElse("files"),
                    "platctl destroy");
        });
    }

    /** The files are what platctl delivered; refresh only notices that the repository is gone. */
    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        return GitHubErrors.call("read", TYPE, objectId(state), () -> gh.client().find(gh.repoPath(repository(state), "")).map(j -> state));
    }

    @Override
    public Optional<ObjectValue> importState(String id) {
        throw ProviderException.of("import", TYPE, id, "it holds what platctl delivered; import the files one by one as "
                + RepositoryFileType.TYPE, false, null);
    }

    /** Never adopts: a set of files someone else wrote is not platctl's. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        return Optional.empty();
    }

    private static Map<String, String> files(ObjectValue o) {
        return strings(o, "files");
    }

    private static Map<String, String> shas(ObjectValue o) {
        return strings(o, "shas");
    }

    private static Map<String, String> strings(ObjectValue o, String name) {
        Map<String, String> out = new TreeMap<>();
        if (o.getOrNull(name).unmarked() instanceof ObjectValue m)
            m.attributes().forEach((k, v) -> {
                if (v.unmarked() instanceof StringValue s) out.put(k, s.value());
            });
        return out;
    }

    private static String repository(ObjectValue o) {
        return Attrs.requireString(TYPE, o, "repository");
    }

    private static String branch(ObjectValue o) {
        return Attrs.requireString(TYPE, o, "branch");
    }

    /**
     * GitHub's name for the files' place, {@code owner/repository:branch} ({@code owner/repository} while the default branch
     * is not yet known), which failures name it by.
     */
    private String objectId(ObjectValue o) {
        return gh.repoId(repository(o)) + Attrs.string(o, "branch").map(b -> ":" + b).orElse("");
    }

    private static String id(ObjectValue o) {
        return repository(o) + ":" + Attrs.string(o, "branch").orElse("(default branch)");
    }
}
