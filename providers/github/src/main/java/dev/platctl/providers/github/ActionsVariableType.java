package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code github_actions_variable}: a GitHub Actions configuration variable of a repository, or of one of its deployment
 * environments when {@code environment} is set.
 */
final class ActionsVariableType implements ResourceType {
    static final String TYPE = "github_actions_variable";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A GitHub Actions variable of a repository or of one of its environments.", List.of(
            AttributeSchema.required("repository", AttributeType.STRING, "The repository's name.").asForceNew(),
            AttributeSchema.optional("environment", AttributeType.STRING,
                    "The deployment environment whose variable it is; unset: the repository's own variable.").asForceNew(),
            AttributeSchema.required("variable_name", AttributeType.STRING,
                    "The variable's name: letters, digits and '_', not starting with GITHUB_; GitHub stores it upper-case.").asForceNew(),
            AttributeSchema.required("value", AttributeType.STRING, "The variable's value."),
            AttributeSchema.computed("id", AttributeType.STRING, "repository:VARIABLE_NAME, or repository:environment:VARIABLE_NAME.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final GitHubAccess gh;

    ActionsVariableType(GitHubAccess gh) {
        this.gh = gh;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    /** The name is planned upper-case, as GitHub stores it, so that a lower-case name in a module is not a change. */
    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        ObjectValue config = proposed.getOrNull("variable_name").unwrap() instanceof StringValue s
                ? proposed.with("variable_name", Value.of(s.value().toUpperCase(Locale.ROOT))) : proposed;
        PlanResult r = planner.plan(prior, config);
        ObjectValue p = r.planned();
        Attrs.string(p, "variable_name").filter(n -> !NAME.matcher(n).matches() || n.startsWith("GITHUB_"))
                .ifPresent(n -> r.diagnostics().add(Diagnostic.error("Invalid value for \"variable_name\"", TYPE
                        + ".variable_name may hold letters, digits and '_', must not start with a digit or GITHUB_, got \"" + n + "\".")));
        Attrs.string(p, "environment").filter(String::isBlank).ifPresent(e -> r.diagnostics().add(Diagnostic.error(
                "Invalid value for \"environment\"", TYPE + ".environment names a deployment environment; leave it unset for a"
                        + " repository variable, got \"" + e + "\".")));
        if (Attrs.string(p, "repository").isPresent() && Attrs.string(p, "variable_name").isPresent()
                && (p.getOrNull("environment").isNull() || Attrs.string(p, "environment").isPresent()))
            p = p.with("id", Value.of(id(p)));
        return new PlanResult(p, r.requiresReplace(), r.diagnostics());
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        return GitHubErrors.call("create", TYPE, objectId(planned), () -> {
            gh.client().post(collection(planned), body(planned));
            return planned;
        });
    }

    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        return GitHubErrors.call("update", TYPE, objectId(planned), () -> {
            gh.client().patch(path(planned), body(planned));
            return planned;
        });
    }

    @Override
    public void delete(ObjectValue prior) {
        GitHubErrors.run("delete", TYPE, objectId(prior), () -> gh.client().deleteIfExists(path(prior)));
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        return GitHubErrors.call("read", TYPE, objectId(state), () -> gh.client().find(path(state)).map(v -> stateFrom(v, state)));
    }

    /**
     * Imports by {@code repository:VARIABLE_NAME}, or {@code repository:environment:VARIABLE_NAME} for an environment's
     * variable: the name is what follows the last colon (a variable's name has none).
     */
    @Override
    public Optional<ObjectValue> importState(String id) {
        String[] parts = RepositoryRef.split(gh, TYPE, id, "repository:VARIABLE_NAME or repository:environment:VARIABLE_NAME");
        int colon = parts[1].lastIndexOf(':');
        if (colon == 0 || colon == parts[1].length() - 1)
            throw ProviderException.of("import", TYPE, id, "expected an id of the form repository:VARIABLE_NAME or"
                    + " repository:environment:VARIABLE_NAME", false, null);
        Map<String, Value> m = new TreeMap<>();
        m.put("repository", Value.of(parts[0]));
        m.put("environment", colon < 0 ? Value.NULL : Value.of(parts[1].substring(0, colon)));
        m.put("variable_name", Value.of(parts[1].substring(colon + 1).toUpperCase(Locale.ROOT)));
        return read(new ObjectValue(m));
    }

    /** Adopts a variable of that name only when it holds the planned value: one set by someone else is not taken over. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        return read(planned).filter(found -> found.getOrNull("value").equals(planned.getOrNull("value").unmarked()));
    }

    private static ObjectNode body(ObjectValue planned) {
        return GitHubClient.json().createObjectNode().put("name", Attrs.requireString(TYPE, planned, "variable_name"))
                .put("value", Attrs.requireString(TYPE, planned, "value"));
    }

    private static String repository(ObjectValue o) {
        return Attrs.requireString(TYPE, o, "repository");
    }

    /** The environment's name, empty for a repository variable. */
    private static Optional<String> environment(ObjectValue o) {
        if (o.getOrNull("environment").isNull()) return Optional.empty();
        return Optional.of(Attrs.requireString(TYPE, o, "environment"));
    }

    /** {@code .../actions/variables}, or {@code .../environments/{environment_name}/variables} for an environment's. */
    private String collection(ObjectValue o) {
        return gh.repoPath(repository(o), environment(o).map(e -> "/environments/" + GitHubClient.seg(e) + "/variables")
                .orElse("/actions/variables"));
    }

    private String path(ObjectValue o) {
        return collection(o) + "/" + GitHubClient.seg(Attrs.requireString(TYPE, o, "variable_name"));
    }

    /**
     * GitHub's name for the object, {@code owner/repository:VARIABLE_NAME} or {@code owner/repository:environment:VARIABLE_NAME},
     * which failures name it by.
     */
    private String objectId(ObjectValue o) {
        return gh.repoId(repository(o)) + ":" + scopedName(o);
    }

    private static String id(ObjectValue o) {
        return repository(o) + ":" + scopedName(o);
    }

    /** What follows the repository in the variable's ids: {@code VARIABLE_NAME}, or {@code environment:VARIABLE_NAME}. */
    private static String scopedName(ObjectValue o) {
        return environment(o).map(e -> e + ":").orElse("") + Attrs.requireString(TYPE, o, "variable_name");
    }

    private static ObjectValue stateFrom(JsonNode v, ObjectValue base) {
        Map<String, Value> m = new TreeMap<>();
        m.put("repository", base.getOrNull("repository").unmarked());
        m.put("environment", base.getOrNull("environment").unmarked());
        m.put("variable_name", Value.of(v.path("name").asText()));
        m.put("value", Value.of(v.path("value").asText()));
        m.put("id", Value.of(id(base)));
        return new ObjectValue(m);
    }
}
