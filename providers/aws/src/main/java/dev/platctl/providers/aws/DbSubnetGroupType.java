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
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.Subnet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@code aws_db_subnet_group}: the subnets (in two zones or more) an RDS database may be placed in. */
final class DbSubnetGroupType implements ResourceType {
    static final String TYPE = "aws_db_subnet_group";
    private static final Set<String> GONE = Set.of("DBSubnetGroupNotFoundFault", "DBSubnetGroupNotFound");
    private static final String DEFAULT_DESCRIPTION = "Managed by platctl";

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "An RDS DB subnet group.", List.of(
            AttributeSchema.required("name", AttributeType.STRING, "The group's name, lower case, unique in the region.").asForceNew(),
            AttributeSchema.required("subnet_ids", AttributeType.LIST, "The ids of the group's subnets; order does not matter."),
            AttributeSchema.optional("description", AttributeType.STRING, "What the group is for (default \"Managed by platctl\")."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the group."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The group's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The group's name."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The group's ARN."),
            AttributeSchema.computed("vpc_id", AttributeType.STRING, "The VPC of the group's subnets.")));

    private static final Map<String, Value> DEFAULTS = Map.of("description", Value.of(DEFAULT_DESCRIPTION));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    DbSubnetGroupType(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    /** Subnet ids are planned sorted, so their order is no change. */
    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, SchemaPlanner.withDefaults(proposed, DEFAULTS));
        Diagnostics diags = r.diagnostics();
        ObjectValue planned = r.planned().with("tags_all", Tags.planAll(r.planned(), aws.settings().defaultTags()))
                .with("id", r.planned().getOrNull("name"));
        Value ids = planned.getOrNull("subnet_ids");
        if (ids.isWhollyKnown() && ids.unmarked() instanceof ListValue) {
            Set<String> sorted = subnetIds(planned);
            planned = planned.with("subnet_ids", Value.list(sorted.stream().map(Value::of).toList()));
            if (sorted.isEmpty())
                diags.add(Diagnostic.error("Invalid value for \"subnet_ids\"", TYPE + ".subnet_ids needs subnets in two zones or more."));
        }
        Attrs.string(planned, "name").filter(n -> !n.matches("[a-z0-9][a-z0-9 ._-]{0,254}")).ifPresent(n -> diags.add(Diagnostic.error(
                "Invalid value for \"name\"", TYPE + ".name must be lower-case letters, digits, spaces, '.', '_' or '-', got \"" + n + "\".")));
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String name = Attrs.requireString(TYPE, planned, "name");
        DBSubnetGroup g = AwsErrors.call("create", TYPE, name, () -> aws.rds().createDBSubnetGroup(b -> b
                .dbSubnetGroupName(name).dbSubnetGroupDescription(Attrs.string(planned, "description").orElse(DEFAULT_DESCRIPTION))
                .subnetIds(subnetIds(planned)).tags(RdsTags.onCreate(planned, idempotencyKey))).dbSubnetGroup());
        return planned.with("id", Value.of(name)).with("arn", Value.of(g.dbSubnetGroupArn())).with("vpc_id", Value.of(g.vpcId()));
    }

    /** Changes what differs between the group as it is now (read again: the prior state may predate drift) and the plan. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        RdsClient rds = aws.rds();
        DBSubnetGroup g = AwsErrors.call("update", TYPE, name, () -> {
            ObjectValue current = describe(rds, name).map(x -> fromGroup(rds, prior, x)).orElseThrow(() -> AwsErrors.vanished(
                    "update", TYPE, name, "DBSubnetGroupNotFoundFault", "group"));
            DBSubnetGroup out = null;
            if (!subnetIds(current).equals(subnetIds(planned)) || changed(current, planned, "description"))
                out = rds.modifyDBSubnetGroup(b -> b.dbSubnetGroupName(name).subnetIds(subnetIds(planned))
                        .dbSubnetGroupDescription(Attrs.string(planned, "description").orElse(DEFAULT_DESCRIPTION))).dbSubnetGroup();
            RdsTags.update(rds, Attrs.requireString(TYPE, prior, "arn"), current, planned);
            return out;
        });
        return planned.with("id", Value.of(name)).with("arn", prior.getOrNull("arn"))
                .with("vpc_id", g != null && g.vpcId() != null ? Value.of(g.vpcId()) : prior.getOrNull("vpc_id"));
    }

    @Override
    public void delete(ObjectValue prior) {
        String name = Attrs.requireString(TYPE, prior, "name");
        try {
            aws.rds().deleteDBSubnetGroup(b -> b.dbSubnetGroupName(name));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return;
            ProviderException p = AwsErrors.translate("delete", TYPE, name, e);
            if (e instanceof AwsServiceException a && AwsErrors.code(a).equals("InvalidDBSubnetGroupStateFault"))
                throw p.withHint("delete the databases placed in the group first");
            throw p;
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String name = Attrs.requireString(TYPE, state, "name");
        RdsClient rds = aws.rds();
        return AwsErrors.call("read", TYPE, name, () -> describe(rds, name).map(g -> fromGroup(rds, state, g)));
    }

    /** One batch: the listing is of the whole region whatever the batch, so a second batch would list it again. */
    @Override
    public int readBatchSize() {
        return Integer.MAX_VALUE;
    }

    /**
     * One paged DescribeDBSubnetGroups listing of the region's groups (RDS takes no name filter there), so one batch holds
     * all of a stack's groups; the tags of each group found still take a ListTagsForResource call each, made in parallel.
     */
    @Override
    public List<Optional<ObjectValue>> readAll(List<ObjectValue> states) {
        RdsClient rds = aws.rds();
        return BatchRead.detailed(TYPE, aws.detailReads("rds"), states, s -> Attrs.requireString(TYPE, s, "name"), names -> BatchRead.index(rds
                .describeDBSubnetGroupsPaginator(b -> { }).dbSubnetGroups(), DBSubnetGroup::dbSubnetGroupName),
                (s, g) -> Optional.of(fromGroup(rds, s, g)), GONE);
    }

    /** Imports by group name. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        RdsClient rds = aws.rds();
        return AwsErrors.call("import", TYPE, id, () -> describe(rds, id).map(g -> fromGroup(rds, ObjectValue.EMPTY, g)));
    }

    /** Finds the group by its name and adopts it only when it carries this key's {@code platctl:address} tag. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "name");
        RdsClient rds = aws.rds();
        return AwsErrors.call("look up", TYPE, name, () -> describe(rds, name)
                .filter(g -> idempotencyKey.equals(RdsTags.of(rds, g.dbSubnetGroupArn()).get(Tags.ADDRESS_TAG)))
                .map(g -> fromGroup(rds, planned, g)));
    }

    private static Optional<DBSubnetGroup> describe(RdsClient rds, String name) {
        try {
            return rds.describeDBSubnetGroups(b -> b.dbSubnetGroupName(name)).dbSubnetGroups().stream().findFirst();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    private ObjectValue fromGroup(RdsClient rds, ObjectValue state, DBSubnetGroup g) {
        Set<String> ids = new TreeSet<>(g.subnets().stream().map(Subnet::subnetIdentifier).toList());
        ObjectValue out = state.with("name", Value.of(g.dbSubnetGroupName()))
                .with("description", Value.of(g.dbSubnetGroupDescription()))
                .with("subnet_ids", Value.list(ids.stream().map(Value::of).toList()));
        out = Tags.readInto(out, RdsTags.of(rds, g.dbSubnetGroupArn()), aws.settings().defaultTags());
        return out.with("id", Value.of(g.dbSubnetGroupName())).with("arn", Value.of(g.dbSubnetGroupArn()))
                .with("vpc_id", Value.of(g.vpcId()));
    }

    private static Set<String> subnetIds(ObjectValue o) {
        Set<String> out = new TreeSet<>();
        if (o.getOrNull("subnet_ids").unmarked() instanceof ListValue l)
            for (Value v : l.items()) if (v instanceof StringValue s) out.add(s.value());
        return out;
    }

    private static boolean changed(ObjectValue prior, ObjectValue planned, String name) {
        return !prior.getOrNull(name).unmarked().equals(planned.getOrNull(name).unmarked());
    }
}
