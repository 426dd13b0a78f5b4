package dev.platctl.providers.aws;

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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code aws_iam_role_policy_attachment}: a managed policy attached to a role. It has nothing to change in
 * place and no tags: the pair itself is its identity, so a crash-time lookup is a read.
 */
final class IamRolePolicyAttachmentType implements ResourceType {
    static final String TYPE = "aws_iam_role_policy_attachment";
    private static final Set<String> GONE = Set.of("NoSuchEntity");

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A managed policy attached to an IAM role.", List.of(
            AttributeSchema.required("role", AttributeType.STRING, "The role's name.").asForceNew(),
            AttributeSchema.required("policy_arn", AttributeType.STRING, "The ARN of the policy to attach.").asForceNew(),
            AttributeSchema.computed("id", AttributeType.STRING, "<role>/<policy_arn>, also the import id.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    IamRolePolicyAttachmentType(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, proposed);
        Optional<String> role = Attrs.string(r.planned(), "role");
        Optional<String> arn = Attrs.string(r.planned(), "policy_arn");
        ObjectValue planned = role.isPresent() && arn.isPresent() ? r.planned().with("id", Value.of(role.get() + "/" + arn.get())) : r.planned();
        arn.filter(a -> !a.startsWith("arn:")).ifPresent(a -> r.diagnostics().add(Diagnostic.error("Invalid value for \"policy_arn\"",
                TYPE + ".policy_arn must be a policy ARN (arn:aws:iam::...:policy/...), got \"" + a + "\".")));
        return new PlanResult(planned, r.requiresReplace(), r.diagnostics());
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String role = Attrs.requireString(TYPE, planned, "role");
        String arn = Attrs.requireString(TYPE, planned, "policy_arn");
        AwsErrors.run("create", TYPE, role + "/" + arn, () -> aws.iam().attachRolePolicy(b -> b.roleName(role).policyArn(arn)));
        return planned.with("id", Value.of(role + "/" + arn));
    }

    /** Both attributes force replacement, so there is never anything to update. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        return planned;
    }

    @Override
    public void delete(ObjectValue prior) {
        String role = Attrs.requireString(TYPE, prior, "role");
        String arn = Attrs.requireString(TYPE, prior, "policy_arn");
        try {
            aws.iam().detachRolePolicy(b -> b.roleName(role).policyArn(arn));
        } catch (SdkException e) {
            if (!AwsErrors.isNotFound(e, GONE)) throw AwsErrors.translate("delete", TYPE, role + "/" + arn, e);
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String role = Attrs.requireString(TYPE, state, "role");
        String arn = Attrs.requireString(TYPE, state, "policy_arn");
        return AwsErrors.call("read", TYPE, role + "/" + arn, () -> attached(role, arn)
                ? Optional.of(state.with("id", Value.of(role + "/" + arn))) : Optional.empty());
    }

    /** Imports by {@code <role>/<policy_arn>}. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        int slash = id.indexOf("/arn:");
        if (slash <= 0) throw ProviderException.of("import", TYPE, id, "the id is <role name>/<policy ARN>, such as app/arn:aws:iam::123456789012:policy/read-orders", false, null);
        return read(new ObjectValue(Map.of("role", Value.of(id.substring(0, slash)), "policy_arn", Value.of(id.substring(slash + 1)))));
    }

    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        return read(planned);
    }

    private boolean attached(String role, String arn) {
        IamClient iam = aws.iam();
        try {
            return iam.listAttachedRolePoliciesPaginator(b -> b.roleName(role)).attachedPolicies().stream()
                    .anyMatch(p -> p.policyArn().equals(arn));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return false;
            throw e;
        }
    }
}
