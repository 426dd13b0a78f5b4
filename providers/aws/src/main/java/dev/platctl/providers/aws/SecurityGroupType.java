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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code aws_security_group}: a VPC security group whose ingress and egress rules (from CIDR ranges, other
 * groups or the group itself) are compared as sets; the rules are exactly those written (EC2's default
 * allow-all egress rule is removed unless written).
 */
final class SecurityGroupType implements ResourceType {
    static final String TYPE = "aws_security_group";
    private static final Set<String> GONE = Set.of("InvalidGroup.NotFound");
    private static final int LIST_BATCH = 200;

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A VPC security group.", List.of(
            AttributeSchema.required("name", AttributeType.STRING, "The group's name, unique in its VPC.").asForceNew(),
            AttributeSchema.optional("description", AttributeType.STRING,
                    "What the group is for (default \"Managed by platctl\").").asForceNew(),
            AttributeSchema.required("vpc_id", AttributeType.STRING, "The id of the VPC the group belongs to.").asForceNew(),
            AttributeSchema.optional("ingress", AttributeType.ANY,
                    "Inbound rules: blocks or a list of { protocol, from_port, to_port, cidr_blocks, security_groups, self,"
                            + " description }; each needs a source (CIDR ranges, other groups' ids, or self = true); default none."),
            AttributeSchema.optional("egress", AttributeType.ANY,
                    "Outbound rules, written like ingress; default none (write protocol = \"-1\" to 0.0.0.0/0 to allow all)."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the group."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The group's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The group's id (sg-...)."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The group's ARN.")));

    private static final Map<String, Value> DEFAULTS = Map.of("description", Value.of("Managed by platctl"),
            "ingress", ListValue.EMPTY, "egress", ListValue.EMPTY);

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    SecurityGroupType(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    /** Rules are planned in their canonical form, so order and splitting are no change. */
    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, SchemaPlanner.withDefaults(proposed, DEFAULTS));
        Diagnostics diags = r.diagnostics();
        ObjectValue planned = r.planned().with("tags_all", Tags.planAll(r.planned(), aws.settings().defaultTags()));
        for (String direction : List.of("ingress", "egress")) {
            Value rules = planned.getOrNull(direction);
            if (!rules.isWhollyKnown()) continue;
            List<String> problems = new ArrayList<>();
            Set<SecurityGroupRules.Atom> atoms = SecurityGroupRules.atoms(rules, direction, problems);
            problems.forEach(p -> diags.add(Diagnostic.error("Invalid value for \"" + direction + "\"", TYPE + "." + p + ".")));
            planned = planned.with(direction, SecurityGroupRules.value(atoms));
        }
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        Ec2Client ec2 = aws.ec2();
        String name = Attrs.requireString(TYPE, planned, "name");
        return AwsErrors.call("create", TYPE, name, () -> {
            String id = ec2.createSecurityGroup(b -> b.groupName(name)
                    .description(Attrs.string(planned, "description").orElse("Managed by platctl"))
                    .vpcId(Attrs.requireString(TYPE, planned, "vpc_id"))
                    .tagSpecifications(Ec2Tags.onCreate("security-group", planned, idempotencyKey))).groupId();
            SecurityGroup created = describe(ec2, id).orElseThrow(() -> ProviderException.of("create", TYPE, id,
                    "InvalidGroup.NotFound: EC2 does not find the group " + id + " it just created", false, null));
            reconcile(ec2, id, created, planned);
            return withComputed(planned, created);
        });
    }

    /** Changes what differs between the group as it is now (read again: the prior state may predate drift) and the plan. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String id = Attrs.requireString(TYPE, prior, "id");
        Ec2Client ec2 = aws.ec2();
        AwsErrors.run("update", TYPE, id, () -> {
            SecurityGroup group = describe(ec2, id).orElseThrow(() -> AwsErrors.vanished("update", TYPE, id,
                    "InvalidGroup.NotFound", "security group"));
            reconcile(ec2, id, group, planned);
            Ec2Tags.update(ec2, id, fromGroup(prior, group), planned);
        });
        return planned.with("id", prior.getOrNull("id")).with("arn", prior.getOrNull("arn"));
    }

    @Override
    public void delete(ObjectValue prior) {
        String id = Attrs.requireString(TYPE, prior, "id");
        try {
            aws.ec2().deleteSecurityGroup(b -> b.groupId(id));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return;
            ProviderException p = AwsErrors.translate("delete", TYPE, id, e);
            if (e instanceof AwsServiceException a && AwsErrors.code(a).equals("DependencyViolation"))
                throw p.withHint("the group is still used (by instances, databases or other groups' rules): remove those uses first");
            throw p;
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String id = Attrs.requireString(TYPE, state, "id");
        return AwsErrors.call("read", TYPE, id, () -> describe(aws.ec2(), id).map(g -> fromGroup(state, g)));
    }

    @Override
    public int readBatchSize() {
        return LIST_BATCH;
    }

    /** One DescribeSecurityGroups call (filtered by group id, so missing groups do not fail it) per batch. */
    @Override
    public List<Optional<ObjectValue>> readAll(List<ObjectValue> states) {
        return BatchRead.listed(TYPE, states, s -> Attrs.requireString(TYPE, s, "id"), ids -> BatchRead.index(aws.ec2()
                .describeSecurityGroupsPaginator(b -> b.filters(Filter.builder().name("group-id").values(ids).build())).securityGroups(),
                SecurityGroup::groupId), this::fromGroup);
    }

    /** Imports by group id. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        return AwsErrors.call("import", TYPE, id, () -> describe(aws.ec2(), id).map(g -> fromGroup(ObjectValue.EMPTY, g)));
    }

    /** Finds the group stamped with this key's {@code platctl:address} tag. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        return AwsErrors.call("look up", TYPE, null, () -> aws.ec2()
                .describeSecurityGroups(b -> b.filters(Ec2Tags.addressFilter(idempotencyKey)))
                .securityGroups().stream().findFirst().map(g -> fromGroup(planned, g)));
    }

    private static Optional<SecurityGroup> describe(Ec2Client ec2, String id) {
        try {
            return ec2.describeSecurityGroups(b -> b.groupIds(id)).securityGroups().stream().findFirst();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    /** Revokes the rules the group has and the plan lacks, then authorizes the ones it lacks. */
    private static void reconcile(Ec2Client ec2, String id, SecurityGroup group, ObjectValue planned) {
        List<String> ignored = new ArrayList<>();
        Set<SecurityGroupRules.Atom> wantIn = SecurityGroupRules.atoms(planned.getOrNull("ingress"), "ingress", ignored);
        Set<SecurityGroupRules.Atom> wantOut = SecurityGroupRules.atoms(planned.getOrNull("egress"), "egress", ignored);
        Set<SecurityGroupRules.Atom> hasIn = SecurityGroupRules.fromEc2(group.ipPermissions(), id);
        Set<SecurityGroupRules.Atom> hasOut = SecurityGroupRules.fromEc2(group.ipPermissionsEgress(), id);
        List<IpPermission> revokeIn = minus(hasIn, wantIn, id);
        List<IpPermission> revokeOut = minus(hasOut, wantOut, id);
        List<IpPermission> addIn = minus(wantIn, hasIn, id);
        List<IpPermission> addOut = minus(wantOut, hasOut, id);
        if (!revokeIn.isEmpty()) ec2.revokeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(revokeIn));
        if (!revokeOut.isEmpty()) ec2.revokeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(revokeOut));
        if (!addIn.isEmpty()) ec2.authorizeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(addIn));
        if (!addOut.isEmpty()) ec2.authorizeSecurityGroupEgress(b -> b.groupId(id).ipPermissions(addOut));
    }

    private static List<IpPermission> minus(Set<SecurityGroupRules.Atom> a, Set<SecurityGroupRules.Atom> b, String groupId) {
        Set<SecurityGroupRules.Atom> out = new TreeSet<>(a);
        out.removeAll(b);
        return out.stream().map(atom -> atom.permission(groupId)).toList();
    }

    private ObjectValue fromGroup(ObjectValue state, SecurityGroup g) {
        ObjectValue out = state.with("name", Value.of(g.groupName())).with("description", Value.of(g.description()))
                .with("vpc_id", Value.of(g.vpcId()))
                .with("ingress", SecurityGroupRules.value(SecurityGroupRules.fromEc2(g.ipPermissions(), g.groupId())))
                .with("egress", SecurityGroupRules.value(SecurityGroupRules.fromEc2(g.ipPermissionsEgress(), g.groupId())));
        return withComputed(Tags.readInto(out, Ec2Tags.toMap(g.tags()), aws.settings().defaultTags()), g);
    }

    private ObjectValue withComputed(ObjectValue o, SecurityGroup g) {
        String arn = g.securityGroupArn() != null ? g.securityGroupArn()
                : "arn:" + aws.partition() + ":ec2:" + aws.region().id() + ":" + g.ownerId() + ":security-group/" + g.groupId();
        return o.with("id", Value.of(g.groupId())).with("arn", Value.of(arn));
    }
}
