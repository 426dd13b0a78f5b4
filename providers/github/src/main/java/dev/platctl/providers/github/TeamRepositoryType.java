package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code github_team_repository}: a team's permission on a repository of the organization. */
final class TeamRepositoryType implements ResourceType {
    static final String TYPE = "github_team_repository";
    /** GitHub's permissions, weakest first; a read reports the strongest one the team holds. */
    static final List<String> PERMISSIONS = List.of("pull", "triage", "push", "maintain", "admin");
    private static final String REPOSITORY_MEDIA_TYPE = "application/vnd.github.v3.repository+json";

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A team's access to a repository.", List.of(
            AttributeSchema.required("team_slug", AttributeType.STRING, "The team's slug, such as \"payments-devs\".").asForceNew(),
            AttributeSchema.required("repository", AttributeType.STRING, "The repository's name.").asForceNew(),
            AttributeSchema.optional("permission", AttributeType.STRING, "pull (default), triage, push, maintain or admin."),
            AttributeSchema.computed("id", AttributeType.STRING, "team_slug:repository.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final GitHubAccess gh;

    TeamRepositoryType(GitHubAccess gh) {
        this.gh = gh;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, SchemaPlanner.withDefaults(proposed, Map.of("permission", Value.of("pull"))));
        ObjectValue p = r.planned();
        Attrs.string(p, "permission").filter(x -> !PERMISSIONS.contains(x)).ifPresent(x -> r.diagnostics().add(Diagnostic.error(
                "Invalid value for \"permission\"", TYPE + ".permission must be one of " + String.join(", ", PERMISSIONS)
                        + ", got \"" + x + "\".")));
        if (Attrs.string(p, "team_slug").isPresent() && Attrs.string(p, "repository").isPresent())
            p = p.with("id", Value.of(id(p)));
        return new PlanResult(p, r.requiresReplace(), r.diagnostics());
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
        if (!gh.ownerIsOrganization())
            throw new ProviderException("owner '" + gh.owner() + "' is a personal account, and teams exist only in organizations");
        gh.client().put(path(planned), GitHubClient.json().createObjectNode()
                .put("permission", Attrs.string(planned, "permission").orElse("pull")));
        return planned;
    }

    @Override
    public void delete(ObjectValue prior) {
        GitHubErrors.run("delete", TYPE, objectId(prior), () -> gh.client().deleteIfExists(path(prior)));
    }

    /** Asks for the repository media type: with the default one GitHub answers a bare 204. */
    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        return GitHubErrors.call("read", TYPE, objectId(state), () -> gh.client().find(path(state), REPOSITORY_MEDIA_TYPE)
                .map(repo -> state.with("permission", Value.of(permission(repo.path("permissions"))))
                        .with("id", Value.of(id(state)))));
    }

    /** Imports by {@code team_slug:repository}. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        int colon = id.indexOf(':');
        if (colon <= 0 || colon == id.length() - 1)
            throw ProviderException.of("import", TYPE, id, "expected an id of the form team_slug:repository", false, null);
        String repository = RepositoryRef.name(gh, TYPE, id.substring(colon + 1));
        return read(Value.object(Map.of("team_slug", Value.of(id.substring(0, colon)), "repository", Value.of(repository))));
    }

    /** A team holds one permission on a repository, which create would overwrite anyway: adopt what is there. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        return read(planned.without("permission"));
    }

    private String path(ObjectValue o) {
        return "/orgs/" + GitHubClient.seg(gh.owner()) + "/teams/" + GitHubClient.seg(Attrs.requireString(TYPE, o, "team_slug"))
                + "/repos/" + GitHubClient.seg(gh.owner()) + "/" + GitHubClient.seg(Attrs.requireString(TYPE, o, "repository"));
    }

    /** GitHub's name for the object, {@code team_slug:owner/repository}, which failures name it by. */
    private String objectId(ObjectValue o) {
        return Attrs.requireString(TYPE, o, "team_slug") + ":" + gh.repoId(Attrs.requireString(TYPE, o, "repository"));
    }

    private static String id(ObjectValue o) {
        return Attrs.requireString(TYPE, o, "team_slug") + ":" + Attrs.requireString(TYPE, o, "repository");
    }

    private static String permission(JsonNode permissions) {
        for (int i = PERMISSIONS.size() - 1; i >= 0; i--)
            if (permissions.path(PERMISSIONS.get(i)).asBoolean()) return PERMISSIONS.get(i);
        return "pull";
    }
}
