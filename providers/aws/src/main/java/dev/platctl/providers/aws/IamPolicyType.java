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
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code aws_iam_policy}: a customer-managed IAM policy whose document is compared by meaning; a changed
 * document becomes a new default version (the oldest is deleted when IAM's five are in use).
 */
final class IamPolicyType implements ResourceType {
    static final String TYPE = "aws_iam_policy";
    private static final Set<String> GONE = Set.of("NoSuchEntity");
    private static final int MAX_VERSIONS = 5;

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A customer-managed IAM policy.", List.of(
            AttributeSchema.required("name", AttributeType.STRING, "The policy's name, unique in the account.").asForceNew(),
            AttributeSchema.required("policy", AttributeType.STRING, "The policy document (JSON). Compared by meaning, not by text."),
            AttributeSchema.optional("description", AttributeType.STRING, "What the policy allows; IAM cannot change it later.").asForceNew(),
            AttributeSchema.optional("path", AttributeType.STRING, "The policy's path (default \"/\").").asForceNew(),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the policy."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The policy's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The policy's ARN."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The policy's ARN."),
            AttributeSchema.computed("policy_id", AttributeType.STRING, "The stable id IAM gave the policy (ANPA...).")));

    private static final Map<String, Value> DEFAULTS = Map.of("path", Value.of("/"));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    IamPolicyType(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    /** A document that means what the prior one meant keeps the prior text, so reformatting it is no change. */
    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, SchemaPlanner.withDefaults(proposed, DEFAULTS));
        Diagnostics diags = r.diagnostics();
        ObjectValue planned = r.planned().with("tags_all", Tags.planAll(r.planned(), aws.settings().defaultTags()));
        Optional<String> policy = Attrs.string(planned, "policy");
        policy.flatMap(PolicyDocuments::problem).ifPresent(p -> diags.add(Diagnostic.error(
                "Invalid value for \"policy\"", TYPE + ".policy must be a JSON policy document: " + p + ".")));
        Optional<String> before = prior.flatMap(p -> Attrs.string(p, "policy"));
        if (policy.isPresent() && before.isPresent() && PolicyDocuments.equivalent(before.get(), policy.get()))
            planned = planned.with("policy", Value.of(before.get()));
        Attrs.string(planned, "path").filter(p -> !p.startsWith("/") || !p.endsWith("/")).ifPresent(p -> diags.add(
                Diagnostic.error("Invalid value for \"path\"", TYPE + ".path must start and end with \"/\", got \"" + p + "\".")));
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        List<Tag> tags = Tags.onCreate(planned, idempotencyKey).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        String name = Attrs.requireString(TYPE, planned, "name");
        Policy p = AwsErrors.call("create", TYPE, name, () -> aws.iam().createPolicy(b -> b
                .policyName(name)
                .path(Attrs.string(planned, "path").orElse("/"))
                .description(Attrs.string(planned, "description").orElse(null))
                .policyDocument(Attrs.requireString(TYPE, planned, "policy"))
                .tags(tags)).policy());
        return withComputed(planned, p);
    }

    /** Changes what differs between the policy as it is now (read again: the prior state may predate drift) and the plan. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String arn = Attrs.requireString(TYPE, prior, "arn");
        IamClient iam = aws.iam();
        AwsErrors.run("update", TYPE, arn, () -> {
            ObjectValue current = getPolicy(arn).map(p -> fromPolicy(prior, p)).orElseThrow(() -> AwsErrors.vanished(
                    "update", TYPE, arn, "NoSuchEntity", "policy"));
            String document = Attrs.requireString(TYPE, planned, "policy");
            if (!PolicyDocuments.equivalent(Attrs.string(current, "policy").orElse(""), document)) {
                List<PolicyVersion> versions = iam.listPolicyVersions(b -> b.policyArn(arn)).versions();
                if (versions.size() >= MAX_VERSIONS)
                    versions.stream().filter(v -> !v.isDefaultVersion()).min(Comparator.comparing(PolicyVersion::createDate))
                            .ifPresent(v -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId(v.versionId())));
                iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(document).setAsDefault(true));
            }
            Set<String> removed = Tags.removed(current, planned);
            if (!removed.isEmpty()) iam.untagPolicy(b -> b.policyArn(arn).tagKeys(removed));
            List<Tag> tags = Tags.changed(current, planned).entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            if (!tags.isEmpty()) iam.tagPolicy(b -> b.policyArn(arn).tags(tags));
        });
        return planned.with("arn", prior.getOrNull("arn")).with("id", prior.getOrNull("arn")).with("policy_id", prior.getOrNull("policy_id"));
    }

    /** Deletes the policy's older versions first, as IAM requires. */
    @Override
    public void delete(ObjectValue prior) {
        String arn = Attrs.requireString(TYPE, prior, "arn");
        IamClient iam = aws.iam();
        try {
            for (PolicyVersion v : iam.listPolicyVersions(b -> b.policyArn(arn)).versions())
                if (!v.isDefaultVersion()) iam.deletePolicyVersion(b -> b.policyArn(arn).versionId(v.versionId()));
            iam.deletePolicy(b -> b.policyArn(arn));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return;
            ProviderException p = AwsErrors.translate("delete", TYPE, arn, e);
            if (e instanceof AwsServiceException a && AwsErrors.code(a).equals("DeleteConflict"))
                throw p.withHint("detach the policy from its roles, users and groups first");
            throw p;
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String arn = Attrs.requireString(TYPE, state, "arn");
        return AwsErrors.call("read", TYPE, arn, () -> getPolicy(arn).map(p -> fromPolicy(state, p)));
    }

    /** Imports by policy ARN. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        return AwsErrors.call("import", TYPE, id, () -> getPolicy(id).map(p -> fromPolicy(ObjectValue.EMPTY, p)));
    }

    /** Finds the account's policy of that name and path, adopting it only when it carries this key's tag. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        String path = Attrs.string(planned, "path").orElse("/");
        IamClient iam = aws.iam();
        return AwsErrors.call("look up", TYPE, name, () -> iam.listPoliciesPaginator(b -> b.scope(PolicyScopeType.LOCAL)
                        .pathPrefix(path)).policies().stream()
                .filter(p -> p.policyName().equals(name) && p.path().equals(path)).findFirst()
                .flatMap(p -> getPolicy(p.arn()))
                .filter(p -> p.tags().stream().anyMatch(t -> t.key().equals(Tags.ADDRESS_TAG) && t.value().equals(idempotencyKey)))
                .map(p -> fromPolicy(planned, p)));
    }

    private Optional<Policy> getPolicy(String arn) {
        try {
            return Optional.of(aws.iam().getPolicy(b -> b.policyArn(arn)).policy());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    /** The state for what IAM holds; a document meaning what the state's means keeps the state's text. */
    private ObjectValue fromPolicy(ObjectValue state, Policy p) {
        String document = PolicyDocuments.decode(aws.iam().getPolicyVersion(b -> b.policyArn(p.arn())
                .versionId(p.defaultVersionId())).policyVersion().document());
        Optional<String> stated = Attrs.string(state, "policy");
        if (stated.isPresent() && PolicyDocuments.equivalent(stated.get(), document)) document = stated.get();
        Map<String, String> tags = new TreeMap<>();
        p.tags().forEach(t -> tags.put(t.key(), t.value()));
        String description = p.description() == null || p.description().isEmpty() ? null : p.description();
        ObjectValue out = state.with("name", Value.of(p.policyName())).with("policy", Value.of(document))
                .with("description", Value.of(description)).with("path", Value.of(p.path()));
        return withComputed(Tags.readInto(out, tags, aws.settings().defaultTags()), p);
    }

    private static ObjectValue withComputed(ObjectValue o, Policy p) {
        return o.with("arn", Value.of(p.arn())).with("id", Value.of(p.arn())).with("policy_id", Value.of(p.policyId()));
    }
}
