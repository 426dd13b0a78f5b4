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
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code aws_dynamodb_table}: a DynamoDB table keyed by a hash key and an optional range key, on-demand or
 * provisioned, with global secondary indexes, TTL, point-in-time recovery and deletion protection; waits for the
 * table and its indexes to be ACTIVE after each change.
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
            AttributeSchema.optional("global_secondary_index", AttributeType.ANY,
                    "Global secondary indexes: blocks or a list of { name, hash_key, hash_key_type, range_key, range_key_type,"
                            + " projection_type (ALL, KEYS_ONLY, INCLUDE), non_key_attributes, read_capacity, write_capacity };"
                            + " added, removed and changed in place, one per UpdateTable call."),
            AttributeSchema.optional("ttl", AttributeType.OBJECT,
                    "Time to live: { attribute_name, enabled (default true) }; items expire at the epoch seconds in that attribute."),
            AttributeSchema.optional("point_in_time_recovery", AttributeType.BOOL, "Continuous backups for 35 days (default false)."),
            AttributeSchema.optional("deletion_protection_enabled", AttributeType.BOOL,
                    "Refuse deletion until this is set to false and applied (default false)."),
            AttributeSchema.optional("timeouts", AttributeType.OBJECT,
                    "How long to wait for the table: { create = \"30m\", update = \"60m\", delete = \"10m\" } (the defaults);"
                            + " update is per index change, as each builds or drops an index."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the table."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The table's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The table's name."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The table's ARN.")));

    private static final Map<String, Value> DEFAULTS = Map.of("hash_key_type", Value.of("S"), "billing_mode", Value.of("PAY_PER_REQUEST"),
            "point_in_time_recovery", Value.FALSE, "deletion_protection_enabled", Value.FALSE, "global_secondary_index", ListValue.EMPTY);
    /** An index is built from the table's items, which can take long on a big table: the update timeout is per change. */
    private static final Timeouts DEFAULT_TIMEOUTS = new Timeouts(Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(10));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;
    private final StatusWaiter waiter;

    DynamoDbTableType(AwsClients aws, StatusWaiter waiter) {
        this.aws = aws;
        this.waiter = waiter;
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
        StringBuilder problem = new StringBuilder();
        Timeouts.of(planned, DEFAULT_TIMEOUTS, problem);
        if (!problem.isEmpty()) diags.add(Diagnostic.error("Invalid value for \"timeouts\"", TYPE + "." + problem + "."));
        Value indexes = planned.getOrNull("global_secondary_index");
        if (indexes.isWhollyKnown() && mode.isPresent()) {
            List<String> problems = new ArrayList<>();
            List<DynamoDbIndexes.Index> parsed = DynamoDbIndexes.parse(indexes, provisioned, problems);
            if (problems.isEmpty()) problems.addAll(DynamoDbIndexes.typeConflicts(tableKeys(planned), parsed));
            problems.forEach(p -> diags.add(Diagnostic.error("Invalid value for \"global_secondary_index\"", TYPE + "." + p + ".")));
            if (problems.isEmpty()) planned = planned.with("global_secondary_index", DynamoDbIndexes.value(parsed));
        }
        Value ttl = planned.getOrNull("ttl");
        if (ttl.isWhollyKnown() && ttl.unmarked() instanceof ObjectValue o) {
            Set<String> unknown = new TreeSet<>(o.attributes().keySet());
            unknown.removeAll(Set.of("attribute_name", "enabled"));
            if (!unknown.isEmpty())
                diags.add(Diagnostic.error("Invalid value for \"ttl\"", TYPE + ".ttl has unsupported attributes " + unknown
                        + "; it has attribute_name and enabled."));
            boolean enabled = Attrs.bool(o, "enabled").orElse(true);
            if (!o.getOrNull("enabled").isNull() && Attrs.bool(o, "enabled").isEmpty())
                diags.add(Diagnostic.error("Invalid value for \"ttl\"", TYPE + ".ttl.enabled must be true or false."));
            Optional<String> attribute = Attrs.string(o, "attribute_name").filter(a -> !a.isEmpty());
            if (enabled && attribute.isEmpty())
                diags.add(Diagnostic.error("Invalid value for \"ttl\"", TYPE + ".ttl.attribute_name is required: the attribute"
                        + " holding each item's expiry time in epoch seconds."));
            planned = planned.with("ttl", enabled ? ttl(attribute.orElse(null)) : Value.NULL);
        }
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String name = Attrs.requireString(TYPE, planned, "name");
        DynamoDbClient ddb = aws.dynamoDb();
        return AwsErrors.call("create", TYPE, name, () -> {
            List<KeySchemaElement> keys = new ArrayList<>();
            keys.add(KeySchemaElement.builder().attributeName(Attrs.requireString(TYPE, planned, "hash_key")).keyType(KeyType.HASH).build());
            Attrs.string(planned, "range_key").ifPresent(k -> keys.add(KeySchemaElement.builder().attributeName(k).keyType(KeyType.RANGE).build()));
            boolean provisioned = Attrs.string(planned, "billing_mode").filter("PROVISIONED"::equals).isPresent();
            List<DynamoDbIndexes.Index> indexes = indexes(planned, provisioned);
            ddb.createTable(b -> {
                b.tableName(name).keySchema(keys).attributeDefinitions(DynamoDbIndexes.definitions(tableKeys(planned), indexes))
                        .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST)
                        .deletionProtectionEnabled(Attrs.bool(planned, "deletion_protection_enabled").orElse(false))
                        .tags(toTags(Tags.onCreate(planned, idempotencyKey)));
                if (provisioned) b.provisionedThroughput(t -> t.readCapacityUnits((long) Attrs.integer(planned, "read_capacity").orElse(1))
                        .writeCapacityUnits((long) Attrs.integer(planned, "write_capacity").orElse(1)));
                if (!indexes.isEmpty()) b.globalSecondaryIndexes(indexes.stream().map(DynamoDbIndexes.Index::forCreateTable).toList());
            });
            TableDescription t = awaitActive(ddb, name, "create", Timeouts.of(planned, DEFAULT_TIMEOUTS, new StringBuilder()).create());
            if (Attrs.bool(planned, "point_in_time_recovery").orElse(false)) setRecovery(ddb, name, true);
            ttlAttribute(planned).ifPresent(a -> setTtl(ddb, name, a, true));
            return planned.with("arn", Value.of(t.tableArn())).with("id", Value.of(name));
        });
    }

    /** Changes what differs between the table as it is now (read again: the prior state may predate drift) and the plan. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        DynamoDbClient ddb = aws.dynamoDb();
        AwsErrors.run("update", TYPE, name, () -> {
            TableDescription t = describe(ddb, name).orElseThrow(() -> AwsErrors.vanished("update", TYPE, name,
                    "ResourceNotFoundException", "table"));
            ObjectValue current = fromTable(ddb, prior, t);
            Duration timeout = Timeouts.of(planned, DEFAULT_TIMEOUTS, new StringBuilder()).update();
            boolean provisioned = Attrs.string(planned, "billing_mode").filter("PROVISIONED"::equals).isPresent();
            boolean toProvisioned = provisioned && changed(current, planned, "billing_mode");
            List<DynamoDbIndexes.Index> had = DynamoDbIndexes.fromTable(t.globalSecondaryIndexes(), attributeTypes(t),
                    Attrs.string(current, "billing_mode").filter("PROVISIONED"::equals).isPresent());
            List<DynamoDbIndexes.Index> want = indexes(planned, provisioned);
            DynamoDbIndexes.Steps steps = DynamoDbIndexes.steps(name, tableKeys(planned), had, want, toProvisioned);
            for (UpdateTableRequest step : steps.deletes()) {
                ddb.updateTable(step);
                awaitActive(ddb, name, "update", timeout);
            }
            UpdateTableRequest.Builder u = UpdateTableRequest.builder().tableName(name);
            boolean change = false;
            if (changed(current, planned, "billing_mode") || changed(current, planned, "read_capacity")
                    || changed(current, planned, "write_capacity")) {
                u.billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
                if (provisioned) u.provisionedThroughput(p -> p.readCapacityUnits((long) Attrs.integer(planned, "read_capacity").orElse(1))
                        .writeCapacityUnits((long) Attrs.integer(planned, "write_capacity").orElse(1)));
                if (toProvisioned) {
                    var capacities = DynamoDbIndexes.capacityUpdates(had, want);
                    if (!capacities.isEmpty()) u.globalSecondaryIndexUpdates(capacities);
                }
                change = true;
            }
            if (changed(current, planned, "deletion_protection_enabled")) {
                u.deletionProtectionEnabled(Attrs.bool(planned, "deletion_protection_enabled").orElse(false));
                change = true;
            }
            if (change) {
                ddb.updateTable(u.build());
                awaitActive(ddb, name, "update", timeout);
            }
            for (UpdateTableRequest step : steps.createsAndUpdates()) {
                ddb.updateTable(step);
                awaitActive(ddb, name, "update", timeout);
            }
            if (changed(current, planned, "point_in_time_recovery"))
                setRecovery(ddb, name, Attrs.bool(planned, "point_in_time_recovery").orElse(false));
            if (changed(current, planned, "ttl")) {
                Optional<String> before = ttlAttribute(current);
                Optional<String> after = ttlAttribute(planned);
                if (before.isPresent()) setTtl(ddb, name, before.get(), false);
                after.ifPresent(a -> setTtl(ddb, name, a, true));
            }
            Set<String> removed = Tags.removed(current, planned);
            if (!removed.isEmpty()) ddb.untagResource(b -> b.resourceArn(t.tableArn()).tagKeys(removed));
            Map<String, String> tags = Tags.changed(current, planned);
            if (!tags.isEmpty()) ddb.tagResource(b -> b.resourceArn(t.tableArn()).tags(toTags(tags)));
        });
        return planned.with("arn", prior.getOrNull("arn")).with("id", Value.of(name));
    }

    /**
     * Deletes and waits, for at most {@code timeouts.delete}, until the table is gone. With deletion protection on,
     * DynamoDB refuses: the error says to turn it off first.
     */
    @Override
    public void delete(ObjectValue prior) {
        String name = Attrs.requireString(TYPE, prior, "name");
        DynamoDbClient ddb = aws.dynamoDb();
        try {
            ddb.deleteTable(b -> b.tableName(name));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return;
            ProviderException p = AwsErrors.translate("delete", TYPE, name, e);
            if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorMessage() != null
                    && a.awsErrorDetails().errorMessage().toLowerCase(Locale.ROOT).replace(" ", "").contains("deletionprotection"))
                throw p.withHint("set deletion_protection_enabled = false, apply, then destroy again");
            throw p;
        }
        Duration timeout = Timeouts.of(prior, DEFAULT_TIMEOUTS, new StringBuilder()).delete();
        AwsErrors.run("delete", TYPE, name, () -> waiter.await(new StatusWaiter.Subject("delete", TYPE, name, "table"),
                () -> describe(ddb, name).map(DynamoDbTableType::status), StatusWaiter.GONE, Set.of(), timeout,
                "DynamoDB may still finish: run platctl plan to see whether the table is gone, or allow longer with timeouts { delete = \"...\" }"));
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String name = Attrs.requireString(TYPE, state, "name");
        DynamoDbClient ddb = aws.dynamoDb();
        return AwsErrors.call("read", TYPE, name, () -> describe(ddb, name).map(t -> fromTable(ddb, state, t)));
    }

    /** Imports by table name; the timeouts, which AWS does not keep, are the defaults. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        DynamoDbClient ddb = aws.dynamoDb();
        ObjectValue seed = new ObjectValue(Map.of("timeouts", Value.NULL));
        return AwsErrors.call("import", TYPE, id, () -> describe(ddb, id).map(t -> fromTable(ddb, seed, t)));
    }

    /** Finds the table by its name and adopts it only when it carries this key's {@code platctl:address} tag. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        DynamoDbClient ddb = aws.dynamoDb();
        // a table's state always holds timeouts (null when not written), as import's does, even when planned lacks the key
        ObjectValue seed = planned.attributes().containsKey("timeouts") ? planned : planned.with("timeouts", Value.NULL);
        return AwsErrors.call("look up", TYPE, name, () -> describe(ddb, name)
                .filter(t -> idempotencyKey.equals(tags(ddb, t.tableArn()).get(Tags.ADDRESS_TAG)))
                .map(t -> fromTable(ddb, seed, t)));
    }

    private static Optional<TableDescription> describe(DynamoDbClient ddb, String name) {
        try {
            return Optional.of(ddb.describeTable(b -> b.tableName(name)).table());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    /**
     * Waits until the table and every index are ACTIVE (an index being deleted counts against that until it is gone):
     * DynamoDB refuses the next index change while one is in progress.
     */
    private TableDescription awaitActive(DynamoDbClient ddb, String name, String verb, Duration timeout) {
        waiter.await(new StatusWaiter.Subject(verb, TYPE, name, "table"), () -> describe(ddb, name).map(DynamoDbTableType::status),
                "ACTIVE", Set.of(), timeout, "DynamoDB may still be building an index from the table's items; plan and apply again"
                        + " once it is ACTIVE, or allow longer with timeouts { " + verb + " = \"...\" }");
        return describe(ddb, name).orElseThrow(() -> ProviderException.of(verb, TYPE, name, "ResourceNotFoundException: the table is gone",
                false, null));
    }

    /** "ACTIVE" when the table and all its indexes are, else what is not: {@code table UPDATING, index by_customer CREATING}. */
    static String status(TableDescription t) {
        List<String> busy = new ArrayList<>();
        if (!"ACTIVE".equals(t.tableStatusAsString())) busy.add("table " + t.tableStatusAsString());
        for (GlobalSecondaryIndexDescription i : t.globalSecondaryIndexes())
            if (!"ACTIVE".equals(i.indexStatusAsString())) busy.add("index " + i.indexName() + " " + i.indexStatusAsString());
        return busy.isEmpty() ? "ACTIVE" : String.join(", ", busy);
    }

    private static Map<String, String> tableKeys(ObjectValue o) {
        Map<String, String> keys = new TreeMap<>();
        Attrs.string(o, "hash_key").ifPresent(k -> keys.put(k, Attrs.string(o, "hash_key_type").orElse("S")));
        Attrs.string(o, "range_key").ifPresent(k -> keys.put(k, Attrs.string(o, "range_key_type").orElse("S")));
        return keys;
    }

    private static List<DynamoDbIndexes.Index> indexes(ObjectValue o, boolean provisioned) {
        List<String> problems = new ArrayList<>();
        List<DynamoDbIndexes.Index> out = DynamoDbIndexes.parse(o.getOrNull("global_secondary_index"), provisioned, problems);
        if (!problems.isEmpty()) throw ProviderException.of("use", TYPE, null, String.join("; ", problems), false, null);
        return out;
    }

    private static Value ttl(String attribute) {
        return Value.object(Map.of("attribute_name", Value.of(attribute), "enabled", Value.TRUE));
    }

    private static Optional<String> ttlAttribute(ObjectValue o) {
        return o.getOrNull("ttl").unmarked() instanceof ObjectValue t ? Attrs.string(t, "attribute_name") : Optional.empty();
    }

    private static void setTtl(DynamoDbClient ddb, String name, String attribute, boolean on) {
        ddb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(s -> s.attributeName(attribute).enabled(on)));
    }

    private static void setRecovery(DynamoDbClient ddb, String name, boolean on) {
        ddb.updateContinuousBackups(b -> b.tableName(name).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(on)));
    }

    private static Map<String, String> tags(DynamoDbClient ddb, String arn) {
        Map<String, String> out = new TreeMap<>();
        ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags().forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    private static Map<String, String> attributeTypes(TableDescription t) {
        Map<String, String> types = new TreeMap<>();
        t.attributeDefinitions().forEach(a -> types.put(a.attributeName(), a.attributeTypeAsString()));
        return types;
    }

    private ObjectValue fromTable(DynamoDbClient ddb, ObjectValue state, TableDescription t) {
        Map<String, String> types = attributeTypes(t);
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
                .with("deletion_protection_enabled", Value.of(Boolean.TRUE.equals(t.deletionProtectionEnabled())))
                .with("global_secondary_index", DynamoDbIndexes.value(DynamoDbIndexes.fromTable(t.globalSecondaryIndexes(), types, provisioned)));
        TimeToLiveDescription ttl = ddb.describeTimeToLive(b -> b.tableName(t.tableName())).timeToLiveDescription();
        boolean expiring = ttl != null && (ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING);
        out = out.with("ttl", expiring ? ttl(ttl.attributeName()) : Value.NULL);
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
