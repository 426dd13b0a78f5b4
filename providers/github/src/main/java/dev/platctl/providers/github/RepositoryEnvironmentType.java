package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@code github_repository_environment}: a deployment environment with its wait timer, required reviewers and branch policy. */
final class RepositoryEnvironmentType implements ResourceType {
    static final String TYPE = "github_repository_environment";

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A deployment environment of a repository.", List.of(
            AttributeSchema.required("repository", AttributeType.STRING, "The repository's name.").asForceNew(),
            AttributeSchema.required("environment", AttributeType.STRING, "The environment's name.").asForceNew(),
            AttributeSchema.optional("wait_timer", AttributeType.NUMBER, "Minutes to wait before a deployment proceeds, 0 to 43200 (default 0)."),
            AttributeSchema.optional("reviewers", AttributeType.OBJECT,
                    "{ teams = [team ids], users = [user ids] }: up to 6 who must approve a deployment; unset: none."),
            AttributeSchema.optional("deployment_branch_policy", AttributeType.OBJECT,
                    "{ protected_branches = bool, custom_branch_policies = bool }, exactly one true; unset: any branch may deploy."),
            AttributeSchema.optional("deployment_branch_patterns", AttributeType.LIST,
                    "With custom_branch_policies: the branch name patterns (fnmatch, such as \"main\" or \"release/*\") that may"
                            + " deploy; default none."),
            AttributeSchema.computed("id", AttributeType.STRING, "repository:environment.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final GitHubAccess gh;

    RepositoryEnvironmentType(GitHubAccess gh) {
        this.gh = gh;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        Diagnostics extra = new Diagnostics();
        ObjectValue config = SchemaPlanner.withDefaults(proposed, Map.of("wait_timer", Value.of(0)))
                .with("reviewers", normalizeReviewers(proposed.getOrNull("reviewers"), extra))
                .with("deployment_branch_policy", checkPolicy(proposed.getOrNull("deployment_branch_policy"), extra));
        config = config.with("deployment_branch_patterns", patterns(config, extra));
        PlanResult r = planner.plan(prior, config);
        Diagnostics diags = r.diagnostics().addAll(extra);
        ObjectValue p = r.planned();
        Attrs.number(p, "wait_timer").filter(n -> n < 0 || n > 43_200).ifPresent(n -> diags.add(Diagnostic.error(
                "Invalid value for \"wait_timer\"", TYPE + ".wait_timer must be 0 to 43200 minutes, got " + n + ".")));
        if (Attrs.string(p, "repository").isPresent() && Attrs.string(p, "environment").isPresent())
            p = p.with("id", Value.of(id(p)));
        return new PlanResult(p, r.requiresReplace(), diags);
    }

    private static Value normalizeReviewers(Value v, Diagnostics diags) {
        if (!(v.unwrap() instanceof ObjectValue o) || !o.isWhollyKnown()) return v;
        for (String k : o.attributes().keySet())
            if (!Set.of("teams", "users").contains(k))
                diags.add(Diagnostic.error("Unsupported attribute \"reviewers." + k + "\"", TYPE + ".reviewers accepts teams and users."));
        Value teams = Attrs.sortedNumbers(o.getOrNull("teams").isNull() ? ListValue.EMPTY : o.getOrNull("teams"));
        Value users = Attrs.sortedNumbers(o.getOrNull("users").isNull() ? ListValue.EMPTY : o.getOrNull("users"));
        int count = (teams instanceof ListValue t ? t.size() : 0) + (users instanceof ListValue u ? u.size() : 0);
        if (count > 6) diags.add(Diagnostic.error("Invalid value for \"reviewers\"", TYPE + ".reviewers may name at most 6, got " + count + "."));
        return count == 0 ? Value.NULL : Value.object(Map.of("teams", teams, "users", users));
    }

    private static Value checkPolicy(Value v, Diagnostics diags) {
        if (!(v.unwrap() instanceof ObjectValue o) || !o.isWhollyKnown()) return v;
        boolean prot = o.getOrNull("protected_branches").unwrap() instanceof BoolValue b && b.value();
        boolean custom = o.getOrNull("custom_branch_policies").unwrap() instanceof BoolValue b && b.value();
        if (prot == custom)
            diags.add(Diagnostic.error("Invalid value for \"deployment_branch_policy\"", TYPE
                    + ".deployment_branch_policy needs exactly one of protected_branches and custom_branch_policies to be true."));
        return Value.object(Map.of("protected_branches", Value.of(prot), "custom_branch_policies", Value.of(custom)));
    }

    /** The patterns sorted; none by default with custom branch policies, refused without them. */
    private static Value patterns(ObjectValue config, Diagnostics diags) {
        Value v = config.getOrNull("deployment_branch_patterns");
        Value policy = config.getOrNull("deployment_branch_policy").unwrap();
        if (!policy.isWhollyKnown() || !v.isWhollyKnown()) return v;
        boolean custom = policy instanceof ObjectValue o && o.getOrNull("custom_branch_policies").unwrap() instanceof BoolValue b && b.value();
        if (!custom) {
            if (!v.isNull()) diags.add(Diagnostic.error("Invalid value for \"deployment_branch_patterns\"", TYPE
                    + ".deployment_branch_patterns needs deployment_branch_policy = { custom_branch_policies = true, protected_branches = false }."));
            return Value.NULL;
        }
        for (String p : Attrs.strings(config, "deployment_branch_patterns"))
            if (p.isBlank()) diags.add(Diagnostic.error("Invalid value for \"deployment_branch_patterns\"", TYPE
                    + ".deployment_branch_patterns holds an empty pattern."));
        return v.isNull() ? ListValue.EMPTY : Attrs.sortedStrings(v);
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
        body.put("wait_timer", Attrs.number(planned, "wait_timer").orElse(0L));
        ArrayNode reviewers = body.putArray("reviewers");
        if (planned.getOrNull("reviewers").unmarked() instanceof ObjectValue r) {
            Attrs.numbers(r, "teams").forEach(id -> reviewers.addObject().put("type", "Team").put("id", id));
            Attrs.numbers(r, "users").forEach(id -> reviewers.addObject().put("type", "User").put("id", id));
        }
        if (planned.getOrNull("deployment_branch_policy").unmarked() instanceof ObjectValue d)
            body.putObject("deployment_branch_policy")
                    .put("protected_branches", Attrs.bool(d, "protected_branches").orElse(false))
                    .put("custom_branch_policies", Attrs.bool(d, "custom_branch_policies").orElse(false));
        else body.putNull("deployment_branch_policy");
        JsonNode env = gh.client().put(path(planned), body);
        if (custom(env)) syncPatterns(planned, Attrs.strings(planned, "deployment_branch_patterns"));
        return stateFrom(env, planned, custom(env) ? Optional.of(Attrs.strings(planned, "deployment_branch_patterns")) : Optional.empty());
    }

    /** Creates the branch policies the plan names and deletes the others (tag policies are left alone). */
    private void syncPatterns(ObjectValue planned, List<String> wanted) {
        Map<String, Long> existing = new TreeMap<>();
        for (JsonNode p : policies(planned)) existing.put(p.path("name").asText(), p.path("id").asLong());
        for (String name : new TreeSet<>(wanted))
            if (!existing.containsKey(name))
                gh.client().post(path(planned) + "/deployment-branch-policies",
                        GitHubClient.json().createObjectNode().put("name", name).put("type", "branch"));
        existing.forEach((name, id) -> {
            if (!wanted.contains(name)) gh.client().deleteIfExists(path(planned) + "/deployment-branch-policies/" + id);
        });
    }

    /** The environment's branch (not tag) policies. */
    private List<JsonNode> policies(ObjectValue o) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : gh.client().getAll(path(o) + "/deployment-branch-policies?per_page=100", page -> page.path("branch_policies")))
            if (p.path("type").asText("branch").equals("branch")) out.add(p);
        return out;
    }

    private static boolean custom(JsonNode env) {
        return env.path("deployment_branch_policy").path("custom_branch_policies").asBoolean(false);
    }

    @Override
    public void delete(ObjectValue prior) {
        GitHubErrors.run("delete", TYPE, objectId(prior), () -> gh.client().deleteIfExists(path(prior)));
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        return GitHubErrors.call("read", TYPE, objectId(state), () -> gh.client().find(path(state)).map(j -> stateFrom(j, state,
                custom(j) ? Optional.of(policies(state).stream().map(p -> p.path("name").asText()).toList()) : Optional.empty())));
    }

    /** Imports by {@code repository:environment}. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        String[] parts = RepositoryRef.split(gh, TYPE, id, "repository:environment");
        return read(Value.object(Map.of("repository", Value.of(parts[0]), "environment", Value.of(parts[1]))));
    }

    /** An environment is named by the plan and create would overwrite its settings anyway: adopt what is there. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        return read(planned);
    }

    private String path(ObjectValue o) {
        return gh.repoPath(Attrs.requireString(TYPE, o, "repository"),
                "/environments/" + GitHubClient.seg(Attrs.requireString(TYPE, o, "environment")));
    }

    /** GitHub's name for the object, {@code owner/repository:environment}, which failures name it by. */
    private String objectId(ObjectValue o) {
        return gh.repoId(Attrs.requireString(TYPE, o, "repository")) + ":" + Attrs.requireString(TYPE, o, "environment");
    }

    private static String id(ObjectValue o) {
        return Attrs.requireString(TYPE, o, "repository") + ":" + Attrs.requireString(TYPE, o, "environment");
    }

    private static ObjectValue stateFrom(JsonNode env, ObjectValue base, Optional<List<String>> patterns) {
        Map<String, Value> m = new TreeMap<>();
        m.put("repository", base.getOrNull("repository").unmarked());
        m.put("environment", Value.of(env.path("name").asText()));
        long wait = 0;
        List<Long> teams = new ArrayList<>();
        List<Long> users = new ArrayList<>();
        for (JsonNode rule : env.path("protection_rules")) {
            if (rule.path("type").asText().equals("wait_timer")) wait = rule.path("wait_timer").asLong();
            if (rule.path("type").asText().equals("required_reviewers"))
                for (JsonNode r : rule.path("reviewers"))
                    (r.path("type").asText().equals("Team") ? teams : users).add(r.path("reviewer").path("id").asLong());
        }
        m.put("wait_timer", Value.of(wait));
        m.put("reviewers", teams.isEmpty() && users.isEmpty() ? Value.NULL
                : Value.object(Map.of("teams", Attrs.numbers(teams), "users", Attrs.numbers(users))));
        JsonNode policy = env.path("deployment_branch_policy");
        m.put("deployment_branch_policy", policy.isObject()
                ? Value.object(Map.of("protected_branches", Value.of(policy.path("protected_branches").asBoolean()),
                "custom_branch_policies", Value.of(policy.path("custom_branch_policies").asBoolean())))
                : Value.NULL);
        m.put("deployment_branch_patterns", patterns.<Value>map(p -> Value.list(new TreeSet<>(p).stream().map(Value::of).toList()))
                .orElse(Value.NULL));
        m.put("id", Value.of(id(base)));
        return new ObjectValue(m);
    }
}
