package dev.platctl.providers.aws;

import dev.platctl.engine.Engine;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.testing.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.rds.RdsClient;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.platctl.providers.aws.AwsEngineSession.DESTROY;
import static dev.platctl.providers.aws.AwsEngineSession.NORMAL;
import static dev.platctl.providers.aws.AwsEngineSession.REFRESH_ONLY;
import static dev.platctl.providers.aws.AwsEngineSession.actions;
import static dev.platctl.providers.aws.AwsEngineSession.attributes;
import static dev.platctl.providers.aws.AwsEngineSession.change;
import static dev.platctl.providers.aws.AwsEngineSession.drifted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database in its own network (VPC, two subnets, subnet group, a security group admitting the app's group and
 * itself), applied by the engine against moto, every type drifted out of band and repaired, then imported into a
 * fresh state that plans only what import cannot know.
 */
@ExtendWith(AwsBackend.class)
class AwsNetworkEngineTest {
    static final String MODULE = """
            module {
              name    = "app-db"
              version = "1.0.0"
              kind    = "Thing"
            }
            resource "aws_vpc" "main" {
              cidr_block = "10.20.0.0/16"
            }
            resource "aws_subnet" "a" {
              vpc_id            = aws_vpc.main.id
              cidr_block        = "10.20.1.0/24"
              availability_zone = "eu-west-1a"
            }
            resource "aws_subnet" "b" {
              vpc_id            = aws_vpc.main.id
              cidr_block        = "10.20.2.0/24"
              availability_zone = "eu-west-1b"
            }
            resource "aws_db_subnet_group" "db" {
              name       = "${request.name}-db"
              subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
            }
            resource "aws_security_group" "app" {
              name   = "${request.name}-app"
              vpc_id = aws_vpc.main.id
            }
            resource "aws_security_group" "db" {
              name   = "${request.name}-db"
              vpc_id = aws_vpc.main.id
              ingress {
                protocol    = "tcp"
                from_port   = 5432
                to_port     = 5432
                cidr_blocks = ["10.20.0.0/16"]
              }
              ingress {
                protocol        = "tcp"
                from_port       = 6432
                to_port         = 6432
                security_groups = [aws_security_group.app.id]
                description     = "pgbouncer from the app"
              }
              ingress {
                protocol  = "tcp"
                from_port = 5433
                to_port   = 5433
                self      = true
              }
            }
            resource "aws_db_instance" "db" {
              identifier              = "${request.name}-db"
              engine                  = "postgres"
              engine_version          = "16.3"
              instance_class          = "db.t3.micro"
              allocated_storage       = 20
              storage_encrypted       = true
              username                = "app"
              password                = "s3cret-Pa55word"
              skip_final_snapshot     = true
              backup_retention_period = 7
              db_subnet_group_name    = aws_db_subnet_group.db.name
              vpc_security_group_ids  = [aws_security_group.db.id]
            }
            """;
    static final String VPC = "orders.aws_vpc.main";
    static final String SUBNET = "orders.aws_subnet.a";
    static final String SUBNET_GROUP = "orders.aws_db_subnet_group.db";
    static final String SG = "orders.aws_security_group.db";
    static final String DB = "orders.aws_db_instance.db";

    @TempDir
    Path dir;
    AwsProvider provider;
    AwsEngineSession session;
    Ec2Client ec2;
    RdsClient rds;

    @BeforeEach
    void setUp(@AwsBackend.MotoOnly("the DB instance needs RDS, which is not in LocalStack's free image") AwsBackend.Emulator emulator) {
        new Workspace(dir).file("modules/app-db/module.hcl", MODULE).request("shop", "orders", "app-db@1.0.0");
        provider = AwsTesting.provider(emulator, Map.of());
        session = new AwsEngineSession(dir, provider);
        ec2 = AwsTesting.ec2(emulator);
        rds = AwsTesting.rds(emulator);
    }

    @AfterEach
    void tearDown() {
        provider.close();
        ec2.close();
        rds.close();
    }

    @Test
    void driftOnEveryNetworkTypeIsReportedAndRepairedThenAllImport() {
        InMemoryStateStore store = new InMemoryStateStore();
        Engine engine = session.engine(store);
        session.apply(engine, session.plan(engine, NORMAL));
        assertFalse(session.plan(engine, NORMAL).hasChanges());
        String groupId = Attrs.string(attributes(store, "shop", SG), "id").orElseThrow();
        String appGroupId = Attrs.string(attributes(store, "shop", "orders.aws_security_group.app"), "id").orElseThrow();
        assertEquals(Set.of(appGroupId, groupId), groupPairs(groupId), "the app's group, unknown at plan time, and the group itself");

        ec2.authorizeSecurityGroupIngress(b -> b.groupId(groupId).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(22).toPort(22).ipRanges(r -> r.cidrIp("0.0.0.0/0")).build()));
        ec2.revokeSecurityGroupIngress(b -> b.groupId(groupId).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(6432).toPort(6432).userIdGroupPairs(g -> g.groupId(appGroupId).description("pgbouncer from the app")).build()));
        rds.modifyDBInstance(b -> b.dbInstanceIdentifier("orders-db").backupRetentionPeriod(3).applyImmediately(true));
        String vpcId = Attrs.string(attributes(store, "shop", VPC), "id").orElseThrow();
        String subnetId = Attrs.string(attributes(store, "shop", SUBNET), "id").orElseThrow();
        String subnetGroupArn = Attrs.string(attributes(store, "shop", SUBNET_GROUP), "arn").orElseThrow();
        ec2.modifyVpcAttribute(b -> b.vpcId(vpcId).enableDnsHostnames(v -> v.value(true)));
        ec2.modifySubnetAttribute(b -> b.subnetId(subnetId).mapPublicIpOnLaunch(v -> v.value(true)));
        rds.addTagsToResource(b -> b.resourceName(subnetGroupArn).tags(t -> t.key("owner").value("someone-else")));

        Plan drift = session.plan(engine, REFRESH_ONLY);
        List<String> all = List.of(DB, SUBNET_GROUP, SG, SUBNET, VPC);
        assertEquals(all, drifted(drift), "every type drifted out of band is reported, and nothing else");
        Plan repair = session.plan(engine, NORMAL);
        assertEquals(Map.of(DB, Action.UPDATE, SUBNET_GROUP, Action.UPDATE, SG, Action.UPDATE, SUBNET, Action.UPDATE,
                VPC, Action.UPDATE), actions(repair));
        for (String a : all) assertEquals(ChangeReason.DRIFTED, change(repair, a).reason(), a);
        session.apply(engine, repair);
        assertFalse(ec2.describeVpcAttribute(b -> b.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                .enableDnsHostnames().value(), "DNS host names are off again");
        assertFalse(ec2.describeSubnets(b -> b.subnetIds(subnetId)).subnets().get(0).mapPublicIpOnLaunch(),
                "the subnet no longer gives public addresses");
        assertEquals(Set.of("platctl:address"), rds.listTagsForResource(b -> b.resourceName(subnetGroupArn)).tagList().stream()
                .map(t -> t.key()).collect(Collectors.toSet()), "the tag added out of band is removed, the address tag kept");
        assertEquals(3, ec2.describeSecurityGroups(b -> b.groupIds(groupId)).securityGroups().get(0).ipPermissions().size(),
                "the rule added out of band was revoked");
        assertEquals(Set.of(appGroupId, groupId), groupPairs(groupId), "the app group's rule revoked out of band is back");
        assertEquals(7, rds.describeDBInstances(b -> b.dbInstanceIdentifier("orders-db")).dbInstances().get(0).backupRetentionPeriod());
        assertFalse(session.plan(engine, NORMAL).hasChanges());

        InMemoryStateStore fresh = new InMemoryStateStore();
        session.importAll("shop", store, fresh);
        Engine adopted = session.engine(fresh);
        Plan afterImport = session.plan(adopted, NORMAL);
        assertEquals(Map.of(DB, Action.UPDATE), actions(afterImport),
                "only the database changes: RDS never returns the master password, so the first apply sets it");
        session.apply(adopted, afterImport);
        assertFalse(session.plan(adopted, NORMAL).hasChanges());

        session.apply(adopted, session.plan(adopted, DESTROY));
        assertTrue(rds.describeDBInstances().dbInstances().isEmpty());
        assertTrue(ec2.describeSecurityGroups(b -> b.filters(f -> f.name("group-name").values("orders-db"))).securityGroups().isEmpty());
    }

    private Set<String> groupPairs(String groupId) {
        return ec2.describeSecurityGroups(b -> b.groupIds(groupId)).securityGroups().get(0).ipPermissions().stream()
                .flatMap(p -> p.userIdGroupPairs().stream()).map(g -> g.groupId()).collect(Collectors.toSet());
    }
}
