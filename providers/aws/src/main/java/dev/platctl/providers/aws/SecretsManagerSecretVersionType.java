package dev.platctl.providers.aws;

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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code aws_secretsmanager_secret_version}: the current value of a secret, sensitive. A new value is a new
 * version (replacement); a value put outside platctl shows as drift and is replaced by the configured one.
 * The version id is derived from the address and the value, so a retried or crashed create finds its version.
 */
final class SecretsManagerSecretVersionType implements ResourceType {
    static final String TYPE = "aws_secretsmanager_secret_version";
    private static final Set<String> GONE = Set.of("ResourceNotFoundException");
    private static final String CURRENT = "AWSCURRENT";

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "The current value of a Secrets Manager secret.", List.of(
            AttributeSchema.required("secret_id", AttributeType.STRING, "The secret's ARN or name.").asForceNew(),
            AttributeSchema.required("secret_string", AttributeType.STRING, "The value; sensitive.").asForceNew().asSensitive(),
            AttributeSchema.computed("version_id", AttributeType.STRING, "The version's id."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The secret's ARN."),
            AttributeSchema.computed("id", AttributeType.STRING, "<secret ARN>|<version id>, also the import id.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    SecretsManagerSecretVersionType(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        return planner.plan(prior, proposed);
    }

    /**
     * Puts the value as the version this address and value name. When that version exists already (a value put
     * outside platctl made another one current, and the plan puts the configured one back), Secrets Manager ignores
     * the put, so AWSCURRENT is moved back to it explicitly.
     */
    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String secret = Attrs.requireString(TYPE, planned, "secret_id");
        String value = Attrs.requireString(TYPE, planned, "secret_string");
        String token = token(idempotencyKey, value);
        SecretsManagerClient sm = aws.secretsManager();
        var r = AwsErrors.call("create", TYPE, secret, () -> {
            var put = sm.putSecretValue(b -> b.secretId(secret).secretString(value).clientRequestToken(token));
            if (!put.versionStages().contains(CURRENT)) {
                Optional<String> current = sm.describeSecret(b -> b.secretId(secret)).versionIdsToStages().entrySet().stream()
                        .filter(e -> e.getValue().contains(CURRENT)).map(Map.Entry::getKey).findFirst();
                sm.updateSecretVersionStage(b -> {
                    b.secretId(secret).versionStage(CURRENT).moveToVersionId(put.versionId());
                    current.filter(c -> !c.equals(put.versionId())).ifPresent(b::removeFromVersionId);
                });
            }
            return put;
        });
        return planned.with("version_id", Value.of(r.versionId())).with("arn", Value.of(r.arn()))
                .with("id", Value.of(r.arn() + "|" + r.versionId()));
    }

    /** Every attribute forces replacement, so there is never anything to update. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        return planned;
    }

    /**
     * Secrets Manager cannot delete a version that is current: it goes with its secret. A version no longer
     * current loses its remaining labels, so nothing refers to it.
     */
    @Override
    public void delete(ObjectValue prior) {
        String secret = Attrs.requireString(TYPE, prior, "secret_id");
        String version = Attrs.requireString(TYPE, prior, "version_id");
        SecretsManagerClient sm = aws.secretsManager();
        try {
            var d = sm.describeSecret(b -> b.secretId(secret));
            List<String> stages = d.versionIdsToStages().getOrDefault(version, List.of());
            if (stages.contains(CURRENT)) return;
            for (String stage : stages)
                sm.updateSecretVersionStage(b -> b.secretId(secret).versionStage(stage).removeFromVersionId(version));
        } catch (SdkException e) {
            if (!AwsErrors.isNotFound(e, GONE)) throw AwsErrors.translate("delete", TYPE, secret + "|" + version, e);
        }
    }

    /** The secret's current value; when another version became current, that one (so the value shows as drift). */
    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String secret = Attrs.requireString(TYPE, state, "secret_id");
        return AwsErrors.call("read", TYPE, secret, () -> current(aws.secretsManager(), secret).map(v -> fromValue(state, v)));
    }

    /** Imports by {@code <secret ARN or name>|<version id>}. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        int bar = id.lastIndexOf('|');
        if (bar <= 0) throw ProviderException.of("import", TYPE, id, "the id is <secret ARN or name>|<version id>",
                false, null);
        String secret = id.substring(0, bar);
        String version = id.substring(bar + 1);
        return AwsErrors.call("import", TYPE, id, () -> version(aws.secretsManager(), secret, version)
                .map(v -> fromValue(new ObjectValue(Map.of("secret_id", Value.of(secret))), v)));
    }

    /** The version whose id this key and value give, if the crashed create got as far as making it. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String secret = Attrs.requireString(TYPE, planned, "secret_id");
        String token = token(idempotencyKey, Attrs.requireString(TYPE, planned, "secret_string"));
        return AwsErrors.call("look up", TYPE, secret, () -> version(aws.secretsManager(), secret, token)
                .map(v -> fromValue(planned, v)));
    }

    private static Optional<GetSecretValueResponse> current(SecretsManagerClient sm, String secret) {
        if (SecretsManagerSecretType.describe(sm, secret).isEmpty()) return Optional.empty();
        try {
            return Optional.of(sm.getSecretValue(b -> b.secretId(secret).versionStage(CURRENT)));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    private static Optional<GetSecretValueResponse> version(SecretsManagerClient sm, String secret, String version) {
        if (SecretsManagerSecretType.describe(sm, secret).isEmpty()) return Optional.empty();
        try {
            return Optional.of(sm.getSecretValue(b -> b.secretId(secret).versionId(version)));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    private static ObjectValue fromValue(ObjectValue state, GetSecretValueResponse v) {
        return state.with("secret_string", Value.of(v.secretString()).sensitive()).with("version_id", Value.of(v.versionId()))
                .with("arn", Value.of(v.arn())).with("id", Value.of(v.arn() + "|" + v.versionId()));
    }

    /** A version id (a UUID, as Secrets Manager wants) fixed by the address and the value. */
    static String token(String idempotencyKey, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return UUID.nameUUIDFromBytes((idempotencyKey + "\n" + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.UTF_8))
                    .toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
