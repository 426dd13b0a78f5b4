package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@code aws_iam_role}: an IAM role with its trust policy, compared by meaning rather than text. */
final class IamRoleType implements ResourceType {
    static final String TYPE = "aws_iam_role";
    private static final Set<String> GONE = Set.of("NoSuchEntity");

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "An IAM role.", List.of(
            AttributeSchema.required("name", AttributeType.STRING, "The role's name, unique in the account.").asForceNew(),
            AttributeSchema.required("assume_role_policy", AttributeType.STRING,
                    "The trust policy (JSON): who may assume the role. Compared by meaning, not by text."),
            AttributeSchema.optional("description", AttributeType.STRING, "What the role is for."),
            AttributeSchema.optional("path", AttributeType.STRING, "The role's path (default \"/\").").asForceNew(),
            AttributeSchema.optional("max_session_duration", AttributeType.NUMBER,
                    "Longest session in seconds, 3600 to 43200 (default 3600)."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the role."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The role's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The role's name."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The role's ARN."),
            AttributeSchema.computed("unique_id", AttributeType.STRING, "The stable id IAM gave the role (AROA...).")));

    private static final Map<String, Value> DEFAULTS = Map.of("path", Value.of("/"), "max_session_duration", Value.of(3600));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    IamRoleType(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    /** A trust policy that means what the prior one meant keeps the prior text, so reformatting it is no change. */
    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, SchemaPlanner.withDefaults(proposed, DEFAULTS));
        Diagnostics diags = r.diagnostics();
        ObjectValue planned = r.planned().with("tags_all", Tags.planAll(r.planned(), aws.settings().defaultTags()))
                .with("id", r.planned().getOrNull("name"));
        Optional<String> policy = Attrs.string(planned, "assume_role_policy");
        policy.flatMap(PolicyDocuments::problem).ifPresent(p -> diags.add(Diagnostic.error(
                "Invalid value for \"assume_role_policy\"", TYPE + ".assume_role_policy must be a JSON policy document: " + p + ".")));
        Optional<String> before = prior.flatMap(p -> Attrs.string(p, "assume_role_policy"));
        if (policy.isPresent() && before.isPresent() && PolicyDocuments.equivalent(before.get(), policy.get()))
            planned = planned.with("assume_role_policy", Value.of(before.get()));
        Attrs.string(planned, "path").filter(p -> !p.startsWith("/") || !p.endsWith("/")).ifPresent(p -> diags.add(
                Diagnostic.error("Invalid value for \"path\"", TYPE + ".path must start and end with \"/\", got \"" + p + "\".")));
        Value duration = planned.getOrNull("max_session_duration").unwrap();
        if (duration.isWhollyKnown() && !duration.isNull()
                && Attrs.integer(planned, "max_session_duration").filter(d -> d >= 3600 && d <= 43_200).isEmpty())
            diags.add(Diagnostic.error("Invalid value for \"max_session_duration\"",
                    TYPE + ".max_session_duration must be a whole number of seconds from 3600 to 43200, got " + duration + "."));
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String name = Attrs.requireString(TYPE, planned, "name");
        List<Tag> tags = Tags.onCreate(planned, idempotencyKey).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        Role role = AwsErrors.call("create", TYPE, name, () -> aws.iam().createRole(b -> b
                .roleName(name)
                .path(Attrs.string(planned, "path").orElse("/"))
                .assumeRolePolicyDocument(Attrs.requireString(TYPE, planned, "assume_role_policy"))
                .description(Attrs.string(planned, "description").orElse(null))
                .maxSessionDuration(Attrs.integer(planned, "max_session_duration").orElse(3600))
                .tags(tags)).role());
        return withComputed(planned, role);
    }

    /**
     * Changes what differs between the role as it is now and the plan: the engine's prior state may predate
     * drift made outside platctl, so it is read again rather than trusted.
     */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        IamClient iam = aws.iam();
        AwsErrors.run("update", TYPE, name, () -> {
            ObjectValue current = getRole(name).map(role -> fromRole(prior, role)).orElseThrow(() -> AwsErrors.vanished(
                    "update", TYPE, name, "NoSuchEntity", "role"));
            String policy = Attrs.requireString(TYPE, planned, "assume_role_policy");
            if (!PolicyDocuments.equivalent(Attrs.string(current, "assume_role_policy").orElse(""), policy))
                iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(policy));
            if (changed(current, planned, "description") || changed(current, planned, "max_session_duration"))
                iam.updateRole(b -> b.roleName(name).description(Attrs.string(planned, "description").orElse(""))
                        .maxSessionDuration(Attrs.integer(planned, "max_session_duration").orElse(3600)));
            Set<String> removed = Tags.removed(current, planned);
            if (!removed.isEmpty()) iam.untagRole(b -> b.roleName(name).tagKeys(removed));
            List<Tag> tags = Tags.changed(current, planned).entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            if (!tags.isEmpty()) iam.tagRole(b -> b.roleName(name).tags(tags));
        });
        return planned.with("arn", prior.getOrNull("arn")).with("unique_id", prior.getOrNull("unique_id"))
                .with("id", Value.of(name));
    }

    @Override
    public void delete(ObjectValue prior) {
        String name = Attrs.requireString(TYPE, prior, "name");
        try {
            aws.iam().deleteRole(b -> b.roleName(name));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return;
            ProviderException p = AwsErrors.translate("delete", TYPE, name, e);
            if (e instanceof AwsServiceException a && AwsErrors.code(a).equals("DeleteConflict"))
                throw p.withHint("detach the role's policies and remove it from its instance profiles first");
            throw p;
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String name = Attrs.requireString(TYPE, state, "name");
        return AwsErrors.call("read", TYPE, name, () -> getRole(name).map(role -> fromRole(state, role)));
    }

    /** Imports by role name. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        return AwsErrors.call("import", TYPE, id, () -> getRole(id)
                .map(role -> fromRole(new ObjectValue(Map.of("name", Value.of(id))), role)));
    }

    /** Finds the role by its name and adopts it only when it carries this key's {@code platctl:address} tag. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        return AwsErrors.call("look up", TYPE, name, () -> getRole(name)
                .filter(role -> role.tags().stream().anyMatch(t -> t.key().equals(Tags.ADDRESS_TAG) && t.value().equals(idempotencyKey)))
                .map(role -> fromRole(planned, role)));
    }

    private Optional<Role> getRole(String name) {
        try {
            return Optional.of(aws.iam().getRole(b -> b.roleName(name)).role());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    /** The state for what IAM holds; a trust policy meaning what the state's means keeps the state's text. */
    private ObjectValue fromRole(ObjectValue state, Role role) {
        String policy = PolicyDocuments.decode(role.assumeRolePolicyDocument());
        Optional<String> stated = Attrs.string(state, "assume_role_policy");
        if (stated.isPresent() && PolicyDocuments.equivalent(stated.get(), policy)) policy = stated.get();
        Map<String, String> tags = new TreeMap<>();
        role.tags().forEach(t -> tags.put(t.key(), t.value()));
        String description = role.description() == null || role.description().isEmpty() ? null : role.description();
        ObjectValue out = state.with("name", Value.of(role.roleName()))
                .with("assume_role_policy", Value.of(policy))
                .with("description", Value.of(description))
                .with("path", Value.of(role.path()))
                .with("max_session_duration", Value.of(role.maxSessionDuration() == null ? 3600 : role.maxSessionDuration()));
        return withComputed(Tags.readInto(out, tags, aws.settings().defaultTags()), role);
    }

    private static ObjectValue withComputed(ObjectValue o, Role role) {
        return o.with("arn", Value.of(role.arn())).with("unique_id", Value.of(role.roleId())).with("id", Value.of(role.roleName()));
    }

    private static boolean changed(ObjectValue prior, ObjectValue planned, String name) {
        return !prior.getOrNull(name).unmarked().equals(planned.getOrNull(name).unmarked());
    }
}
