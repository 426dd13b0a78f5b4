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
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code aws_db_instance}: an RDS database instance; waits for it to become available after create and
 * modify, refuses to plan shrinking storage or downgrading the engine, and keeps the master password
 * sensitive (RDS never returns it, so the state holds the last one set).
 */
final class DbInstanceType implements ResourceType {
    static final String TYPE = "aws_db_instance";
    private static final Set<String> GONE = Set.of("DBInstanceNotFound", "DBInstanceNotFoundFault");
    private static final Set<String> FAILED = Set.of("failed", "incompatible-parameters", "incompatible-network",
            "incompatible-restore", "inaccessible-encryption-credentials", "storage-full", "restore-error");
    private static final Timeouts DEFAULT_TIMEOUTS = new Timeouts(Duration.ofMinutes(40), Duration.ofMinutes(80), Duration.ofMinutes(60));

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "An RDS database instance.", List.of(
            AttributeSchema.required("identifier", AttributeType.STRING, "The instance's name, unique in the region.").asForceNew(),
            AttributeSchema.required("engine", AttributeType.STRING, "The engine: postgres, mysql, mariadb...").asForceNew(),
            AttributeSchema.optional("engine_version", AttributeType.STRING,
                    "The engine version, such as \"16.3\"; changed in place, upgrades only; default: AWS's.").asOptionalComputed(),
            AttributeSchema.required("instance_class", AttributeType.STRING, "The instance class, such as \"db.t3.micro\"."),
            AttributeSchema.required("allocated_storage", AttributeType.NUMBER, "Storage in GiB; grows in place, never shrinks."),
            AttributeSchema.optional("storage_encrypted", AttributeType.BOOL, "Encrypt storage at rest (default false).").asForceNew(),
            AttributeSchema.optional("kms_key_id", AttributeType.STRING,
                    "The KMS key ARN encrypting storage; default: the account's aws/rds key.").asForceNew().asOptionalComputed(),
            AttributeSchema.optional("deletion_protection", AttributeType.BOOL,
                    "Refuse deletion until this is set to false and applied (default false)."),
            AttributeSchema.optional("backup_retention_period", AttributeType.NUMBER, "Days of automated backups, 0 to 35 (default 1)."),
            AttributeSchema.optional("multi_az", AttributeType.BOOL, "A standby in another zone (default false)."),
            AttributeSchema.optional("iam_database_authentication_enabled", AttributeType.BOOL,
                    "Let IAM users and roles log in with tokens (default false)."),
            AttributeSchema.optional("publicly_accessible", AttributeType.BOOL, "Give the instance a public address (default false)."),
            AttributeSchema.optional("db_subnet_group_name", AttributeType.STRING,
                    "The DB subnet group placing the instance; default: the default VPC's.").asOptionalComputed(),
            AttributeSchema.optional("vpc_security_group_ids", AttributeType.LIST,
                    "Security groups of the instance; order does not matter; default: the VPC's default group.").asOptionalComputed(),
            AttributeSchema.optional("db_name", AttributeType.STRING, "A database created with the instance.").asForceNew(),
            AttributeSchema.required("username", AttributeType.STRING, "The master user's name.").asForceNew(),
            AttributeSchema.optional("password", AttributeType.STRING,
                    "The master user's password; sensitive; needed to create. RDS never returns it.").asSensitive(),
            AttributeSchema.optional("skip_final_snapshot", AttributeType.BOOL,
                    "Delete without a final snapshot (default false: a snapshot named final_snapshot_identifier is taken)."),
            AttributeSchema.optional("final_snapshot_identifier", AttributeType.STRING,
                    "The name of the final snapshot (default \"<identifier>-final\")."),
            AttributeSchema.optional("timeouts", AttributeType.OBJECT,
                    "How long to wait for the instance: { create = \"40m\", update = \"80m\", delete = \"60m\" } (the defaults)."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the instance."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The instance's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The instance's identifier."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The instance's ARN."),
            AttributeSchema.computed("address", AttributeType.STRING, "The host name to connect to."),
            AttributeSchema.computed("port", AttributeType.NUMBER, "The port to connect to."),
            AttributeSchema.computed("endpoint", AttributeType.STRING, "address:port."),
            AttributeSchema.computed("status", AttributeType.STRING, "RDS's status of the instance, such as \"available\".")));

    private static final Map<String, Value> DEFAULTS = Map.of("storage_encrypted", Value.FALSE, "deletion_protection", Value.FALSE,
            "backup_retention_period", Value.of(1), "multi_az", Value.FALSE, "iam_database_authentication_enabled", Value.FALSE,
            "publicly_accessible", Value.FALSE, "skip_final_snapshot", Value.FALSE);

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;
    private final StatusWaiter waiter;

    DbInstanceType(AwsClients aws, StatusWaiter waiter) {
        this.aws = aws;
        this.waiter = waiter;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, SchemaPlanner.withDefaults(proposed, DEFAULTS));
        Diagnostics diags = r.diagnostics();
        ObjectValue planned = r.planned().with("tags_all", Tags.planAll(r.planned(), aws.settings().defaultTags()))
                .with("id", r.planned().getOrNull("identifier"));
        Value groups = planned.getOrNull("vpc_security_group_ids");
        if (groups.isWhollyKnown() && groups.unmarked() instanceof ListValue) {
            Set<String> sorted = strings(planned, "vpc_security_group_ids");
            planned = planned.with("vpc_security_group_ids", Value.list(sorted.stream().map(Value::of).toList()));
        }
        if (prior.isEmpty() && planned.getOrNull("password").isNull())
            diags.add(Diagnostic.error("Missing required attribute \"password\"", TYPE + " needs password to create the instance."));
        StringBuilder problem = new StringBuilder();
        Timeouts.of(planned, DEFAULT_TIMEOUTS, problem);
        if (!problem.isEmpty()) diags.add(Diagnostic.error("Invalid value for \"timeouts\"", TYPE + "." + problem + "."));
        Optional<Integer> storage = Attrs.integer(planned, "allocated_storage");
        if (storage.isPresent() && (storage.get() < 5 || storage.get() > 65_536))
            diags.add(Diagnostic.error("Invalid value for \"allocated_storage\"",
                    TYPE + ".allocated_storage must be a whole number of GiB from 5 to 65536, got " + storage.get() + "."));
        Optional<Integer> retention = Attrs.integer(planned, "backup_retention_period");
        if (retention.isPresent() && (retention.get() < 0 || retention.get() > 35))
            diags.add(Diagnostic.error("Invalid value for \"backup_retention_period\"",
                    TYPE + ".backup_retention_period must be from 0 to 35 days, got " + retention.get() + "."));
        if (prior.isPresent() && r.requiresReplace().isEmpty()) {
            Optional<Integer> before = Attrs.integer(prior.get(), "allocated_storage");
            if (before.isPresent() && storage.isPresent() && storage.get() < before.get())
                diags.add(Diagnostic.error("Cannot shrink \"allocated_storage\"", TYPE + ".allocated_storage can only grow: RDS cannot"
                        + " shrink storage from " + before.get() + " to " + storage.get() + " GiB. Keep " + before.get()
                        + ", or move the data to a new instance (a new identifier)."));
            Optional<String> was = Attrs.string(prior.get(), "engine_version");
            Optional<String> now = Attrs.string(planned, "engine_version");
            if (was.isPresent() && now.isPresent() && EngineVersions.compare(now.get(), was.get()) < 0)
                diags.add(Diagnostic.error("Cannot downgrade \"engine_version\"", TYPE + ".engine_version can only be upgraded in place:"
                        + " RDS cannot go from " + was.get() + " to " + now.get() + ". Keep " + was.get()
                        + ", or restore a snapshot into a new instance (a new identifier)."));
        }
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String id = Attrs.requireString(TYPE, planned, "identifier");
        RdsClient rds = aws.rds();
        Timeouts timeouts = Timeouts.of(planned, DEFAULT_TIMEOUTS, new StringBuilder());
        return secret(planned, () -> AwsErrors.call("create", TYPE, id, () -> {
            rds.createDBInstance(b -> b.dbInstanceIdentifier(id)
                    .engine(Attrs.requireString(TYPE, planned, "engine"))
                    .engineVersion(Attrs.string(planned, "engine_version").orElse(null))
                    .dbInstanceClass(Attrs.requireString(TYPE, planned, "instance_class"))
                    .allocatedStorage(Attrs.integer(planned, "allocated_storage").orElse(null))
                    .storageEncrypted(Attrs.bool(planned, "storage_encrypted").orElse(false))
                    .kmsKeyId(Attrs.string(planned, "kms_key_id").orElse(null))
                    .deletionProtection(Attrs.bool(planned, "deletion_protection").orElse(false))
                    .backupRetentionPeriod(Attrs.integer(planned, "backup_retention_period").orElse(1))
                    .multiAZ(Attrs.bool(planned, "multi_az").orElse(false))
                    .enableIAMDatabaseAuthentication(Attrs.bool(planned, "iam_database_authentication_enabled").orElse(false))
                    .publiclyAccessible(Attrs.bool(planned, "publicly_accessible").orElse(false))
                    .dbSubnetGroupName(Attrs.string(planned, "db_subnet_group_name").orElse(null))
                    .vpcSecurityGroupIds(strings(planned, "vpc_security_group_ids").isEmpty() ? null : strings(planned, "vpc_security_group_ids"))
                    .dbName(Attrs.string(planned, "db_name").orElse(null))
                    .masterUsername(Attrs.requireString(TYPE, planned, "username"))
                    .masterUserPassword(Attrs.requireString(TYPE, planned, "password"))
                    .tags(RdsTags.onCreate(planned, idempotencyKey)));
            awaitAvailable(rds, "create", id, timeouts.create());
            DBInstance db = describe(rds, id).orElseThrow(() -> ProviderException.of("create", TYPE, id,
                    "DBInstanceNotFound: RDS does not find the instance it just made available", false, null));
            return fromInstance(planned, db);
        }));
    }

    /**
     * Modifies, applying at once, what differs between the instance as it is now (read again: the prior state
     * may predate drift) and the plan, then waits for it to be available again.
     */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String id = Attrs.requireString(TYPE, planned, "identifier");
        RdsClient rds = aws.rds();
        Timeouts timeouts = Timeouts.of(planned, DEFAULT_TIMEOUTS, new StringBuilder());
        return secret(planned, () -> AwsErrors.call("update", TYPE, id, () -> {
            DBInstance before = describe(rds, id).orElseThrow(() -> AwsErrors.vanished("update", TYPE, id,
                    "DBInstanceNotFound", "instance"));
            ObjectValue current = fromInstance(prior, before);
            ModifyDbInstanceRequest.Builder m = ModifyDbInstanceRequest.builder().dbInstanceIdentifier(id).applyImmediately(true);
            boolean modify = false;
            if (changed(current, planned, "engine_version")) {
                String version = Attrs.requireString(TYPE, planned, "engine_version");
                m.engineVersion(version).allowMajorVersionUpgrade(!EngineVersions.sameMajor(version,
                        Attrs.string(current, "engine_version").orElse(version)));
                modify = true;
            }
            if (changed(current, planned, "instance_class")) {
                m.dbInstanceClass(Attrs.requireString(TYPE, planned, "instance_class"));
                modify = true;
            }
            if (changed(current, planned, "allocated_storage")) {
                m.allocatedStorage(Attrs.integer(planned, "allocated_storage").orElseThrow());
                modify = true;
            }
            if (changed(current, planned, "deletion_protection")) {
                m.deletionProtection(Attrs.bool(planned, "deletion_protection").orElse(false));
                modify = true;
            }
            if (changed(current, planned, "backup_retention_period")) {
                m.backupRetentionPeriod(Attrs.integer(planned, "backup_retention_period").orElse(1));
                modify = true;
            }
            if (changed(current, planned, "multi_az")) {
                m.multiAZ(Attrs.bool(planned, "multi_az").orElse(false));
                modify = true;
            }
            if (changed(current, planned, "iam_database_authentication_enabled")) {
                m.enableIAMDatabaseAuthentication(Attrs.bool(planned, "iam_database_authentication_enabled").orElse(false));
                modify = true;
            }
            if (changed(current, planned, "publicly_accessible")) {
                m.publiclyAccessible(Attrs.bool(planned, "publicly_accessible").orElse(false));
                modify = true;
            }
            if (changed(current, planned, "db_subnet_group_name") && Attrs.string(planned, "db_subnet_group_name").isPresent()) {
                m.dbSubnetGroupName(Attrs.requireString(TYPE, planned, "db_subnet_group_name"));
                modify = true;
            }
            if (!strings(current, "vpc_security_group_ids").equals(strings(planned, "vpc_security_group_ids"))
                    && !strings(planned, "vpc_security_group_ids").isEmpty()) {
                m.vpcSecurityGroupIds(strings(planned, "vpc_security_group_ids"));
                modify = true;
            }
            if (changed(prior, planned, "password") && Attrs.string(planned, "password").isPresent()) {
                m.masterUserPassword(Attrs.requireString(TYPE, planned, "password"));
                modify = true;
            }
            if (modify) {
                rds.modifyDBInstance(m.build());
                awaitAvailable(rds, "update", id, timeouts.update());
            }
            RdsTags.update(rds, before.dbInstanceArn(), current, planned);
            DBInstance after = describe(rds, id).orElse(before);
            return computed(planned, after);
        }));
    }

    /**
     * Deletes and waits until the instance is gone. With deletion protection on, RDS refuses: the error says to
     * turn it off first, since destroying a protected database should take two deliberate steps.
     */
    @Override
    public void delete(ObjectValue prior) {
        String id = Attrs.requireString(TYPE, prior, "identifier");
        RdsClient rds = aws.rds();
        boolean skip = Attrs.bool(prior, "skip_final_snapshot").orElse(false);
        String snapshot = Attrs.string(prior, "final_snapshot_identifier").orElse(id + "-final");
        try {
            rds.deleteDBInstance(b -> b.dbInstanceIdentifier(id).skipFinalSnapshot(skip)
                    .finalDBSnapshotIdentifier(skip ? null : snapshot));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return;
            ProviderException p = AwsErrors.translate("delete", TYPE, id, e);
            if (e instanceof AwsServiceException a && isDeletionProtection(a, prior))
                throw p.withReason("deletion protection is on. Set deletion_protection = false, apply, then destroy again"
                        + " (RDS said: " + ProviderException.reasonOf(p) + ")");
            throw p;
        }
        Timeouts timeouts = Timeouts.of(prior, DEFAULT_TIMEOUTS, new StringBuilder());
        AwsErrors.run("delete", TYPE, id, () -> waiter.await(new StatusWaiter.Subject("delete", TYPE, id, "instance"),
                () -> describe(rds, id).map(DBInstance::dbInstanceStatus), StatusWaiter.GONE, FAILED, timeouts.delete(),
                hint("delete")));
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String id = Attrs.requireString(TYPE, state, "identifier");
        RdsClient rds = aws.rds();
        return AwsErrors.call("read", TYPE, id, () -> describe(rds, id).map(db -> fromInstance(state, db)));
    }

    /** One batch: the listing is of the whole region whatever the batch, so a second batch would list it again. */
    @Override
    public int readBatchSize() {
        return Integer.MAX_VALUE;
    }

    /** One paged DescribeDBInstances of the region's instances (tags included) instead of one call per instance. */
    @Override
    public List<Optional<ObjectValue>> readAll(List<ObjectValue> states) {
        return BatchRead.listed(TYPE, states, s -> Attrs.requireString(TYPE, s, "identifier"), ids -> BatchRead.index(aws.rds()
                .describeDBInstancesPaginator(b -> { }).dbInstances(), DBInstance::dbInstanceIdentifier), this::fromInstance);
    }

    /** Imports by instance identifier; the password is unknown to RDS, so the next plan sets it. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        RdsClient rds = aws.rds();
        ObjectValue seed = new ObjectValue(Map.of("skip_final_snapshot", Value.FALSE, "password", Value.NULL));
        return AwsErrors.call("import", TYPE, id, () -> describe(rds, id).map(db -> fromInstance(seed, db)));
    }

    /** Finds the instance by its identifier and adopts it only when it carries this key's {@code platctl:address} tag. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String id = Attrs.requireString(TYPE, planned, "identifier");
        RdsClient rds = aws.rds();
        return AwsErrors.call("look up", TYPE, id, () -> describe(rds, id)
                .filter(db -> idempotencyKey.equals(RdsTags.toMap(db.tagList()).get(Tags.ADDRESS_TAG)))
                .map(db -> fromInstance(planned, db)));
    }

    /** Waits after {@code verb} (create or update, also the name of its timeout) until the instance is available. */
    private void awaitAvailable(RdsClient rds, String verb, String id, Duration timeout) {
        waiter.await(new StatusWaiter.Subject(verb, TYPE, id, "instance"), () -> describe(rds, id).map(DBInstance::dbInstanceStatus),
                "available", FAILED, timeout, hint(verb));
    }

    private static String hint(String which) {
        return "RDS may still finish: run platctl plan to see where it is, or allow longer with timeouts { " + which + " = \"...\" }";
    }

    private static boolean isDeletionProtection(AwsServiceException a, ObjectValue prior) {
        String message = a.awsErrorDetails() == null || a.awsErrorDetails().errorMessage() == null ? ""
                : a.awsErrorDetails().errorMessage().toLowerCase(Locale.ROOT);
        return AwsErrors.code(a).equals("InvalidParameterCombination")
                && (message.contains("protection") || Attrs.bool(prior, "deletion_protection").orElse(false));
    }

    private static Optional<DBInstance> describe(RdsClient rds, String id) {
        try {
            return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    /** The state for what RDS holds; the password is the state's, which RDS never returns. */
    private ObjectValue fromInstance(ObjectValue state, DBInstance db) {
        ObjectValue out = state.with("identifier", Value.of(db.dbInstanceIdentifier()))
                .with("engine", Value.of(db.engine()))
                .with("engine_version", Value.of(db.engineVersion()))
                .with("instance_class", Value.of(db.dbInstanceClass()))
                .with("allocated_storage", db.allocatedStorage() == null ? Value.NULL : Value.of(db.allocatedStorage()))
                .with("storage_encrypted", Value.of(Boolean.TRUE.equals(db.storageEncrypted())))
                .with("kms_key_id", Value.of(db.kmsKeyId()))
                .with("deletion_protection", Value.of(Boolean.TRUE.equals(db.deletionProtection())))
                .with("backup_retention_period", Value.of(db.backupRetentionPeriod() == null ? 0 : db.backupRetentionPeriod()))
                .with("multi_az", Value.of(Boolean.TRUE.equals(db.multiAZ())))
                .with("iam_database_authentication_enabled", Value.of(Boolean.TRUE.equals(db.iamDatabaseAuthenticationEnabled())))
                .with("publicly_accessible", Value.of(Boolean.TRUE.equals(db.publiclyAccessible())))
                .with("db_subnet_group_name", Value.of(db.dbSubnetGroup() == null ? null : db.dbSubnetGroup().dbSubnetGroupName()))
                .with("vpc_security_group_ids", Value.list(new TreeSet<>(db.vpcSecurityGroups().stream()
                        .map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList()).stream().map(Value::of).toList()))
                .with("db_name", Value.of(db.dbName()))
                .with("username", Value.of(db.masterUsername()));
        if (!out.getOrNull("password").isNull()) out = out.with("password", out.getOrNull("password").unwrap().sensitive());
        out = Tags.readInto(out, RdsTags.toMap(db.tagList()), aws.settings().defaultTags());
        return computed(out, db);
    }

    private static ObjectValue computed(ObjectValue o, DBInstance db) {
        String address = db.endpoint() == null ? null : db.endpoint().address();
        Integer port = db.endpoint() == null ? null : db.endpoint().port();
        return o.with("id", Value.of(db.dbInstanceIdentifier())).with("arn", Value.of(db.dbInstanceArn()))
                .with("address", Value.of(address)).with("port", port == null ? Value.NULL : Value.of(port))
                .with("endpoint", Value.of(address == null ? null : address + ":" + port))
                .with("status", Value.of(db.dbInstanceStatus()));
    }

    /** Runs a call that sends the password; an error that quotes it has it replaced, so it never reaches a log. */
    private static <T> T secret(ObjectValue planned, Supplier<T> call) {
        Optional<String> password = Attrs.string(planned, "password").filter(p -> !p.isEmpty());
        try {
            return call.get();
        } catch (ProviderException e) {
            if (password.isEmpty() || e.getMessage() == null || !e.getMessage().contains(password.get())) throw e;
            throw e.redacted(password.get(), "(sensitive value)");
        }
    }

    private static Set<String> strings(ObjectValue o, String name) {
        Set<String> out = new TreeSet<>();
        if (o.getOrNull(name).unmarked() instanceof ListValue l)
            for (Value v : l.items()) if (v instanceof StringValue s) out.add(s.value());
        return out;
    }

    private static boolean changed(ObjectValue prior, ObjectValue planned, String name) {
        return !prior.getOrNull(name).unmarked().equals(planned.getOrNull(name).unmarked());
    }
}
