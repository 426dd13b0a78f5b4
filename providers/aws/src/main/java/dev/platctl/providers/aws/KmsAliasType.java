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
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code aws_kms_alias}: a friendly name ({@code alias/...}) pointing at a KMS key. Aliases carry no tags; the
 * name is unique in the region, so a crash-time lookup adopts the alias only when it points at the planned key.
 */
final class KmsAliasType implements ResourceType {
    static final String TYPE = "aws_kms_alias";
    private static final Set<String> GONE = Set.of("NotFoundException");

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A KMS key alias.", List.of(
            AttributeSchema.required("name", AttributeType.STRING, "The alias, starting with \"alias/\".").asForceNew(),
            AttributeSchema.required("target_key_id", AttributeType.STRING, "The id of the key the alias points at."),
            AttributeSchema.computed("id", AttributeType.STRING, "The alias name."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The alias's ARN.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    KmsAliasType(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, proposed);
        Attrs.string(r.planned(), "name").filter(n -> !n.startsWith("alias/") || n.startsWith("alias/aws/")).ifPresent(n ->
                r.diagnostics().add(Diagnostic.error("Invalid value for \"name\"", TYPE + ".name must start with \"alias/\" (and not"
                        + " \"alias/aws/\", which AWS keeps for its own keys), got \"" + n + "\".")));
        return new PlanResult(r.planned().with("id", r.planned().getOrNull("name")), r.requiresReplace(), r.diagnostics());
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String name = Attrs.requireString(TYPE, planned, "name");
        KmsClient kms = aws.kms();
        return AwsErrors.call("create", TYPE, name, () -> {
            kms.createAlias(b -> b.aliasName(name).targetKeyId(Attrs.requireString(TYPE, planned, "target_key_id")));
            AliasListEntry a = find(kms, name).orElseThrow(() -> ProviderException.of("create", TYPE, name,
                    "NotFoundException: KMS does not list the alias it just created", false, null));
            return planned.with("id", Value.of(name)).with("arn", Value.of(a.aliasArn()));
        });
    }

    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        AwsErrors.run("update", TYPE, name, () -> aws.kms().updateAlias(b -> b.aliasName(name)
                .targetKeyId(Attrs.requireString(TYPE, planned, "target_key_id"))));
        return planned.with("arn", prior.getOrNull("arn"));
    }

    @Override
    public void delete(ObjectValue prior) {
        String name = Attrs.requireString(TYPE, prior, "name");
        try {
            aws.kms().deleteAlias(b -> b.aliasName(name));
        } catch (SdkException e) {
            if (!AwsErrors.isNotFound(e, GONE)) throw AwsErrors.translate("delete", TYPE, name, e);
        }
    }

    /** KMS has no read of one alias: the region's aliases are listed until it is found. */
    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String name = Attrs.requireString(TYPE, state, "name");
        KmsClient kms = aws.kms();
        return AwsErrors.call("read", TYPE, name, () -> find(kms, name).map(a -> fromAlias(state, a)));
    }

    /** One batch: the listing is of the whole region whatever the batch, so a second batch would list it again. */
    @Override
    public int readBatchSize() {
        return Integer.MAX_VALUE;
    }

    /** One paged ListAliases for the whole batch instead of one listing per alias. */
    @Override
    public List<Optional<ObjectValue>> readAll(List<ObjectValue> states) {
        KmsClient kms = aws.kms();
        return BatchRead.listed(TYPE, states, s -> Attrs.requireString(TYPE, s, "name"),
                names -> BatchRead.index(aliases(kms), AliasListEntry::aliasName), KmsAliasType::fromAlias);
    }

    /** Imports by alias name. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        KmsClient kms = aws.kms();
        return AwsErrors.call("import", TYPE, id, () -> find(kms, id).map(a -> fromAlias(ObjectValue.EMPTY, a)));
    }

    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        Optional<String> target = Attrs.string(planned, "target_key_id");
        KmsClient kms = aws.kms();
        return AwsErrors.call("look up", TYPE, name, () -> find(kms, name)
                .filter(a -> target.isPresent() && target.get().equals(a.targetKeyId())).map(a -> fromAlias(planned, a)));
    }

    /** The region's aliases, page by page. */
    private static SdkIterable<AliasListEntry> aliases(KmsClient kms) {
        return kms.listAliasesPaginator(b -> { }).aliases();
    }

    /** The alias named {@code name}, listing only until it is found. */
    private static Optional<AliasListEntry> find(KmsClient kms, String name) {
        return aliases(kms).stream().filter(a -> a.aliasName().equals(name)).findFirst();
    }

    /** KMS reports the target as a key id; a state naming the same key by its ARN keeps the ARN. */
    private static ObjectValue fromAlias(ObjectValue state, AliasListEntry a) {
        String target = Attrs.string(state, "target_key_id").filter(t -> t.endsWith(":key/" + a.targetKeyId())).orElse(a.targetKeyId());
        return state.with("name", Value.of(a.aliasName())).with("target_key_id", Value.of(target))
                .with("id", Value.of(a.aliasName())).with("arn", Value.of(a.aliasArn()));
    }
}
