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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code aws_subnet}: an IPv4 range of a VPC in one availability zone. */
final class SubnetType implements ResourceType {
    static final String TYPE = "aws_subnet";
    private static final Set<String> GONE = Set.of("InvalidSubnetID.NotFound");
    /** Subnet ids per DescribeSubnets call: EC2 takes up to 200 values in one filter. */
    private static final int LIST_BATCH = 200;

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A subnet of a VPC.", List.of(
            AttributeSchema.required("vpc_id", AttributeType.STRING, "The id of the VPC the subnet is in.").asForceNew(),
            AttributeSchema.required("cidr_block", AttributeType.STRING, "The subnet's IPv4 range, inside the VPC's.").asForceNew(),
            AttributeSchema.optional("availability_zone", AttributeType.STRING,
                    "The zone, such as \"eu-west-1a\"; default: one AWS picks.").asForceNew().asOptionalComputed(),
            AttributeSchema.optional("map_public_ip_on_launch", AttributeType.BOOL,
                    "Whether instances launched here get a public IP address (default false)."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the subnet."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The subnet's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The subnet's id (subnet-...)."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The subnet's ARN.")));

    private static final Map<String, Value> DEFAULTS = Map.of("map_public_ip_on_launch", Value.FALSE);

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    SubnetType(AwsClients aws) {
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
        Attrs.string(planned, "cidr_block").filter(c -> !Cidrs.isIpv4(c)).ifPresent(c -> diags.add(Diagnostic.error(
                "Invalid value for \"cidr_block\"", TYPE + ".cidr_block must be an IPv4 range such as \"10.0.1.0/24\", got \"" + c + "\".")));
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        Ec2Client ec2 = aws.ec2();
        return AwsErrors.call("create", TYPE, null, () -> {
            Subnet subnet = ec2.createSubnet(b -> b.vpcId(Attrs.requireString(TYPE, planned, "vpc_id"))
                    .cidrBlock(Attrs.requireString(TYPE, planned, "cidr_block"))
                    .availabilityZone(Attrs.string(planned, "availability_zone").orElse(null))
                    .tagSpecifications(Ec2Tags.onCreate("subnet", planned, idempotencyKey))).subnet();
            if (Attrs.bool(planned, "map_public_ip_on_launch").orElse(false)) setPublicIp(ec2, subnet.subnetId(), true);
            return withComputed(planned.with("availability_zone", Value.of(subnet.availabilityZone())), subnet);
        });
    }

    /** Changes what differs between the subnet as it is now (read again: the prior state may predate drift) and the plan. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String id = Attrs.requireString(TYPE, prior, "id");
        Ec2Client ec2 = aws.ec2();
        AwsErrors.run("update", TYPE, id, () -> {
            ObjectValue current = describe(ec2, id).map(s -> fromSubnet(prior, s)).orElseThrow(() -> AwsErrors.vanished(
                    "update", TYPE, id, "InvalidSubnetID.NotFound", "subnet"));
            boolean publicIp = Attrs.bool(planned, "map_public_ip_on_launch").orElse(false);
            if (Attrs.bool(current, "map_public_ip_on_launch").orElse(false) != publicIp) setPublicIp(ec2, id, publicIp);
            Ec2Tags.update(ec2, id, current, planned);
        });
        return planned.with("id", prior.getOrNull("id")).with("arn", prior.getOrNull("arn"));
    }

    @Override
    public void delete(ObjectValue prior) {
        String id = Attrs.requireString(TYPE, prior, "id");
        try {
            aws.ec2().deleteSubnet(b -> b.subnetId(id));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return;
            ProviderException p = AwsErrors.translate("delete", TYPE, id, e);
            if (e instanceof AwsServiceException a && AwsErrors.code(a).equals("DependencyViolation"))
                throw p.withHint("delete what runs in the subnet (instances, network interfaces, DB subnet groups) first");
            throw p;
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String id = Attrs.requireString(TYPE, state, "id");
        return AwsErrors.call("read", TYPE, id, () -> describe(aws.ec2(), id).map(s -> fromSubnet(state, s)));
    }

    @Override
    public int readBatchSize() {
        return LIST_BATCH;
    }

    /** One DescribeSubnets call (filtered by id, so a missing subnet does not fail it) per batch. */
    @Override
    public List<Optional<ObjectValue>> readAll(List<ObjectValue> states) {
        return BatchRead.listed(TYPE, states, s -> Attrs.requireString(TYPE, s, "id"), ids -> BatchRead.index(aws.ec2()
                .describeSubnetsPaginator(b -> b.filters(Filter.builder().name("subnet-id").values(ids).build())).subnets(),
                Subnet::subnetId), this::fromSubnet);
    }

    /** Imports by subnet id. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        return AwsErrors.call("import", TYPE, id, () -> describe(aws.ec2(), id).map(s -> fromSubnet(ObjectValue.EMPTY, s)));
    }

    /** Finds the subnet stamped with this key's {@code platctl:address} tag. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        return AwsErrors.call("look up", TYPE, null, () -> aws.ec2()
                .describeSubnets(b -> b.filters(Ec2Tags.addressFilter(idempotencyKey)))
                .subnets().stream().findFirst().map(s -> fromSubnet(planned, s)));
    }

    private static Optional<Subnet> describe(Ec2Client ec2, String id) {
        try {
            return ec2.describeSubnets(b -> b.subnetIds(id)).subnets().stream().findFirst();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    private static void setPublicIp(Ec2Client ec2, String id, boolean on) {
        ec2.modifySubnetAttribute(b -> b.subnetId(id).mapPublicIpOnLaunch(v -> v.value(on)));
    }

    private ObjectValue fromSubnet(ObjectValue state, Subnet s) {
        ObjectValue out = state.with("vpc_id", Value.of(s.vpcId())).with("cidr_block", Value.of(s.cidrBlock()))
                .with("availability_zone", Value.of(s.availabilityZone()))
                .with("map_public_ip_on_launch", Value.of(Boolean.TRUE.equals(s.mapPublicIpOnLaunch())));
        return withComputed(Tags.readInto(out, Ec2Tags.toMap(s.tags()), aws.settings().defaultTags()), s);
    }

    private ObjectValue withComputed(ObjectValue o, Subnet s) {
        String arn = s.subnetArn() != null ? s.subnetArn()
                : "arn:" + aws.partition() + ":ec2:" + aws.region().id() + ":" + s.ownerId() + ":subnet/" + s.subnetId();
        return o.with("id", Value.of(s.subnetId())).with("arn", Value.of(arn));
    }
}
