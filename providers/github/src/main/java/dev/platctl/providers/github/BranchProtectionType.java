package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@code github_branch_protection}: required status checks, approving reviews and admin enforcement on one branch. */
final class BranchProtectionType implements ResourceType {
    static final String TYPE = "github_branch_protection";
    private static final Set<String> CHECK_KEYS = Set.of("strict", "contexts");

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "The protection of one branch of a repository.", List.of(
            AttributeSchema.required("repository", AttributeType.STRING, "The repository's name.").asForceNew(),
            AttributeSchema.required("branch", AttributeType.STRING, "The protected branch (it must exist).").asForceNew(),
            AttributeSchema.optional("required_status_checks", AttributeType.OBJECT,
                    "{ strict = bool (branch up to date before merging, default false), contexts = [check names] }; unset: none required."),
            AttributeSchema.optional("required_approving_review_count", AttributeType.NUMBER,
                    "Approving reviews a pull request needs, 0 to 6; unset: pull requests are not required."),
            AttributeSchema.optional("enforce_admins", AttributeType.BOOL, "The rules apply to administrators too (default false)."),
            AttributeSchema.computed("id", AttributeType.STRING, "repository:branch.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final GitHubAccess gh;

    BranchProtectionType(GitHubAccess gh) {
        this.gh = gh;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        Diagnostics extra = new Diagnostics();
        ObjectValue config = SchemaPlanner.withDefaults(proposed, Map.of("enforce_admins", Value.FALSE))
                .with("required_status_checks", normalizeChecks(proposed.getOrNull("required_status_checks"), extra));
        PlanResult r = planner.plan(prior, config);
        Diagnostics diags = r.diagnostics();
        diags.addAll(extra);
        ObjectValue p = r.planned();
        Attrs.number(p, "required_approving_review_count").filter(n -> n < 0 || n > 6).ifPresent(n -> diags.add(Diagnostic.error(
                "Invalid value for \"required_approving_review_count\"", TYPE + ".required_approving_review_count must be 0 to 6, got " + n + ".")));
        if (Attrs.string(p, "repository").isPresent() && Attrs.string(p, "branch").isPresent())
            p = p.with("id", Value.of(id(p)));
        return new PlanResult(p, r.requiresReplace(), diags);
    }

    private static Value normalizeChecks(Value v, Diagnostics diags) {
        if (!(v.unwrap() instanceof ObjectValue o) || !o.isWhollyKnown()) return v;
        for (String k : o.attributes().keySet())
            if (!CHECK_KEYS.contains(k))
                diags.add(Diagnostic.error("Unsupported attribute \"required_status_checks." + k + "\"",
                        TYPE + ".required_status_checks accepts strict and contexts."));
        Value strict = o.getOrNull("strict").unwrap();
        Value contexts = o.getOrNull("contexts");
        return Value.object(Map.of("strict", strict instanceof BoolValue ? strict : Value.FALSE,
                "contexts", contexts.isNull() ? ListValue.EMPTY : Attrs.sortedStrings(contexts)));
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        return GitHubErrors.call("create", TYPE, objectId(planned), () -> put(planned));
    }

    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        return GitHubErrors.call("update", TYPE, objectId(planned), () -> put(planned));
    }

    private ObjectValue put(ObjectValue planned) {
        ObjectNode body = GitHubClient.json().createObjectNode();
        if (planned.getOrNull("required_status_checks").unmarked() instanceof ObjectValue checks) {
            ObjectNode c = body.putObject("required_status_checks").put("strict", Attrs.bool(checks, "strict").orElse(false));
            Attrs.strings(checks, "contexts").forEach(c.putArray("contexts")::add);
        } else {
            body.putNull("required_status_checks");
        }
        body.put("enforce_admins", Attrs.bool(planned, "enforce_admins").orElse(false));
        Optional<Long> reviews = Attrs.number(planned, "required_approving_review_count");
        if (reviews.isPresent()) body.putObject("required_pull_request_reviews").put("required_approving_review_count", reviews.get());
        else body.putNull("required_pull_request_reviews");
        body.putNull("restrictions");
        return stateFrom(gh.client().put(path(planned), body), planned);
    }

    @Override
    public void delete(ObjectValue prior) {
        GitHubErrors.run("delete", TYPE, objectId(prior), () -> gh.client().deleteIfExists(path(prior)));
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        return GitHubErrors.call("read", TYPE, objectId(state), () -> gh.client().find(path(state)).map(j -> stateFrom(j, state)));
    }

    /** Imports by {@code repository:branch}. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        String[] parts = RepositoryRef.split(gh, TYPE, id, "repository:branch");
        return read(Value.object(Map.of("repository", Value.of(parts[0]), "branch", Value.of(parts[1]))));
    }

    /** A branch has at most one protection, which create would overwrite anyway: adopt what is there. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        return read(planned);
    }

    private String path(ObjectValue o) {
        return gh.repoPath(Attrs.requireString(TYPE, o, "repository"),
                "/branches/" + GitHubClient.seg(Attrs.requireString(TYPE, o, "branch")) + "/protection");
    }

    /** GitHub's name for the object, {@code owner/repository:branch}, which failures name it by. */
    private String objectId(ObjectValue o) {
        return gh.repoId(Attrs.requireString(TYPE, o, "repository")) + ":" + Attrs.requireString(TYPE, o, "branch");
    }

    private static String id(ObjectValue o) {
        return Attrs.requireString(TYPE, o, "repository") + ":" + Attrs.requireString(TYPE, o, "branch");
    }

    private static ObjectValue stateFrom(JsonNode p, ObjectValue base) {
        Map<String, Value> m = new TreeMap<>();
        m.put("repository", base.getOrNull("repository").unmarked());
        m.put("branch", base.getOrNull("branch").unmarked());
        JsonNode checks = p.path("required_status_checks");
        m.put("required_status_checks", checks.isObject()
                ? Value.object(Map.of("strict", Value.of(checks.path("strict").asBoolean()), "contexts", Attrs.strings(checks.path("contexts"))))
                : Value.NULL);
        JsonNode reviews = p.path("required_pull_request_reviews");
        m.put("required_approving_review_count", reviews.isObject()
                ? Value.of(reviews.path("required_approving_review_count").asLong()) : Value.NULL);
        m.put("enforce_admins", Value.of(p.path("enforce_admins").path("enabled").asBoolean()));
        m.put("id", Value.of(id(base)));
        return new ObjectValue(m);
    }
}
