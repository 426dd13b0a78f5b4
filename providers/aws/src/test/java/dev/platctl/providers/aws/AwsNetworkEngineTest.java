package dev.platctl.providers.aws;

import dev.platctl.engine.Engine;
import dev.platctl.engine.apply.ApplyListener;
import dev.platctl.engine.apply.ApplyOptions;
import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.graph.Cancellation;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.testing.MotoServer;
import dev.platctl.engine.testing.Workspace;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.rds.RdsClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database in its own network (VPC, two subnets, subnet group, security group), applied by the engine against
 * moto, drifted out of band and repaired, then imported into a fresh state that plans only what import cannot know.
 */
@ExtendWith(MotoServer.class)
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
            resource "aws_security_group" "db" {
              name   = "${request.name}-db"
              vpc_id = aws_vpc.main.id
              ingress {
                protocol    = "tcp"
                from_port   = 5432
                to_port     = 5432
                cidr_blocks = ["10.20.0.0/16"]
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
    static final String SG = "orders.aws_security_group.db";
    static final String DB = "orders.aws_db_instance.db";

    @TempDir
    Path dir;
    AwsProvider provider;
    Ec2Client ec2;
    RdsClient rds;

    @BeforeEach
    void setUp(MotoServer.Moto moto) {
        new Workspace(dir).file("modules/app-db/module.hcl", MODULE).request("shop", "orders", "app-db@1.0.0");
        provider = AwsTesting.provider(moto, Map.of());
        ec2 = AwsTesting.ec2(moto);
        rds = AwsTesting.rds(moto);
    }

    @AfterEach
    void tearDown() {
        provider.close();
        ec2.close();
        rds.close();
    }

    @Test
    void driftOnTheSecurityGroupAndDatabaseIsReportedAndRepairedThenBothImport() {
        InMemoryStateStore store = new InMemoryStateStore();
        Engine engine = engine(store);
        apply(engine, plan(engine, PlanOptions.normal()));
        assertFalse(plan(engine, PlanOptions.normal()).hasChanges());
        String groupId = Attrs.string(attributes(store, SG), "id").orElseThrow();

        ec2.authorizeSecurityGroupIngress(b -> b.groupId(groupId).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(22).toPort(22).ipRanges(r -> r.cidrIp("0.0.0.0/0")).build()));
        rds.modifyDBInstance(b -> b.dbInstanceIdentifier("orders-db").backupRetentionPeriod(3).applyImmediately(true));
        Plan drift = plan(engine, new PlanOptions(Plan.Mode.REFRESH_ONLY, true, Set.of()));
        assertEquals(List.of(DB, SG), drift.drift().stream().map(d -> d.address().toString()).sorted().toList());
        Plan repair = plan(engine, PlanOptions.normal());
        assertEquals(Map.of(DB, Action.UPDATE, SG, Action.UPDATE), actions(repair));
        assertEquals(ChangeReason.DRIFTED, change(repair, SG).reason());
        assertEquals(ChangeReason.DRIFTED, change(repair, DB).reason());
        apply(engine, repair);
        assertEquals(1, ec2.describeSecurityGroups(b -> b.groupIds(groupId)).securityGroups().get(0).ipPermissions().size(),
                "the rule added out of band was revoked");
        assertEquals(7, rds.describeDBInstances(b -> b.dbInstanceIdentifier("orders-db")).dbInstances().get(0).backupRetentionPeriod());
        assertFalse(plan(engine, PlanOptions.normal()).hasChanges());

        InMemoryStateStore fresh = new InMemoryStateStore();
        importAll(store, fresh);
        Engine adopted = engine(fresh);
        Plan afterImport = plan(adopted, PlanOptions.normal());
        assertEquals(Map.of(DB, Action.UPDATE), actions(afterImport),
                "only the database changes: RDS never returns the master password, so the first apply sets it");
        apply(adopted, afterImport);
        assertFalse(plan(adopted, PlanOptions.normal()).hasChanges());

        apply(adopted, plan(adopted, new PlanOptions(Plan.Mode.DESTROY, true, Set.of())));
        assertTrue(rds.describeDBInstances().dbInstances().isEmpty());
        assertTrue(ec2.describeSecurityGroups(b -> b.filters(f -> f.name("group-name").values("orders-db"))).securityGroups().isEmpty());
    }

    /** Imports every resource of {@code from} by its id into {@code to}, as a user adopting existing objects would. */
    private void importAll(InMemoryStateStore from, InMemoryStateStore to) {
        try (StackLock lock = to.lock("shop", who(), Duration.ZERO)) {
            for (ResourceState r : from.read("shop").resources().values()) {
                String id = Attrs.string(r.attributes(), "id").orElseThrow();
                ObjectValue imported = provider.resourceType(r.type()).orElseThrow().importState(id)
                        .orElseThrow(() -> new AssertionError("cannot import " + r.address() + " by " + id));
                lock.put(new ResourceState(r.address(), ResourceStatus.CREATED, imported, r.dependencies(),
                        r.address().toString(), r.module()));
            }
        }
    }

    private Engine engine(InMemoryStateStore store) {
        return new Engine(new Providers(List.of(provider)), store, Clock.systemUTC(), 4);
    }

    private static ObjectValue attributes(InMemoryStateStore store, String address) {
        return store.read("shop").resources().entrySet().stream().filter(e -> e.getKey().toString().equals(address))
                .findFirst().orElseThrow().getValue().attributes();
    }

    private Configuration config() {
        Diagnostics d = new Diagnostics();
        Optional<Configuration> cfg = ConfigLoader.load(dir, d);
        assertFalse(d.hasErrors(), d::toString);
        return cfg.orElseThrow();
    }

    private static LockInfo who() {
        return new LockInfo("test", "test", "tester", "localhost", 1, Instant.EPOCH);
    }

    private Plan plan(Engine engine, PlanOptions opts) {
        Configuration cfg = opts.mode() == Plan.Mode.NORMAL ? config() : null;
        try (StackLocks locks = engine.lock(engine.stacks(Optional.ofNullable(cfg)), who(), Duration.ZERO)) {
            Diagnostics d = new Diagnostics();
            Optional<Plan> p = engine.plan(cfg, locks, opts, d);
            assertFalse(d.hasErrors(), d::toString);
            return p.orElseThrow();
        }
    }

    private void apply(Engine engine, Plan plan) {
        Configuration cfg = plan.mode() == Plan.Mode.NORMAL ? config() : null;
        try (StackLocks locks = engine.lock(new TreeSet<>(plan.stacks().stream().map(s -> s.stack()).toList()), who(), Duration.ZERO)) {
            ApplyResult r = engine.apply(cfg, plan, locks, new ApplyOptions(4, 4, "tester", "apply", new Cancellation()),
                    ApplyListener.NONE, "hash");
            assertTrue(r.succeeded(), r.diagnostics()::toString);
        }
    }

    private static Map<String, Action> actions(Plan p) {
        Map<String, Action> m = new TreeMap<>();
        for (ResourceChange c : p.changes()) if (c.action() != Action.NO_OP) m.put(c.address().toString(), c.action());
        return m;
    }

    private static ResourceChange change(Plan p, String address) {
        return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
    }
}
