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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code aws_dynamodb_table}: a DynamoDB table keyed by a hash key and an optional range key, on-demand or
 * provisioned, with point-in-time recovery and deletion protection; waits for the table with the SDK's waiters.
 */
final class DynamoDbTableType implements ResourceType {
    static final String TYPE = "aws_dynamodb_table";
    private static final Set<String> GONE = Set.of("ResourceNotFoundException");
    private static final Set<String> KEY_TYPES = Set.of("S", "N", "B");

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A DynamoDB table.", List.of(
            AttributeSchema.required("name", AttributeType.STRING, "The table's name, unique in the region.").asForceNew(),
            AttributeSchema.required("hash_key", AttributeType.STRING, "The partition key's attribute name.").asForceNew(),
            AttributeSchema.optional("hash_key_type", AttributeType.STRING, "S (default), N or B.").asForceNew(),
            AttributeSchema.optional("range_key", AttributeType.STRING, "The sort key's attribute name, if any.").asForceNew(),
            AttributeSchema.optional("range_key_type", AttributeType.STRING, "S (default), N or B.").asForceNew(),
            AttributeSchema.optional("billing_mode", AttributeType.STRING, "PAY_PER_REQUEST (default) or PROVISIONED."),
            AttributeSchema.optional("read_capacity", AttributeType.NUMBER, "Read capacity units; PROVISIONED only."),
            AttributeSchema.optional("write_capacity", AttributeType.NUMBER, "Write capacity units; PROVISIONED only."),
            AttributeSchema.optional("point_in_time_recovery", AttributeType.BOOL, "Continuous backups for 35 days (default false)."),
            AttributeSchema.optional("deletion_protection_enabled", AttributeType.BOOL,
                    "Refuse deletion until this is set to false and applied (default false)."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the table."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The table's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The table's name."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The table's ARN.")));

    private static final Map<String, Value> DEFAULTS = Map.of("hash_key_type", Value.of("S"), "billing_mode", Value.of("PAY_PER_REQUEST"),
            "point_in_time_recovery", Value.FALSE, "deletion_protection_enabled", Value.FALSE);

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    DynamoDbTableType(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        ObjectValue withDefaults = SchemaPlanner.withDefaults(proposed, DEFAULTS);
        if (!proposed.getOrNull("range_key").isNull() && proposed.getOrNull("range_key_type").isNull())
            withDefaults = withDefaults.with("range_key_type", Value.of("S"));
        PlanResult r = planner.plan(prior, withDefaults);
        Diagnostics diags = r.diagnostics();
        ObjectValue planned = r.planned().with("tags_all", Tags.planAll(r.planned(), aws.settings().defaultTags()))
                .with("id", r.planned().getOrNull("name"));
        for (String k : List.of("hash_key_type", "range_key_type"))
            Attrs.string(planned, k).filter(t -> !KEY_TYPES.contains(t)).ifPresent(t -> diags.add(Diagnostic.error(
                    "Invalid value for \"" + k + "\"", TYPE + "." + k + " must be S, N or B, got \"" + t + "\".")));
        Optional<String> mode = Attrs.string(planned, "billing_mode");
        boolean provisioned = mode.filter("PROVISIONED"::equals).isPresent();
        mode.filter(m -> !m.equals("PROVISIONED") && !m.equals("PAY_PER_REQUEST")).ifPresent(m -> diags.add(Diagnostic.error(
                "Invalid value for \"billing_mode\"", TYPE + ".billing_mode must be PAY_PER_REQUEST or PROVISIONED, got \"" + m + "\".")));
        boolean capacity = !planned.getOrNull("read_capacity").isNull() || !planned.getOrNull("write_capacity").isNull();
        if (mode.isPresent() && provisioned != capacity)
            diags.add(Diagnostic.error("Invalid capacity", provisioned
                    ? TYPE + " with billing_mode PROVISIONED needs read_capacity and write_capacity."
                    : TYPE + " sets read_capacity or write_capacity, which only billing_mode = \"PROVISIONED\" uses."));
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String name = Attrs.requireString(TYPE, planned, "name");
        DynamoDbClient ddb = aws.dynamoDb();
        return AwsErrors.call("create", TYPE, idempotencyKey, () -> {
            List<KeySchemaElement> keys = new ArrayList<>();
            List<AttributeDefinition> attributes = new ArrayList<>();
            keys.add(KeySchemaElement.builder().attributeName(Attrs.requireString(TYPE, planned, "hash_key")).keyType(KeyType.HASH).build());
            attributes.add(AttributeDefinition.builder().attributeName(Attrs.requireString(TYPE, planned, "hash_key"))
                    .attributeType(Attrs.string(planned, "hash_key_type").orElse("S")).build());
            Attrs.string(planned, "range_key").ifPresent(k -> {
                keys.add(KeySchemaElement.builder().attributeName(k).keyType(KeyType.RANGE).build());
                attributes.add(AttributeDefinition.builder().attributeName(k)
                        .attributeType(Attrs.string(planned, "range_key_type").orElse("S")).build());
            });
            boolean provisioned = Attrs.string(planned, "billing_mode").filter("PROVISIONED"::equals).isPresent();
            ddb.createTable(b -> {
                b.tableName(name).keySchema(keys).attributeDefinitions(attributes)
                        .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST)
                        .deletionProtectionEnabled(Attrs.bool(planned, "deletion_protection_enabled").orElse(false))
                        .tags(toTags(Tags.onCreate(planned, idempotencyKey)));
                if (provisioned) b.provisionedThroughput(t -> t.readCapacityUnits((long) Attrs.integer(planned, "read_capacity").orElse(1))
                        .writeCapacityUnits((long) Attrs.integer(planned, "write_capacity").orElse(1)));
            });
            TableDescription t = ddb.waiter().waitUntilTableExists(b -> b.tableName(name)).matched().response()
                    .orElseThrow(() -> new ProviderException("cannot create " + TYPE + " " + idempotencyKey
                            + ": the table did not become ACTIVE")).table();
            if (Attrs.bool(planned, "point_in_time_recovery").orElse(false)) setRecovery(ddb, name, true);
            return planned.with("arn", Value.of(t.tableArn())).with("id", Value.of(name));
        });
    }

    /** Changes what differs between the table as it is now (read again: the prior state may predate drift) and the plan. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        DynamoDbClient ddb = aws.dynamoDb();
        AwsErrors.run("update", TYPE, name, () -> {
            TableDescription t = describe(ddb, name).orElseThrow(() -> new ProviderException("cannot update " + TYPE + " " + name
                    + ": ResourceNotFoundException: the table no longer exists; plan again to create it"));
            ObjectValue current = fromTable(ddb, prior, t);
            UpdateTableRequest.Builder u = UpdateTableRequest.builder().tableName(name);
            boolean change = false;
            if (changed(current, planned, "billing_mode") || changed(current, planned, "read_capacity")
                    || changed(current, planned, "write_capacity")) {
                boolean provisioned = Attrs.string(planned, "billing_mode").filter("PROVISIONED"::equals).isPresent();
                u.billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
                if (provisioned) u.provisionedThroughput(p -> p.readCapacityUnits((long) Attrs.integer(planned, "read_capacity").orElse(1))
                        .writeCapacityUnits((long) Attrs.integer(planned, "write_capacity").orElse(1)));
                change = true;
            }
            if (changed(current, planned, "deletion_protection_enabled")) {
                u.deletionProtectionEnabled(Attrs.bool(planned, "deletion_protection_enabled").orElse(false));
                change = true;
            }
            if (change) {
                ddb.updateTable(u.build());
                ddb.waiter().waitUntilTableExists(b -> b.tableName(name));
            }
            if (changed(current, planned, "point_in_time_recovery"))
                setRecovery(ddb, name, Attrs.bool(planned, "point_in_time_recovery").orElse(false));
            Set<String> removed = Tags.removed(current, planned);
            if (!removed.isEmpty()) ddb.untagResource(b -> b.resourceArn(t.tableArn()).tagKeys(removed));
            Map<String, String> tags = Tags.changed(current, planned);
            if (!tags.isEmpty()) ddb.tagResource(b -> b.resourceArn(t.tableArn()).tags(toTags(tags)));
        });
        return planned.with("arn", prior.getOrNull("arn")).with("id", Value.of(name));
    }

    /** With deletion protection on, DynamoDB refuses: the error says to turn it off first. */
    @Override
    public void delete(ObjectValue prior) {
        String name = Attrs.requireString(TYPE, prior, "name");
        DynamoDbClient ddb = aws.dynamoDb();
        try {
            ddb.deleteTable(b -> b.tableName(name));
            ddb.waiter().waitUntilTableNotExists(b -> b.tableName(name));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return;
            ProviderException p = AwsErrors.translate("delete", TYPE, name, e);
            if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorMessage() != null
                    && a.awsErrorDetails().errorMessage().toLowerCase(Locale.ROOT).replace(" ", "").contains("deletionprotection"))
                throw new ProviderException(p.getMessage() + "; set deletion_protection_enabled = false, apply, then destroy again",
                        false, e);
            throw p;
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String name = Attrs.requireString(TYPE, state, "name");
        DynamoDbClient ddb = aws.dynamoDb();
        return AwsErrors.call("read", TYPE, name, () -> describe(ddb, name).map(t -> fromTable(ddb, state, t)));
    }

    /** Imports by table name. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        DynamoDbClient ddb = aws.dynamoDb();
        return AwsErrors.call("import", TYPE, id, () -> describe(ddb, id).map(t -> fromTable(ddb, ObjectValue.EMPTY, t)));
    }

    /** Finds the table by its name and adopts it only when it carries this key's {@code platctl:address} tag. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        DynamoDbClient ddb = aws.dynamoDb();
        return AwsErrors.call("look up", TYPE, idempotencyKey, () -> describe(ddb, name)
                .filter(t -> idempotencyKey.equals(tags(ddb, t.tableArn()).get(Tags.ADDRESS_TAG)))
                .map(t -> fromTable(ddb, planned, t)));
    }

    private static Optional<TableDescription> describe(DynamoDbClient ddb, String name) {
        try {
            return Optional.of(ddb.describeTable(b -> b.tableName(name)).table());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    private static void setRecovery(DynamoDbClient ddb, String name, boolean on) {
        ddb.updateContinuousBackups(b -> b.tableName(name).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(on)));
    }

    private static Map<String, String> tags(DynamoDbClient ddb, String arn) {
        Map<String, String> out = new TreeMap<>();
        ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags().forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    private ObjectValue fromTable(DynamoDbClient ddb, ObjectValue state, TableDescription t) {
        Map<String, String> types = new TreeMap<>();
        t.attributeDefinitions().forEach(a -> types.put(a.attributeName(), a.attributeTypeAsString()));
        String hash = null;
        String range = null;
        for (KeySchemaElement k : t.keySchema()) {
            if (k.keyType() == KeyType.HASH) hash = k.attributeName();
            else range = k.attributeName();
        }
        boolean provisioned = t.billingModeSummary() == null || t.billingModeSummary().billingMode() != BillingMode.PAY_PER_REQUEST;
        ContinuousBackupsDescription backups = ddb.describeContinuousBackups(b -> b.tableName(t.tableName())).continuousBackupsDescription();
        boolean recovery = backups != null && backups.pointInTimeRecoveryDescription() != null
                && backups.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED;
        ObjectValue out = state.with("name", Value.of(t.tableName()))
                .with("hash_key", Value.of(hash)).with("hash_key_type", Value.of(types.get(hash)))
                .with("range_key", Value.of(range)).with("range_key_type", Value.of(range == null ? null : types.get(range)))
                .with("billing_mode", Value.of(provisioned ? "PROVISIONED" : "PAY_PER_REQUEST"))
                .with("read_capacity", provisioned ? Value.of(t.provisionedThroughput().readCapacityUnits()) : Value.NULL)
                .with("write_capacity", provisioned ? Value.of(t.provisionedThroughput().writeCapacityUnits()) : Value.NULL)
                .with("point_in_time_recovery", Value.of(recovery))
                .with("deletion_protection_enabled", Value.of(Boolean.TRUE.equals(t.deletionProtectionEnabled())));
        out = Tags.readInto(out, tags(ddb, t.tableArn()), aws.settings().defaultTags());
        return out.with("id", Value.of(t.tableName())).with("arn", Value.of(t.tableArn()));
    }

    private static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static boolean changed(ObjectValue prior, ObjectValue planned, String name) {
        return !prior.getOrNull(name).unmarked().equals(planned.getOrNull(name).unmarked());
    }
}
