package dev.platctl.providers.aws;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.aws.AwsTesting.assertNoChange;
import static dev.platctl.providers.aws.AwsTesting.obj;
import static dev.platctl.providers.aws.AwsTesting.tagsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** aws_db_subnet_group and aws_db_instance against moto (a moto of their own where the backend is LocalStack). */
@ExtendWith(AwsBackend.class)
class RdsTypesTest {
    AwsProvider provider;
    Ec2Client ec2;
    RdsClient rds;
    List<String> subnets;

    @BeforeEach
    void setUp(@AwsBackend.MotoOnly("RDS is not in LocalStack's free image") AwsBackend.Emulator emulator) {
        provider = AwsTesting.provider(emulator, Map.of("team", "data"));
        ec2 = AwsTesting.ec2(emulator);
        rds = AwsTesting.rds(emulator);
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        subnets = List.of(
                ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("eu-west-1a")).subnet().subnetId(),
                ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("eu-west-1b")).subnet().subnetId(),
                ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.3.0/24").availabilityZone("eu-west-1c")).subnet().subnetId());
    }

    @AfterEach
    void tearDown() {
        provider.close();
        ec2.close();
        rds.close();
    }

    @Nested
    class SubnetGroups {
        static final String KEY = "payments.aws_db_subnet_group.this";

        @Test
        void fullLifecycle() {
            ResourceType groups = AwsTesting.type(provider, DbSubnetGroupType.TYPE);
            ObjectValue config = obj("name", "payments", "subnet_ids", List.of(subnets.get(1), subnets.get(0)));
            ObjectValue state = AwsTesting.create(groups, config, KEY);
            assertTrue(Attrs.string(state, "arn").orElseThrow().endsWith(":subgrp:payments"), state.toString());
            assertEquals(Optional.of(state), groups.read(state));
            assertNoChange(groups, state, config);
            assertNoChange(groups, state, obj("name", "payments", "subnet_ids", List.of(subnets.get(0), subnets.get(1))));

            ObjectValue updated = obj("name", "payments", "subnet_ids", List.of(subnets.get(1), subnets.get(0)),
                    "tags", Map.of("env", "prod"));
            state = AwsTesting.update(groups, state, updated);
            assertEquals(Map.of("env", "prod", "team", "data"), tagsAll(state));
            assertEquals(Optional.of(state), groups.read(state));
            assertNoChange(groups, state, updated);

            ObjectValue renamed = updated.with("name", Value.of("payments-v2"));
            assertEquals(Set.of(AttributePath.of("name")), groups.plan(Optional.of(state), renamed).requiresReplace());
            groups.delete(state);
            assertEquals(Optional.empty(), groups.read(state));
            state = AwsTesting.create(groups, renamed, KEY);
            String arn = Attrs.string(state, "arn").orElseThrow();

            rds.addTagsToResource(b -> b.resourceName(arn).tags(t -> t.key("env").value("changed-by-hand")));
            ObjectValue drifted = groups.read(state).orElseThrow();
            assertEquals("changed-by-hand", tagsAll(drifted).get("env"));
            assertNotEquals(state, drifted);
            assertEquals(state, AwsTesting.update(groups, drifted, renamed));
            assertEquals(Optional.of(state), groups.read(state));

            ObjectValue imported = groups.importState("payments-v2").orElseThrow();
            assertNoChange(groups, imported, renamed);
            assertEquals(Optional.of(imported), groups.lookup(KEY, renamed));
            assertEquals(Optional.empty(), groups.lookup("other.aws_db_subnet_group.this", renamed));
            groups.delete(imported);
            assertEquals(Optional.empty(), groups.read(imported));
            assertEquals(Optional.empty(), groups.lookup(KEY, renamed));
        }

        /**
         * moto 5.2.1's ModifyDBSubnetGroup accepts the change and then drops the group (it pops it from its table
         * and never puts it back), so only the call is proven here: RDS took the new subnets and description.
         */
        @Test
        void changingSubnetsAndDescriptionModifiesTheGroupInPlace() {
            ResourceType groups = AwsTesting.type(provider, DbSubnetGroupType.TYPE);
            ObjectValue state = AwsTesting.create(groups, obj("name", "payments", "subnet_ids", subnets.subList(0, 2)), KEY);
            ObjectValue updated = obj("name", "payments", "subnet_ids", subnets, "description", "payments databases");
            ObjectValue after = AwsTesting.update(groups, state, updated);
            assertEquals(Value.list(subnets.stream().sorted().map(Value::of).toList()), after.getOrNull("subnet_ids"));
            assertEquals(Value.of("payments databases"), after.getOrNull("description"));
            assertEquals(state.getOrNull("arn"), after.getOrNull("arn"));
        }
    }

    @Nested
    class Instances {
        static final String KEY = "payments.aws_db_instance.this";
        static final String PASSWORD = "s3cret-Pa55word";

        ObjectValue config(Object... extra) {
            ObjectValue c = obj("identifier", "payments-db", "engine", "postgres", "engine_version", "16.3",
                    "instance_class", "db.t3.micro", "allocated_storage", 20, "storage_encrypted", true,
                    "username", "app", "password", Value.of(PASSWORD).sensitive(), "skip_final_snapshot", true,
                    "db_subnet_group_name", "payments", "backup_retention_period", 7, "iam_database_authentication_enabled", true);
            ObjectValue e = obj(extra);
            for (var entry : e.attributes().entrySet()) c = c.with(entry.getKey(), entry.getValue());
            return c;
        }

        void subnetGroup() {
            rds.createDBSubnetGroup(b -> b.dbSubnetGroupName("payments").dbSubnetGroupDescription("d").subnetIds(subnets));
        }

        @Test
        void fullLifecycle() {
            subnetGroup();
            ResourceType dbs = AwsTesting.type(provider, DbInstanceType.TYPE);
            ObjectValue config = config();
            ObjectValue state = AwsTesting.create(dbs, config, KEY);
            assertEquals(Value.of("available"), state.getOrNull("status"));
            assertTrue(Attrs.string(state, "endpoint").orElseThrow().endsWith(":5432"), state.toString());
            assertInstanceOf(SensitiveValue.class, state.getOrNull("password"), "the password stays marked sensitive");
            assertFalse(state.toString().contains(PASSWORD), "the state's text never shows the password");
            DBInstance db = describe();
            assertTrue(db.storageEncrypted());
            assertTrue(db.iamDatabaseAuthenticationEnabled());
            assertEquals(7, db.backupRetentionPeriod());
            assertEquals(Optional.of(state), dbs.read(state));
            assertNoChange(dbs, state, config);

            ObjectValue bigger = config("instance_class", "db.t3.small", "allocated_storage", 50, "engine_version", "16.4",
                    "multi_az", true, "deletion_protection", true, "tags", Map.of("env", "prod"));
            state = AwsTesting.update(dbs, state, bigger);
            db = describe();
            assertEquals("db.t3.small", db.dbInstanceClass());
            assertEquals(50, db.allocatedStorage());
            assertEquals("16.4", db.engineVersion());
            assertTrue(db.multiAZ());
            assertTrue(db.deletionProtection());
            assertEquals(Optional.of(state), dbs.read(state));
            assertNoChange(dbs, state, bigger);

            ObjectValue stateNow = state;
            ProviderException protectedDelete = assertThrows(ProviderException.class, () -> dbs.delete(stateNow));
            assertTrue(protectedDelete.getMessage().startsWith("cannot delete aws_db_instance payments-db: deletion protection is on."
                    + " Set deletion_protection = false, apply, then destroy again (RDS said: InvalidParameterCombination: "),
                    protectedDelete.getMessage());
            assertTrue(ProviderException.told("destroy", "aws_db_instance payments-db.aws_db_instance.this", protectedDelete).startsWith(
                    "cannot destroy aws_db_instance payments-db.aws_db_instance.this (payments-db): deletion protection is on."),
                    "the engine tells the advice once, with the address and the instance");
            assertTrue(dbs.read(state).isPresent(), "the protected instance is still there");

            rds.modifyDBInstance(b -> b.dbInstanceIdentifier("payments-db").backupRetentionPeriod(3).applyImmediately(true));
            ObjectValue drifted = dbs.read(state).orElseThrow();
            assertEquals(Value.of(3), drifted.getOrNull("backup_retention_period"));
            assertEquals(state, AwsTesting.update(dbs, drifted, bigger));
            assertEquals(7, describe().backupRetentionPeriod());

            ObjectValue unprotected = config("instance_class", "db.t3.small", "allocated_storage", 50, "engine_version", "16.4",
                    "multi_az", true, "tags", Map.of("env", "prod"));
            state = AwsTesting.update(dbs, state, unprotected);
            ObjectValue otherEngine = unprotected.with("engine", Value.of("mysql")).with("engine_version", Value.of("8.0.35"));
            assertEquals(Set.of(AttributePath.of("engine")), dbs.plan(Optional.of(state), otherEngine).requiresReplace());
            ObjectValue unencrypted = unprotected.with("storage_encrypted", Value.FALSE);
            assertEquals(Set.of(AttributePath.of("storage_encrypted")), dbs.plan(Optional.of(state), unencrypted).requiresReplace());
            dbs.delete(state);
            assertEquals(Optional.empty(), dbs.read(state));
            state = AwsTesting.create(dbs, unencrypted, KEY);
            assertFalse(describe().storageEncrypted());

            ObjectValue imported = dbs.importState("payments-db").orElseThrow();
            PlanResult afterImport = dbs.plan(Optional.of(imported), unencrypted);
            assertTrue(afterImport.requiresReplace().isEmpty());
            assertEquals(state.without("password"), afterImport.planned().without("password"),
                    "after import only the password, which RDS never returns, is set again");
            assertEquals(Optional.of(imported.with("password", Value.NULL)), dbs.lookup(KEY, imported));
            assertEquals(List.of(Optional.of(state), Optional.empty()),
                    dbs.readAll(List.of(state, state.with("identifier", Value.of("nothing-here")))));

            dbs.delete(state);
            assertEquals(Optional.empty(), dbs.read(state));
            assertEquals(Optional.empty(), dbs.lookup(KEY, unencrypted));
        }

        @Test
        void planRefusesShrinkingStorageAndDowngradingTheEngine() {
            subnetGroup();
            ResourceType dbs = AwsTesting.type(provider, DbInstanceType.TYPE);
            ObjectValue state = AwsTesting.create(dbs, config(), KEY);
            PlanResult p = dbs.plan(Optional.of(state), config("allocated_storage", 10, "engine_version", "15.7"));
            assertEquals(List.of("Cannot shrink \"allocated_storage\"", "Cannot downgrade \"engine_version\""),
                    p.diagnostics().errors().stream().map(d -> d.summary()).toList());
            assertTrue(p.diagnostics().errors().get(0).detail().contains("from 20 to 10 GiB"), p.diagnostics().toString());
        }

        @Test
        void planNeedsAPasswordToCreateAndReadableTimeouts() {
            ResourceType dbs = AwsTesting.type(provider, DbInstanceType.TYPE);
            PlanResult p = dbs.plan(Optional.empty(), config().without("password")
                    .with("timeouts", obj("create", "forty minutes")));
            assertEquals(List.of("aws_db_instance needs password to create the instance.",
                    "aws_db_instance.timeouts.create must be a duration such as \"40m\", \"90s\" or \"1h30m\", got \"forty minutes\"."),
                    p.diagnostics().errors().stream().map(d -> d.detail()).toList());
        }

        @Test
        void anAwsErrorKeepsItsCodeAndNeverShowsThePassword() {
            ResourceType dbs = AwsTesting.type(provider, DbInstanceType.TYPE);
            ObjectValue planned = dbs.plan(Optional.empty(), config("db_subnet_group_name", "no-such-group")).planned();
            ProviderException e = assertThrows(ProviderException.class, () -> dbs.create(planned, KEY));
            assertTrue(e.getMessage().startsWith("cannot create aws_db_instance payments-db: DBSubnetGroupNotFound"), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        }

        DBInstance describe() {
            return rds.describeDBInstances(b -> b.dbInstanceIdentifier("payments-db")).dbInstances().get(0);
        }
    }
}
