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
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code aws_vpc}: a virtual network with its IPv4 range, DNS settings and tags. */
final class VpcType implements ResourceType {
    static final String TYPE = "aws_vpc";
    private static final Set<String> GONE = Set.of("InvalidVpcID.NotFound");
    /** VPC ids per DescribeVpcs call: EC2 takes up to 200 values in one filter. */
    private static final int LIST_BATCH = 200;

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A VPC.", List.of(
            AttributeSchema.required("cidr_block", AttributeType.STRING, "The VPC's IPv4 range, such as \"10.0.0.0/16\".").asForceNew(),
            AttributeSchema.optional("enable_dns_support", AttributeType.BOOL, "Whether the Amazon DNS server resolves (default true)."),
            AttributeSchema.optional("enable_dns_hostnames", AttributeType.BOOL,
                    "Whether instances get public DNS host names (default false)."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the VPC."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The VPC's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The VPC's id (vpc-...)."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The VPC's ARN.")));

    private static final Map<String, Value> DEFAULTS = Map.of("enable_dns_support", Value.TRUE, "enable_dns_hostnames", Value.FALSE);

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    VpcType(AwsClients aws) {
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
                "Invalid value for \"cidr_block\"", TYPE + ".cidr_block must be an IPv4 range such as \"10.0.0.0/16\", got \"" + c + "\".")));
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        Ec2Client ec2 = aws.ec2();
        return AwsErrors.call("create", TYPE, null, () -> {
            Vpc vpc = ec2.createVpc(b -> b.cidrBlock(Attrs.requireString(TYPE, planned, "cidr_block"))
                    .tagSpecifications(Ec2Tags.onCreate("vpc", planned, idempotencyKey))).vpc();
            setDns(ec2, vpc.vpcId(), planned, Optional.empty());
            return withComputed(planned, vpc.vpcId(), vpc.ownerId());
        });
    }

    /** Changes what differs between the VPC as it is now (read again: the prior state may predate drift) and the plan. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String id = Attrs.requireString(TYPE, prior, "id");
        Ec2Client ec2 = aws.ec2();
        AwsErrors.run("update", TYPE, id, () -> {
            ObjectValue current = describe(ec2, id).map(v -> fromVpc(ec2, prior, v)).orElseThrow(() -> AwsErrors.vanished(
                    "update", TYPE, id, "InvalidVpcID.NotFound", "VPC"));
            setDns(ec2, id, planned, Optional.of(current));
            Ec2Tags.update(ec2, id, current, planned);
        });
        return planned.with("id", prior.getOrNull("id")).with("arn", prior.getOrNull("arn"));
    }

    @Override
    public void delete(ObjectValue prior) {
        String id = Attrs.requireString(TYPE, prior, "id");
        try {
            aws.ec2().deleteVpc(b -> b.vpcId(id));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return;
            ProviderException p = AwsErrors.translate("delete", TYPE, id, e);
            if (e instanceof AwsServiceException a && AwsErrors.code(a).equals("DependencyViolation"))
                throw p.withHint("delete the VPC's subnets, security groups and gateways first");
            throw p;
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String id = Attrs.requireString(TYPE, state, "id");
        Ec2Client ec2 = aws.ec2();
        return AwsErrors.call("read", TYPE, id, () -> describe(ec2, id).map(v -> fromVpc(ec2, state, v)));
    }

    @Override
    public int readBatchSize() {
        return LIST_BATCH;
    }

    /**
     * One DescribeVpcs call (filtered by id, so a missing VPC does not fail it) per batch; the DNS settings of each
     * VPC found still take a DescribeVpcAttribute call each, as EC2 returns one attribute of one VPC per call: those are
     * made in parallel.
     */
    @Override
    public List<Optional<ObjectValue>> readAll(List<ObjectValue> states) {
        Ec2Client ec2 = aws.ec2();
        return BatchRead.detailed(TYPE, aws.detailReads("ec2"), states, s -> Attrs.requireString(TYPE, s, "id"), ids -> BatchRead.index(ec2
                        .describeVpcsPaginator(b -> b.filters(Filter.builder().name("vpc-id").values(ids).build())).vpcs(), Vpc::vpcId),
                (s, v) -> Optional.of(fromVpc(ec2, s, v)), GONE);
    }

    /** Imports by VPC id. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        Ec2Client ec2 = aws.ec2();
        return AwsErrors.call("import", TYPE, id, () -> describe(ec2, id).map(v -> fromVpc(ec2, ObjectValue.EMPTY, v)));
    }

    /** Finds the VPC stamped with this key's {@code platctl:address} tag. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        Ec2Client ec2 = aws.ec2();
        return AwsErrors.call("look up", TYPE, null, () -> ec2.describeVpcs(b -> b.filters(Ec2Tags.addressFilter(idempotencyKey)))
                .vpcs().stream().findFirst().map(v -> fromVpc(ec2, planned, v)));
    }

    private static Optional<Vpc> describe(Ec2Client ec2, String id) {
        try {
            return ec2.describeVpcs(b -> b.vpcIds(id)).vpcs().stream().findFirst();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    /** EC2 changes one VPC attribute per call. */
    private static void setDns(Ec2Client ec2, String id, ObjectValue planned, Optional<ObjectValue> current) {
        boolean support = Attrs.bool(planned, "enable_dns_support").orElse(true);
        boolean hostnames = Attrs.bool(planned, "enable_dns_hostnames").orElse(false);
        if (current.flatMap(c -> Attrs.bool(c, "enable_dns_support")).orElse(true) != support)
            ec2.modifyVpcAttribute(b -> b.vpcId(id).enableDnsSupport(v -> v.value(support)));
        if (current.flatMap(c -> Attrs.bool(c, "enable_dns_hostnames")).orElse(false) != hostnames)
            ec2.modifyVpcAttribute(b -> b.vpcId(id).enableDnsHostnames(v -> v.value(hostnames)));
    }

    private ObjectValue fromVpc(Ec2Client ec2, ObjectValue state, Vpc vpc) {
        boolean support = ec2.describeVpcAttribute(b -> b.vpcId(vpc.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                .enableDnsSupport().value();
        boolean hostnames = ec2.describeVpcAttribute(b -> b.vpcId(vpc.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value();
        ObjectValue out = state.with("cidr_block", Value.of(vpc.cidrBlock()))
                .with("enable_dns_support", Value.of(support)).with("enable_dns_hostnames", Value.of(hostnames));
        out = Tags.readInto(out, Ec2Tags.toMap(vpc.tags()), aws.settings().defaultTags());
        return withComputed(out, vpc.vpcId(), vpc.ownerId());
    }

    private ObjectValue withComputed(ObjectValue o, String id, String owner) {
        return o.with("id", Value.of(id))
                .with("arn", Value.of("arn:" + aws.partition() + ":ec2:" + aws.region().id() + ":" + owner + ":vpc/" + id));
    }
}
