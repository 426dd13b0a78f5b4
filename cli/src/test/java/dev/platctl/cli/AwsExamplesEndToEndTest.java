package dev.platctl.cli;

import dev.platctl.engine.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's AWS modules (postgresql, s3-bucket, queue, service-role) applied from examples/aws through the
 * real CLI against moto: apply, no-op re-plan, drift made with the SDK, repair, and a destroy that deletion
 * protection stops until the request is decommissioned.
 */
@ExtendWith(MotoServer.class)
class AwsExamplesEndToEndTest {
    static final String DB_REQUEST = "requests/payments/payments-db.yaml";

    @TempDir
    Path root;
    Path ws;
    Ec2Client ec2;
    SqsClient sqs;
    RdsClient rds;
    SecretsManagerClient secrets;

    @BeforeEach
    void copyExampleAndMakeTheNetwork(MotoServer.Moto moto) throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        ExampleCopy.tree(repo.resolve("examples/aws"), root.resolve("examples/aws"));
        ExampleCopy.tree(repo.resolve("modules"), root.resolve("modules"));
        ws = root.resolve("examples/aws");
        edit("platctl.hcl", "http://127.0.0.1:5000", moto.endpoint());

        ec2 = MotoClients.of(Ec2Client.builder(), moto.endpoint());
        sqs = MotoClients.of(SqsClient.builder(), moto.endpoint());
        rds = MotoClients.of(RdsClient.builder(), moto.endpoint());
        secrets = MotoClients.of(SecretsManagerClient.builder(), moto.endpoint());
        MotoClients.networkFor(ec2, ws.resolve(DB_REQUEST));
    }

    @AfterEach
    void closeClients() {
        ec2.close();
        sqs.close();
        rds.close();
        secrets.close();
    }

    @Test
    void applyReplanDriftRepairAndDestroyPastDeletionProtection() throws IOException {
        CliRun plan = platctl("plan", "--detailed-exitcode");
        assertEquals(2, plan.exit(), plan::toString);
        assertTrue(plan.out().contains("Plan: 12 to add, 0 to change, 0 to destroy."), plan::toString);
        assertTrue(plan.out().contains("+ storage_encrypted                   = true"), plan::toString);
        assertTrue(plan.out().contains("+ password                            = (sensitive value)"), plan::toString);

        CliRun apply = platctl("apply", "--auto-approve");
        assertEquals(0, apply.exit(), apply::toString);
        assertTrue(apply.out().contains("Apply complete! Resources: 12 added, 0 changed, 0 destroyed."), apply::toString);
        var db = rds.describeDBInstances(b -> b.dbInstanceIdentifier("payments-db")).dbInstances().get(0);
        assertTrue(db.storageEncrypted() && db.deletionProtection() && db.iamDatabaseAuthenticationEnabled() && !db.publiclyAccessible(),
                db.toString());
        assertEquals(14, db.backupRetentionPeriod());
        String connection = secrets.getSecretValue(b -> b.secretId("payments/payments-db/postgresql")).secretString();
        assertTrue(connection.contains("\"host\":\"" + db.endpoint().address() + "\""), "the connection secret names the host");
        String password = connection.replaceAll(".*\"password\":\"([^\"]+)\".*", "$1");
        assertEquals(32, password.length(), connection);

        CliRun again = platctl("plan", "--detailed-exitcode");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("No changes."), again::toString);

        for (String[] args : new String[][]{{"plan"}, {"output"}, {"output", "--json"},
                {"state", "show", "payments-db.aws_db_instance.this"},
                {"state", "show", "payments-db.aws_secretsmanager_secret_version.connection"}}) {
            CliRun r = platctl(args);
            assertEquals(0, r.exit(), r::toString);
            assertFalse(r.out().contains(password) || r.err().contains(password), String.join(" ", args) + " printed the password");
        }
        assertTrue(platctl("output").out().contains("password = (sensitive value)"));

        String queue = sqs.getQueueUrl(b -> b.queueName("orders-fulfilment")).queueUrl();
        sqs.setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5")));
        String group = ec2.describeSecurityGroups(b -> b.filters(f -> f.name("group-name").values("payments-db-db")))
                .securityGroups().get(0).groupId();
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(group).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(5432).toPort(5432).ipRanges(r -> r.cidrIp("0.0.0.0/0")).build()));
        CliRun drift = platctl("drift");
        assertEquals(2, drift.exit(), drift::toString);
        assertTrue(drift.out().contains("fulfilment.aws_sqs_queue.this has changed"), drift::toString);
        assertTrue(drift.out().contains("~ visibility_timeout_seconds = 120 -> 5"), drift::toString);
        assertTrue(drift.out().contains("payments-db.aws_security_group.this has changed"), drift::toString);
        CliRun repair = platctl("apply", "--auto-approve");
        assertEquals(0, repair.exit(), repair::toString);
        assertTrue(repair.out().contains("Resources: 0 added, 2 changed, 0 destroyed."), repair::toString);
        assertEquals(0, platctl("drift").exit());
        assertEquals(1, ec2.describeSecurityGroups(b -> b.groupIds(group)).securityGroups().get(0).ipPermissions().get(0)
                .ipRanges().size(), "the rule opened to the world was revoked");

        CliRun refused = platctl("destroy", "--auto-approve");
        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("cannot delete aws_db_instance payments-db: deletion protection is on. Set"
                + " deletion_protection = false, apply, then destroy again (RDS said: InvalidParameterCombination: "), refused::toString);
        assertEquals(1, rds.describeDBInstances().dbInstances().size(), "the database is still there");

        edit(DB_REQUEST, "    allowedCidrs: [10.20.0.0/16]", "    allowedCidrs: [10.20.0.0/16]\n    decommission: true");
        CliRun decommission = platctl("apply", "--auto-approve", "--target", "payments-db.aws_db_instance.this");
        assertEquals(0, decommission.exit(), decommission::toString);
        assertTrue(decommission.out().contains("~ deletion_protection = true -> false"), decommission::toString);
        CliRun destroy = platctl("destroy", "--auto-approve");
        assertEquals(0, destroy.exit(), destroy::toString);
        assertEquals("", platctl("state", "list").out());
        assertEquals(0, rds.describeDBInstances().dbInstances().size());
        assertEquals(0, sqs.listQueues().queueUrls().size());
    }

    @Test
    void theModulesRejectRequestsOutsideThePlatformsRules() throws IOException {
        edit(DB_REQUEST, "storageGB: 50", "storageGB: 5");
        edit(DB_REQUEST, "engineVersion: \"16.4\"", "engineVersion: \"14.1\"");
        edit(DB_REQUEST, "instanceClass: db.t4g.small", "instanceClass: db.x2g.16xlarge");
        edit(DB_REQUEST, "backupRetentionDays: 14", "backupRetentionDays: 1");
        edit(DB_REQUEST, "allowedCidrs: [10.20.0.0/16]", "allowedCidrs: [0.0.0.0/0]");
        edit("requests/orders/orders-worker-role.yaml", "    consumeQueues: [\"arn:aws:sqs:eu-west-1:123456789012:orders-fulfilment\"]\n", "");
        edit("requests/payments/payments-archive.yaml", "lifecycle: production", "lifecycle: forever");
        CliRun plan = platctl("plan");
        assertEquals(1, plan.exit(), plan::toString);
        String err = plan.err();
        for (String expected : new String[]{"requires storageGB >= 20", "engineVersion", "instanceClass", "backupRetentionDays >= 7",
                "allowedCidrs must not contain 0.0.0.0/0", "a service role needs at least one grant", "lifecycle"})
            assertTrue(err.contains(expected), "missing \"" + expected + "\" in\n" + plan);
        assertTrue(err.contains("7 errors."), plan::toString);
    }

    CliRun platctl(String... args) {
        return CliRun.run(ws, args);
    }

    void edit(String file, String from, String to) throws IOException {
        ExampleCopy.edit(ws.resolve(file), from, to);
    }
}
