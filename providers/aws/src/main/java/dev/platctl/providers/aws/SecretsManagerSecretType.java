package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code aws_secretsmanager_secret}: a Secrets Manager secret without its value (see
 * {@link SecretsManagerSecretVersionType}); one scheduled for deletion counts as gone. Refresh reads each secret with
 * DescribeSecret, never from ListSecrets: AWS documents that the listing "might not reflect changes from the last five
 * minutes", so a listed secret's attributes may be stale and a new secret may be missing from it; every secret would
 * have to be described anyway, and the listing would save no call.
 */
final class SecretsManagerSecretType implements ResourceType {
    static final String TYPE = "aws_secretsmanager_secret";
    private static final Set<String> GONE = Set.of("ResourceNotFoundException");

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A Secrets Manager secret.", List.of(
            AttributeSchema.required("name", AttributeType.STRING, "The secret's name, unique in the region.").asForceNew(),
            AttributeSchema.optional("description", AttributeType.STRING, "What the secret holds."),
            AttributeSchema.optional("kms_key_id", AttributeType.STRING,
                    "The KMS key (id, ARN or alias) encrypting the secret; default: aws/secretsmanager."),
            AttributeSchema.optional("recovery_window_in_days", AttributeType.NUMBER,
                    "Days a deleted secret can be restored, 7 to 30, or 0 to delete at once (default 30)."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the secret."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The secret's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The secret's ARN."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The secret's ARN.")));

    private static final Map<String, Value> DEFAULTS = Map.of("recovery_window_in_days", Value.of(30));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    SecretsManagerSecretType(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, SchemaPlanner.withDefaults(proposed, DEFAULTS));
        Diagnostics diags = r.diagnostics();
        ObjectValue planned = r.planned().with("tags_all", Tags.planAll(r.planned(), aws.settings().defaultTags()));
        Attrs.integer(planned, "recovery_window_in_days").filter(d -> d != 0 && (d < 7 || d > 30)).ifPresent(d -> diags.add(
                Diagnostic.error("Invalid value for \"recovery_window_in_days\"",
                        TYPE + ".recovery_window_in_days must be 0 (delete at once) or from 7 to 30, got " + d + ".")));
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String name = Attrs.requireString(TYPE, planned, "name");
        String arn = AwsErrors.call("create", TYPE, name, () -> aws.secretsManager().createSecret(b -> b
                .name(name)
                .description(Attrs.string(planned, "description").orElse(null))
                .kmsKeyId(Attrs.string(planned, "kms_key_id").orElse(null))
                .tags(toTags(Tags.onCreate(planned, idempotencyKey)))).arn());
        return planned.with("arn", Value.of(arn)).with("id", Value.of(arn));
    }

    /** Changes what differs between the secret as it is now (read again: the prior state may predate drift) and the plan. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String arn = Attrs.requireString(TYPE, prior, "arn");
        SecretsManagerClient sm = aws.secretsManager();
        AwsErrors.run("update", TYPE, arn, () -> {
            ObjectValue current = describe(sm, arn).map(d -> fromSecret(prior, d)).orElseThrow(() -> AwsErrors.vanished(
                    "update", TYPE, arn, "ResourceNotFoundException", "secret"));
            if (changed(current, planned, "description") || changed(current, planned, "kms_key_id"))
                sm.updateSecret(b -> b.secretId(arn).description(Attrs.string(planned, "description").orElse(""))
                        .kmsKeyId(Attrs.string(planned, "kms_key_id").orElse(null)));
            Set<String> removed = Tags.removed(current, planned);
            if (!removed.isEmpty()) sm.untagResource(b -> b.secretId(arn).tagKeys(removed));
            Map<String, String> tags = Tags.changed(current, planned);
            if (!tags.isEmpty()) sm.tagResource(b -> b.secretId(arn).tags(toTags(tags)));
        });
        return planned.with("arn", prior.getOrNull("arn")).with("id", prior.getOrNull("arn"));
    }

    /** Schedules deletion after the recovery window, or deletes at once when it is 0. */
    @Override
    public void delete(ObjectValue prior) {
        String arn = Attrs.requireString(TYPE, prior, "arn");
        int window = Attrs.integer(prior, "recovery_window_in_days").orElse(30);
        try {
            aws.secretsManager().deleteSecret(b -> {
                b.secretId(arn);
                if (window == 0) b.forceDeleteWithoutRecovery(true);
                else b.recoveryWindowInDays((long) window);
            });
        } catch (SdkException e) {
            if (!AwsErrors.isNotFound(e, GONE)) throw AwsErrors.translate("delete", TYPE, arn, e);
        }
    }

    /**
     * Describes the secret by the state's ARN; a secret AWS answers with under another ARN (one deleted and made again
     * under the same name, which an emulator may resolve by name) is another secret, so this one is gone.
     */
    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String arn = Attrs.requireString(TYPE, state, "arn");
        return AwsErrors.call("read", TYPE, arn, () -> describe(aws.secretsManager(), arn).filter(d -> arn.equals(d.arn()))
                .map(d -> fromSecret(state, d)));
    }

    /** Imports by ARN or name; the recovery window, which AWS does not keep, is the default 30 days. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        ObjectValue seed = new ObjectValue(Map.of("recovery_window_in_days", Value.of(30)));
        return AwsErrors.call("import", TYPE, id, () -> describe(aws.secretsManager(), id).map(d -> fromSecret(seed, d)));
    }

    /** Finds the secret by its name and adopts it only when it carries this key's {@code platctl:address} tag. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        return AwsErrors.call("look up", TYPE, name, () -> describe(aws.secretsManager(), name)
                .filter(d -> d.tags().stream().anyMatch(t -> t.key().equals(Tags.ADDRESS_TAG) && t.value().equals(idempotencyKey)))
                .map(d -> fromSecret(planned, d)));
    }

    static Optional<DescribeSecretResponse> describe(SecretsManagerClient sm, String id) {
        try {
            DescribeSecretResponse d = sm.describeSecret(b -> b.secretId(id));
            return d.deletedDate() == null ? Optional.of(d) : Optional.empty();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    private ObjectValue fromSecret(ObjectValue state, DescribeSecretResponse d) {
        Map<String, String> tags = new TreeMap<>();
        d.tags().forEach(t -> tags.put(t.key(), t.value()));
        String description = d.description();
        ObjectValue out = state.with("name", Value.of(d.name()))
                .with("description", Value.of(description == null || description.isEmpty() ? null : description))
                .with("kms_key_id", Value.of(d.kmsKeyId()));
        return Tags.readInto(out, tags, aws.settings().defaultTags()).with("arn", Value.of(d.arn())).with("id", Value.of(d.arn()));
    }

    private static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static boolean changed(ObjectValue prior, ObjectValue planned, String name) {
        return !prior.getOrNull(name).unmarked().equals(planned.getOrNull(name).unmarked());
    }
}
