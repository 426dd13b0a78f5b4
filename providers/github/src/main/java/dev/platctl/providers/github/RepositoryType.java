package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** {@code github_repository}: a repository of the provider's owner (an organization or the token's user), its settings and topics. */
final class RepositoryType implements ResourceType {
    static final String TYPE = "github_repository";
    private static final Set<String> VISIBILITIES = Set.of("public", "private", "internal");
    private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    /** The settings sent and read back as they are: attribute name = API field. */
    private static final List<String> FLAGS = List.of("has_issues", "has_wiki", "allow_merge_commit",
            "allow_squash_merge", "allow_rebase_merge", "delete_branch_on_merge");

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A GitHub repository.", List.of(
            AttributeSchema.required("name", AttributeType.STRING, "The repository's name.").asForceNew(),
            AttributeSchema.optional("description", AttributeType.STRING, "A short description (default empty)."),
            AttributeSchema.optional("visibility", AttributeType.STRING, "public, private (default) or internal."),
            AttributeSchema.optional("topics", AttributeType.LIST, "Topics: lower-case letters, digits and hyphens."),
            AttributeSchema.optional("default_branch", AttributeType.STRING,
                    "The default branch; it must exist (GitHub's own default when unset).").asOptionalComputed(),
            AttributeSchema.optional("has_issues", AttributeType.BOOL, "Issues enabled (default true)."),
            AttributeSchema.optional("has_wiki", AttributeType.BOOL, "The wiki enabled (default true)."),
            AttributeSchema.optional("allow_merge_commit", AttributeType.BOOL, "Pull requests may be merged with a merge commit (default true)."),
            AttributeSchema.optional("allow_squash_merge", AttributeType.BOOL, "Pull requests may be squash-merged (default true)."),
            AttributeSchema.optional("allow_rebase_merge", AttributeType.BOOL, "Pull requests may be rebase-merged (default true)."),
            AttributeSchema.optional("delete_branch_on_merge", AttributeType.BOOL, "Head branches are deleted after a merge (default false)."),
            AttributeSchema.optional("auto_init", AttributeType.BOOL,
                    "Create the repository with an initial commit, so branches exist at once (default false; used on create only)."),
            AttributeSchema.optional("archive_on_destroy", AttributeType.BOOL,
                    "Archive the repository instead of deleting it when it is destroyed (default false)."),
            AttributeSchema.computed("id", AttributeType.NUMBER, "GitHub's numeric id of the repository."),
            AttributeSchema.computed("node_id", AttributeType.STRING, "The GraphQL node id."),
            AttributeSchema.computed("full_name", AttributeType.STRING, "owner/name."),
            AttributeSchema.computed("html_url", AttributeType.STRING, "The repository's web page.")));

    private static final Map<String, Value> DEFAULTS = defaults();

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final GitHubAccess gh;

    RepositoryType(GitHubAccess gh) {
        this.gh = gh;
    }

    private static Map<String, Value> defaults() {
        Map<String, Value> m = new TreeMap<>();
        m.put("description", Value.of(""));
        m.put("visibility", Value.of("private"));
        m.put("topics", ListValue.EMPTY);
        for (String f : FLAGS) m.put(f, Value.of(!f.equals("delete_branch_on_merge")));
        m.put("auto_init", Value.FALSE);
        m.put("archive_on_destroy", Value.FALSE);
        return m;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        ObjectValue config = SchemaPlanner.withDefaults(proposed, DEFAULTS);
        config = config.with("topics", Attrs.sortedStrings(config.getOrNull("topics")));
        PlanResult r = planner.plan(prior, config);
        Diagnostics diags = r.diagnostics();
        ObjectValue p = r.planned();
        Attrs.string(p, "name").filter(n -> !NAME.matcher(n).matches()).ifPresent(n -> diags.add(Diagnostic.error(
                "Invalid value for \"name\"", TYPE + ".name may hold letters, digits, '.', '-' and '_' (at most 100), got \"" + n + "\".")));
        Attrs.string(p, "visibility").filter(v -> !VISIBILITIES.contains(v)).ifPresent(v -> diags.add(Diagnostic.error(
                "Invalid value for \"visibility\"", TYPE + ".visibility must be public, private or internal, got \"" + v + "\".")));
        for (String t : Attrs.strings(p, "topics")) {
            if (!TOPIC.matcher(t).matches())
                diags.add(Diagnostic.error("Invalid value for \"topics\"", TYPE + ".topics: \"" + t
                        + "\" is not a GitHub topic (lower-case letters, digits and hyphens, at most 50, starting with a letter or digit)."));
            else if (AddressMarker.isMarker(t))
                diags.add(Diagnostic.error("Invalid value for \"topics\"", TYPE + ".topics: \"" + t
                        + "\" looks like the topic platctl stamps on the repositories it creates; choose another."));
        }
        return new PlanResult(p, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String name = Attrs.requireString(TYPE, planned, "name");
        return GitHubErrors.call("create", TYPE, gh.repoId(name), () -> {
            ObjectNode body = settings(planned, Optional.empty()).put("name", name)
                    .put("auto_init", Attrs.bool(planned, "auto_init").orElse(false));
            body.remove("default_branch");
            // a personal account's repositories are created as the token's user (ownerIsOrganization checks it is the owner)
            JsonNode created = gh.client().post(gh.ownerIsOrganization() ? "/orgs/" + GitHubClient.seg(gh.owner()) + "/repos" : "/user/repos", body);
            List<String> topics = new ArrayList<>(Attrs.strings(planned, "topics"));
            topics.add(AddressMarker.topic(idempotencyKey));
            putTopics(name, topics);
            Optional<String> branch = Attrs.string(planned, "default_branch");
            if (branch.isPresent() && !branch.get().equals(created.path("default_branch").asText()))
                gh.client().patch(gh.repoPath(name, ""), GitHubClient.json().createObjectNode().put("default_branch", branch.get()));
            return stateFrom(gh.client().get(gh.repoPath(name, "")), planned);
        });
    }

    /** Sends what differs between the repository as it is now (read again: the prior state may predate drift) and the plan. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        return GitHubErrors.call("update", TYPE, gh.repoId(name), () -> {
            JsonNode current = gh.client().find(gh.repoPath(name, "")).orElseThrow(() -> ProviderException.of(
                    "update", TYPE, gh.repoId(name), "Not Found (status 404): the repository no longer exists; plan again to create it", false, null));
            ObjectValue now = stateFrom(current, prior);
            ObjectNode changes = settings(planned, Optional.of(now));
            if (!changes.isEmpty()) gh.client().patch(gh.repoPath(name, ""), changes);
            if (!now.getOrNull("topics").equals(planned.getOrNull("topics"))) {
                List<String> topics = new ArrayList<>(Attrs.strings(planned, "topics"));
                current.path("topics").forEach(t -> {
                    if (AddressMarker.isMarker(t.asText())) topics.add(t.asText());
                });
                putTopics(name, topics);
            }
            return stateFrom(gh.client().get(gh.repoPath(name, "")), planned);
        });
    }

    @Override
    public void delete(ObjectValue prior) {
        String name = Attrs.requireString(TYPE, prior, "name");
        GitHubErrors.run("delete", TYPE, gh.repoId(name), () -> {
            if (Attrs.bool(prior, "archive_on_destroy").orElse(false))
                gh.client().patch(gh.repoPath(name, ""), GitHubClient.json().createObjectNode().put("archived", true));
            else
                gh.client().deleteIfExists(gh.repoPath(name, ""));
        });
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String name = Attrs.requireString(TYPE, state, "name");
        return GitHubErrors.call("read", TYPE, gh.repoId(name), () -> gh.client().find(gh.repoPath(name, "")).map(j -> stateFrom(j, state)));
    }

    /** Imports by {@code owner/name} or by name; the owner must be the provider's. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        String name = RepositoryRef.name(gh, TYPE, id);
        ObjectValue base = Value.object(Map.of("name", Value.of(name), "auto_init", Value.FALSE, "archive_on_destroy", Value.FALSE));
        return read(base);
    }

    /** Finds the repository by its name and adopts it only when it carries this address's marker topic. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        String marker = AddressMarker.topic(idempotencyKey);
        return GitHubErrors.call("look up", TYPE, gh.repoId(name), () -> gh.client().find(gh.repoPath(name, ""))
                .filter(j -> {
                    for (JsonNode t : j.path("topics")) if (t.asText().equals(marker)) return true;
                    return false;
                })
                .map(j -> stateFrom(j, planned)));
    }

    private void putTopics(String name, List<String> topics) {
        ObjectNode body = GitHubClient.json().createObjectNode();
        ArrayNode names = body.putArray("names");
        new TreeSet<>(topics).forEach(names::add);
        gh.client().put(gh.repoPath(name, "/topics"), body);
    }

    /** The API fields for {@code planned}: all of them, or given the current state only those that differ. */
    private static ObjectNode settings(ObjectValue planned, Optional<ObjectValue> current) {
        ObjectNode body = GitHubClient.json().createObjectNode();
        List<String> strings = List.of("description", "visibility", "default_branch");
        for (String f : strings) {
            Optional<String> v = Attrs.string(planned, f);
            if (v.isPresent() && (current.isEmpty() || !Attrs.string(current.get(), f).equals(v))) body.put(f, v.get());
        }
        for (String f : FLAGS) {
            Optional<Boolean> v = Attrs.bool(planned, f);
            if (v.isPresent() && (current.isEmpty() || !Attrs.bool(current.get(), f).equals(v))) body.put(f, v.get());
        }
        return body;
    }

    /** The state for a repository as GitHub returns it; {@code base} supplies what GitHub does not know. */
    static ObjectValue stateFrom(JsonNode repo, ObjectValue base) {
        Map<String, Value> m = new TreeMap<>();
        m.put("name", Value.of(repo.path("name").asText()));
        m.put("description", Value.of(repo.path("description").asText("")));
        m.put("visibility", Value.of(repo.path("visibility").asText(repo.path("private").asBoolean() ? "private" : "public")));
        TreeSet<String> topics = new TreeSet<>();
        repo.path("topics").forEach(t -> {
            if (!AddressMarker.isMarker(t.asText())) topics.add(t.asText());
        });
        m.put("topics", Value.list(topics.stream().map(Value::of).toList()));
        m.put("default_branch", Attrs.text(repo, "default_branch"));
        for (String f : FLAGS) m.put(f, Value.of(repo.path(f).asBoolean()));
        m.put("auto_init", Value.of(Attrs.bool(base, "auto_init").orElse(false)));
        m.put("archive_on_destroy", Value.of(Attrs.bool(base, "archive_on_destroy").orElse(false)));
        m.put("id", Value.of(repo.path("id").asLong()));
        m.put("node_id", Attrs.text(repo, "node_id"));
        m.put("full_name", Attrs.text(repo, "full_name"));
        m.put("html_url", Attrs.text(repo, "html_url"));
        return new ObjectValue(m);
    }
}
