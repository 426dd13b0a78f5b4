package dev.platctl.providers.aws;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.aws.AwsTesting.assertNoChange;
import static dev.platctl.providers.aws.AwsTesting.obj;
import static dev.platctl.providers.aws.AwsTesting.tagsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** aws_vpc, aws_subnet and aws_security_group against the AWS test backend (moto or LocalStack, see AwsBackend). */
@ExtendWith(AwsBackend.class)
class VpcTypesTest {
    AwsProvider provider;
    Ec2Client ec2;

    @BeforeEach
    void setUp(AwsBackend.Emulator emulator) {
        provider = AwsTesting.provider(emulator, Map.of("team", "net"));
        ec2 = AwsTesting.ec2(emulator);
    }

    @AfterEach
    void tearDown() {
        provider.close();
        ec2.close();
    }

    ObjectValue vpc(String key) {
        return AwsTesting.create(AwsTesting.type(provider, VpcType.TYPE), obj("cidr_block", "10.0.0.0/16"), key);
    }

    @Nested
    class Vpcs {
        static final String KEY = "net.aws_vpc.main";

        @Test
        void fullLifecycle() {
            ResourceType vpcs = AwsTesting.type(provider, VpcType.TYPE);
            ObjectValue config = obj("cidr_block", "10.1.0.0/16", "tags", Map.of("env", "dev"));
            ObjectValue state = AwsTesting.create(vpcs, config, KEY);
            String id = Attrs.string(state, "id").orElseThrow();
            assertTrue(id.startsWith("vpc-"), id);
            assertTrue(Attrs.string(state, "arn").orElseThrow().endsWith(":vpc/" + id));
            assertEquals(Optional.of(state), vpcs.read(state));
            assertNoChange(vpcs, state, config);

            ObjectValue updated = obj("cidr_block", "10.1.0.0/16", "enable_dns_hostnames", true, "tags", Map.of("env", "prod"));
            state = AwsTesting.update(vpcs, state, updated);
            assertTrue(dnsHostnames(id));
            assertEquals(Optional.of(state), vpcs.read(state));
            assertNoChange(vpcs, state, updated);

            ObjectValue moved = obj("cidr_block", "10.2.0.0/16", "enable_dns_hostnames", true, "tags", Map.of("env", "prod"));
            assertEquals(Set.of(AttributePath.of("cidr_block")), vpcs.plan(Optional.of(state), moved).requiresReplace());
            vpcs.delete(state);
            assertEquals(Optional.empty(), vpcs.read(state));
            state = AwsTesting.create(vpcs, moved, KEY);
            String id2 = Attrs.string(state, "id").orElseThrow();

            ec2.modifyVpcAttribute(b -> b.vpcId(id2).enableDnsHostnames(v -> v.value(false)));
            ec2.createTags(b -> b.resources(id2).tags(Tag.builder().key("owner").value("someone").build()));
            ObjectValue drifted = vpcs.read(state).orElseThrow();
            assertEquals(Value.FALSE, drifted.getOrNull("enable_dns_hostnames"));
            assertEquals("someone", tagsAll(drifted).get("owner"));
            ObjectValue repaired = AwsTesting.update(vpcs, drifted, moved);
            assertEquals(state, repaired);
            assertEquals(Optional.of(state), vpcs.read(repaired));
            assertTrue(dnsHostnames(id2));

            ObjectValue imported = vpcs.importState(id2).orElseThrow();
            assertNoChange(vpcs, imported, moved);
            assertEquals(Optional.of(imported), vpcs.lookup(KEY, moved));
            assertEquals(Optional.empty(), vpcs.lookup("other.aws_vpc.main", moved));
            vpcs.delete(imported);
            assertEquals(Optional.empty(), vpcs.read(imported));
            assertEquals(Optional.empty(), vpcs.lookup(KEY, moved));
        }

        @Test
        void deletingAVpcThatStillHasSubnetsSaysWhatToDo() {
            ObjectValue state = vpc(KEY);
            String id = Attrs.string(state, "id").orElseThrow();
            ec2.createSubnet(b -> b.vpcId(id).cidrBlock("10.0.9.0/24"));
            ProviderException e = assertThrows(ProviderException.class, () -> AwsTesting.type(provider, VpcType.TYPE).delete(state));
            assertTrue(e.getMessage().startsWith("cannot delete aws_vpc " + id + ": DependencyViolation: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("delete the VPC's subnets, security groups and gateways first"), e.getMessage());
            String told = ProviderException.told("destroy", "aws_vpc net.aws_vpc.main", e);
            assertTrue(told.startsWith("cannot destroy aws_vpc net.aws_vpc.main (" + id + "): DependencyViolation: "),
                    "the engine puts the VPC's id after its address: " + told);
            assertTrue(told.contains("(status 400); delete the VPC's subnets"), told);
            assertTrue(e.reason().orElseThrow().startsWith("DependencyViolation: "), "the reason is AWS's words and the hint, without"
                    + " what platctl was doing: " + e.reason());
        }

        @Test
        void planRejectsARangeThatIsNotIpv4() {
            PlanResult p = AwsTesting.type(provider, VpcType.TYPE).plan(Optional.empty(), obj("cidr_block", "10.0.0.0"));
            assertEquals(List.of("Invalid value for \"cidr_block\""), p.diagnostics().errors().stream().map(d -> d.summary()).toList());
        }

        private boolean dnsHostnames(String id) {
            return ec2.describeVpcAttribute(b -> b.vpcId(id).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value();
        }
    }

    @Nested
    class Subnets {
        static final String KEY = "net.aws_subnet.a";

        @Test
        void fullLifecycle() {
            String vpcId = Attrs.string(vpc("net.aws_vpc.main"), "id").orElseThrow();
            ResourceType subnets = AwsTesting.type(provider, SubnetType.TYPE);
            ObjectValue config = obj("vpc_id", vpcId, "cidr_block", "10.0.1.0/24", "availability_zone", "eu-west-1a");
            ObjectValue state = AwsTesting.create(subnets, config, KEY);
            String id = Attrs.string(state, "id").orElseThrow();
            assertEquals(Optional.of(state), subnets.read(state));
            assertNoChange(subnets, state, config);

            ObjectValue updated = obj("vpc_id", vpcId, "cidr_block", "10.0.1.0/24", "availability_zone", "eu-west-1a",
                    "map_public_ip_on_launch", true, "tags", Map.of("tier", "public"));
            state = AwsTesting.update(subnets, state, updated);
            assertTrue(ec2.describeSubnets(b -> b.subnetIds(id)).subnets().get(0).mapPublicIpOnLaunch());
            assertEquals(Optional.of(state), subnets.read(state));
            assertNoChange(subnets, state, updated);

            ObjectValue otherZone = obj("vpc_id", vpcId, "cidr_block", "10.0.1.0/24", "availability_zone", "eu-west-1b",
                    "map_public_ip_on_launch", true, "tags", Map.of("tier", "public"));
            assertEquals(Set.of(AttributePath.of("availability_zone")), subnets.plan(Optional.of(state), otherZone).requiresReplace());
            subnets.delete(state);
            state = AwsTesting.create(subnets, otherZone, KEY);
            String id2 = Attrs.string(state, "id").orElseThrow();
            assertEquals("eu-west-1b", ec2.describeSubnets(b -> b.subnetIds(id2)).subnets().get(0).availabilityZone());

            ec2.modifySubnetAttribute(b -> b.subnetId(id2).mapPublicIpOnLaunch(v -> v.value(false)));
            ObjectValue drifted = subnets.read(state).orElseThrow();
            assertEquals(Value.FALSE, drifted.getOrNull("map_public_ip_on_launch"));
            assertEquals(state, AwsTesting.update(subnets, drifted, otherZone));
            assertEquals(Optional.of(state), subnets.read(state));

            ObjectValue imported = subnets.importState(id2).orElseThrow();
            assertNoChange(subnets, imported, otherZone);
            assertEquals(Optional.of(imported), subnets.lookup(KEY, otherZone));
            subnets.delete(imported);
            assertEquals(Optional.empty(), subnets.read(imported));
            assertEquals(Optional.empty(), subnets.lookup(KEY, otherZone));
        }

        @Test
        void aZoneLeftUnsetIsTheOneAwsPicked() {
            String vpcId = Attrs.string(vpc("net.aws_vpc.main"), "id").orElseThrow();
            ResourceType subnets = AwsTesting.type(provider, SubnetType.TYPE);
            ObjectValue config = obj("vpc_id", vpcId, "cidr_block", "10.0.2.0/24");
            ObjectValue state = AwsTesting.create(subnets, config, KEY);
            assertTrue(Attrs.string(state, "availability_zone").orElseThrow().startsWith("eu-west-1"));
            assertNoChange(subnets, state, config);
        }
    }

    @Nested
    class SecurityGroups {
        static final String KEY = "net.aws_security_group.db";

        ObjectValue rule(String protocol, int from, int to, String... cidrs) {
            return obj("protocol", protocol, "from_port", from, "to_port", to, "cidr_blocks", List.of(cidrs));
        }

        @Test
        void fullLifecycleComparesRulesAsSets() {
            String vpcId = Attrs.string(vpc("net.aws_vpc.main"), "id").orElseThrow();
            ResourceType groups = AwsTesting.type(provider, SecurityGroupType.TYPE);
            ObjectValue config = obj("name", "db", "description", "database access", "vpc_id", vpcId,
                    "ingress", List.of(rule("tcp", 5432, 5432, "10.0.1.0/24"), rule("tcp", 5432, 5432, "10.0.2.0/24")));
            ObjectValue state = AwsTesting.create(groups, config, KEY);
            String id = Attrs.string(state, "id").orElseThrow();
            assertEquals(Optional.of(state), groups.read(state), "EC2's merged rule reads back as the planned one");
            assertEquals(List.of(), ec2.describeSecurityGroups(b -> b.groupIds(id)).securityGroups().get(0).ipPermissionsEgress(),
                    "the default allow-all egress rule was removed");
            assertNoChange(groups, state, config);
            ObjectValue reordered = config.with("ingress", AwsTesting.obj("x", List.of(rule("tcp", 5432, 5432, "10.0.2.0/24"),
                    rule("tcp", 5432, 5432, "10.0.1.0/24"))).getOrNull("x"));
            assertNoChange(groups, state, reordered);

            ObjectValue updated = config.with("ingress", rule("tcp", 5432, 5432, "10.0.1.0/24"))
                    .with("egress", rule("-1", 0, 0, "0.0.0.0/0")).with("tags", AwsTesting.obj("env", "dev"));
            state = AwsTesting.update(groups, state, updated);
            assertEquals(Optional.of(state), groups.read(state));
            assertNoChange(groups, state, updated);
            assertEquals(1, ec2.describeSecurityGroups(b -> b.groupIds(id)).securityGroups().get(0).ipPermissions().get(0)
                    .ipRanges().size());

            ObjectValue renamed = updated.with("name", Value.of("db-v2"));
            assertEquals(Set.of(AttributePath.of("name")), groups.plan(Optional.of(state), renamed).requiresReplace());
            groups.delete(state);
            assertEquals(Optional.empty(), groups.read(state));
            state = AwsTesting.create(groups, renamed, KEY);
            String id2 = Attrs.string(state, "id").orElseThrow();

            ec2.authorizeSecurityGroupIngress(b -> b.groupId(id2).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                    .fromPort(22).toPort(22).ipRanges(r -> r.cidrIp("0.0.0.0/0")).build()));
            ObjectValue drifted = groups.read(state).orElseThrow();
            assertNotEquals(state, drifted);
            assertEquals(2, ((ListValue) drifted.getOrNull("ingress")).size(), drifted.getOrNull("ingress").toString());
            assertEquals(state, AwsTesting.update(groups, drifted, renamed));
            assertEquals(Optional.of(state), groups.read(state), "the SSH rule made outside platctl was revoked");
            assertEquals(List.of(Optional.of(state), Optional.empty()), groups.readAll(List.of(state, state.with("id", Value.of(id)))),
                    "the batch read gives what read gives; the deleted group is gone (BatchReadTest counts its calls)");

            ObjectValue imported = groups.importState(id2).orElseThrow();
            assertNoChange(groups, imported, renamed);
            assertEquals(Optional.of(imported), groups.lookup(KEY, renamed));
            groups.delete(imported);
            assertEquals(Optional.empty(), groups.read(imported));
            assertEquals(Optional.empty(), groups.lookup(KEY, renamed));
        }

        @Test
        void rulesNamingOtherGroupsAndItselfAreASetWhoseDriftIsRepaired() {
            String vpcId = Attrs.string(vpc("net.aws_vpc.main"), "id").orElseThrow();
            ResourceType groups = AwsTesting.type(provider, SecurityGroupType.TYPE);
            String app = Attrs.string(AwsTesting.create(groups, obj("name", "app", "vpc_id", vpcId), "net.aws_security_group.app"), "id")
                    .orElseThrow();
            String batch = Attrs.string(AwsTesting.create(groups, obj("name", "batch", "vpc_id", vpcId), "net.aws_security_group.batch"),
                    "id").orElseThrow();
            ObjectValue config = obj("name", "db", "vpc_id", vpcId, "ingress", List.of(
                    obj("protocol", "tcp", "from_port", 5432, "to_port", 5432, "security_groups", List.of(batch, app)),
                    obj("protocol", "tcp", "from_port", 5432, "to_port", 5432, "cidr_blocks", List.of("10.0.9.0/24")),
                    obj("protocol", "tcp", "from_port", 7000, "to_port", 7001, "self", true)),
                    "egress", obj("protocol", "-1", "from_port", 0, "to_port", 0, "security_groups", List.of(app)));
            ObjectValue state = AwsTesting.create(groups, config, KEY);
            String id = Attrs.string(state, "id").orElseThrow();
            assertEquals(List.of(obj("protocol", "tcp", "from_port", 5432, "to_port", 5432, "description", null,
                            "cidr_blocks", List.of("10.0.9.0/24"), "security_groups", List.of(app, batch).stream().sorted().toList()),
                    obj("protocol", "tcp", "from_port", 7000, "to_port", 7001, "description", null, "cidr_blocks", List.of(),
                            "self", true)), ((ListValue) state.getOrNull("ingress")).items(),
                    "one canonical rule per port range, its sources merged and sorted");
            var ingress = ec2.describeSecurityGroups(b -> b.groupIds(id)).securityGroups().get(0).ipPermissions();
            assertEquals(Set.of(app, batch, id), ingress.stream().flatMap(p -> p.userIdGroupPairs().stream()).map(g -> g.groupId())
                    .collect(java.util.stream.Collectors.toSet()), "self became a pair naming the group's own id");
            assertEquals(Optional.of(state), groups.read(state));
            assertNoChange(groups, state, config);

            ObjectValue narrowed = config.with("ingress", Value.list(List.of(
                    obj("protocol", "tcp", "from_port", 5432, "to_port", 5432, "security_groups", List.of(app)),
                    obj("protocol", "tcp", "from_port", 7000, "to_port", 7001, "self", true))));
            state = AwsTesting.update(groups, state, narrowed);
            assertEquals(Optional.of(state), groups.read(state));
            assertNoChange(groups, state, narrowed);

            ec2.revokeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(5432)
                    .toPort(5432).userIdGroupPairs(g -> g.groupId(app)).build()));
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(id).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(5432)
                    .toPort(5432).userIdGroupPairs(g -> g.groupId(batch)).build()));
            ObjectValue drifted = groups.read(state).orElseThrow();
            assertEquals(Value.list(List.of(Value.of(batch))), ((ObjectValue) ((ListValue) drifted.getOrNull("ingress")).items().get(0))
                    .getOrNull("security_groups"), "the swapped group is read back as drift");
            assertNotEquals(state, drifted);
            assertEquals(state, AwsTesting.update(groups, drifted, narrowed));
            assertEquals(Optional.of(state), groups.read(state), "the group made outside platctl was revoked, the written one restored");

            ObjectValue imported = groups.importState(id).orElseThrow();
            assertNoChange(groups, imported, narrowed);
            groups.delete(imported);
            assertEquals(Optional.empty(), groups.read(imported));
        }

        @Test
        void planNamesARuleWithoutASourceOrWithABadGroupId() {
            PlanResult p = AwsTesting.type(provider, SecurityGroupType.TYPE).plan(Optional.empty(), obj("name", "g", "vpc_id", "vpc-1",
                    "ingress", List.of(obj("protocol", "tcp", "from_port", 1, "to_port", 2, "self", false),
                            obj("protocol", "tcp", "from_port", 1, "to_port", 2, "security_groups", List.of("app")))));
            assertEquals(List.of("aws_security_group.ingress[0] needs a source: cidr_blocks (IPv4 ranges), security_groups (group ids)"
                            + " or self = true.",
                    "aws_security_group.ingress[1].security_groups has \"app\", which is not a security group id (sg-...)."),
                    p.diagnostics().errors().stream().map(d -> d.detail()).toList());
        }

        @Test
        void planNamesTheRuleAtFault() {
            PlanResult p = AwsTesting.type(provider, SecurityGroupType.TYPE).plan(Optional.empty(), obj("name", "g", "vpc_id", "vpc-1",
                    "ingress", List.of(rule("tcp", 1, 2, "10.0.0.0/8"), obj("protocol", "tcp", "cidr_blocks", List.of("10.0.0.0/8")))));
            assertEquals(List.of("aws_security_group.ingress[1] needs from_port and to_port for protocol tcp."),
                    p.diagnostics().errors().stream().map(d -> d.detail()).toList());
        }
    }
}
