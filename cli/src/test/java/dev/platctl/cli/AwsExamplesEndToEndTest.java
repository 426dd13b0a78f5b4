package dev.platctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platctl.engine.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's AWS modules (postgresql, s3-bucket, queue, service-role) applied from examples/aws through the
 * real CLI, in child JVMs as a user runs it, against moto: apply (the posture read back with the SDK), no-op
 * re-plan, drift made with the SDK, repair, and a destroy that deletion protection stops until the request is
 * decommissioned; and the modules' own tests.
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
    S3Client s3;
    IamClient iam;

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
        s3 = MotoClients.of(S3Client.builder().forcePathStyle(true), moto.endpoint());
        iam = MotoClients.of(IamClient.builder(), moto.endpoint());
        MotoClients.networkFor(ec2, ws.resolve(DB_REQUEST));
    }

    @AfterEach
    void closeClients() {
        ec2.close();
        sqs.close();
        rds.close();
        secrets.close();
        s3.close();
        iam.close();
    }

    @Test
    void applyReplanDriftRepairAndDestroyPastDeletionProtection() throws Exception {
        ChildCli plan = child("plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan::transcript);
        assertTrue(plan.stdout().contains("Plan: 12 to add, 0 to change, 0 to destroy."), plan::transcript);
        assertTrue(plan.stdout().contains("+ storage_encrypted                   = true"), plan::transcript);
        assertTrue(plan.stdout().contains("+ password                            = (sensitive value)"), plan::transcript);

        ChildCli apply = child("apply", "--auto-approve");
        assertEquals(0, apply.exitCode(), apply::transcript);
        assertTrue(apply.stdout().contains("Apply complete! Resources: 12 added, 0 changed, 0 destroyed."), apply::transcript);
        var db = rds.describeDBInstances(b -> b.dbInstanceIdentifier("payments-db")).dbInstances().get(0);
        assertTrue(db.storageEncrypted() && db.deletionProtection() && db.iamDatabaseAuthenticationEnabled() && !db.publiclyAccessible(),
                db.toString());
        assertEquals(14, db.backupRetentionPeriod());
        String connection = secrets.getSecretValue(b -> b.secretId("payments/payments-db/postgresql")).secretString();
        assertTrue(connection.contains("\"host\":\"" + db.endpoint().address() + "\""), "the connection secret names the host");
        String password = connection.replaceAll(".*\"password\":\"([^\"]+)\".*", "$1");
        assertEquals(32, password.length(), connection);
        assertBucketPosture();
        assertQueueRedrive();
        assertRolePolicies();

        ChildCli again = child("plan", "--detailed-exitcode");
        assertEquals(0, again.exitCode(), again::transcript);
        assertTrue(again.stdout().contains("No changes."), again::transcript);

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
        ChildCli drift = child("drift");
        assertEquals(2, drift.exitCode(), drift::transcript);
        assertTrue(drift.stdout().contains("fulfilment.aws_sqs_queue.this has changed"), drift::transcript);
        assertTrue(drift.stdout().contains("~ visibility_timeout_seconds = 120 -> 5"), drift::transcript);
        assertTrue(drift.stdout().contains("payments-db.aws_security_group.this has changed"), drift::transcript);
        ChildCli repair = child("apply", "--auto-approve");
        assertEquals(0, repair.exitCode(), repair::transcript);
        assertTrue(repair.stdout().contains("Resources: 0 added, 2 changed, 0 destroyed."), repair::transcript);
        ChildCli clean = child("drift");
        assertEquals(0, clean.exitCode(), clean::transcript);
        assertEquals(1, ec2.describeSecurityGroups(b -> b.groupIds(group)).securityGroups().get(0).ipPermissions().get(0)
                .ipRanges().size(), "the rule opened to the world was revoked");

        ChildCli refused = child("destroy", "--auto-approve");
        assertEquals(1, refused.exitCode(), refused::transcript);
        assertTrue(refused.stderr().contains("cannot destroy aws_db_instance payments-db.aws_db_instance.this (payments-db): deletion"
                + " protection is on. Set deletion_protection = false, apply, then destroy again (RDS said: InvalidParameterCombination: "),
                "said once: the address, the instance's identifier, the advice and RDS's words\n" + refused.transcript());
        assertFalse(refused.stderr().contains("cannot delete aws_db_instance"), "not the provider's own wording again\n"
                + refused.transcript());
        assertEquals(1, rds.describeDBInstances().dbInstances().size(), "the database is still there");

        edit(DB_REQUEST, "    allowedCidrs: [10.20.0.0/16]", "    allowedCidrs: [10.20.0.0/16]\n    decommission: true");
        ChildCli decommission = child("apply", "--auto-approve", "--target", "payments-db.aws_db_instance.this");
        assertEquals(0, decommission.exitCode(), decommission::transcript);
        assertTrue(decommission.stdout().contains("~ deletion_protection = true -> false"), decommission::transcript);
        ChildCli destroy = child("destroy", "--auto-approve");
        assertEquals(0, destroy.exitCode(), destroy::transcript);
        assertEquals("", platctl("state", "list").out());
        assertEquals(0, rds.describeDBInstances().dbInstances().size());
        assertEquals(0, sqs.listQueues().queueUrls().size());
    }

    /** The module tests of the four AWS modules, run by the CLI as a platform team would before publishing them. */
    @Test
    void theAwsModulesOwnTestsPass() throws Exception {
        for (Map.Entry<String, Integer> m : Map.of("postgresql", 5, "s3-bucket", 4, "queue", 4, "service-role", 7).entrySet()) {
            ChildCli test = child("module", "test", "../../modules/" + m.getKey());
            assertEquals(0, test.exitCode(), test::transcript);
            assertTrue(test.stdout().contains(m.getValue() + " passed, 0 failed."), test::transcript);
        }
    }

    /** payments-receipts is a production bucket: encrypted, every public access blocked, versioned. */
    private void assertBucketPosture() {
        String bucket = "payments-receipts";
        assertEquals(ServerSideEncryption.AES256, s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration()
                .rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithm());
        PublicAccessBlockConfiguration block = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        assertTrue(block.blockPublicAcls() && block.blockPublicPolicy() && block.ignorePublicAcls() && block.restrictPublicBuckets(),
                block.toString());
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket(bucket)).status());
    }

    /** Messages of orders-fulfilment move to its dead-letter queue after three receives; that queue keeps them 14 days. */
    private void assertQueueRedrive() {
        String queue = sqs.getQueueUrl(b -> b.queueName("orders-fulfilment")).queueUrl();
        String dlq = sqs.getQueueUrl(b -> b.queueName("orders-fulfilment-dlq")).queueUrl();
        Map<QueueAttributeName, String> dlqAttributes = sqs.getQueueAttributes(b -> b.queueUrl(dlq)
                .attributeNames(QueueAttributeName.QUEUE_ARN, QueueAttributeName.MESSAGE_RETENTION_PERIOD)).attributes();
        JsonNode redrive = json(sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY));
        assertEquals(dlqAttributes.get(QueueAttributeName.QUEUE_ARN), redrive.path("deadLetterTargetArn").asText());
        assertEquals(3, redrive.path("maxReceiveCount").asInt());
        assertEquals("1209600", dlqAttributes.get(QueueAttributeName.MESSAGE_RETENTION_PERIOD));
    }

    /** The worker's role trusts ECS tasks only, and its one policy lets it consume the orders queue and nothing else. */
    private void assertRolePolicies() {
        String role = "orders-fulfilment-worker";
        JsonNode trust = json(URLDecoder.decode(iam.getRole(b -> b.roleName(role)).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8));
        assertEquals("ecs-tasks.amazonaws.com", trust.path("Statement").path(0).path("Principal").path("Service").asText(), trust.toString());
        assertEquals(1, trust.path("Statement").size(), trust.toString());
        var attached = iam.listAttachedRolePolicies(b -> b.roleName(role)).attachedPolicies();
        assertEquals(1, attached.size(), attached.toString());
        String arn = attached.get(0).policyArn();
        String version = iam.getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId();
        JsonNode policy = json(URLDecoder.decode(iam.getPolicyVersion(b -> b.policyArn(arn).versionId(version)).policyVersion().document(),
                StandardCharsets.UTF_8));
        assertEquals(1, policy.path("Statement").size(), policy.toString());
        JsonNode statement = policy.path("Statement").path(0);
        assertEquals("ConsumeQueues", statement.path("Sid").asText());
        assertEquals(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"),
                strings(statement.path("Action")));
        assertEquals(List.of("arn:aws:sqs:eu-west-1:123456789012:orders-fulfilment"), strings(statement.path("Resource")));
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
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

    /** platctl in a child JVM, as a user runs it: its own process, environment and exit code. */
    ChildCli child(String... args) throws InterruptedException {
        ChildCli cli = ChildCli.start(ws, args);
        cli.awaitExit();
        return cli;
    }

    void edit(String file, String from, String to) throws IOException {
        ExampleCopy.edit(ws.resolve(file), from, to);
    }
}
