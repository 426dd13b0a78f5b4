package dev.platctl.providers.aws;

import dev.platctl.engine.Engine;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.Drift;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.testing.Workspace;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * Every AWS type outside the network (bucket, queue with its dead-letter queue, IAM role, policy and attachment,
 * secret and version, KMS key and alias, DynamoDB table) applied by the engine from HCL, each drifted with the SDK,
 * the drift reported and repaired, then every object imported into a fresh state that plans only what import
 * cannot know.
 */
@ExtendWith(AwsBackend.class)
class AwsServicesEngineTest {
    static final String MODULE = """
            module {
              name    = "app-services"
              version = "1.0.0"
              kind    = "Thing"
            }
            resource "aws_s3_bucket" "data" {
              bucket             = "${request.name}-data"
              versioning_enabled = true
              force_destroy      = true
              lifecycle_rule {
                id              = "expire-logs"
                prefix          = "logs/"
                expiration_days = 90
                transition {
                  days          = 30
                  storage_class = "STANDARD_IA"
                }
              }
              lifecycle_rule {
                id                                     = "abort-uploads"
                abort_incomplete_multipart_upload_days = 7
              }
            }
            resource "aws_sqs_queue" "dlq" {
              name                      = "${request.name}-dlq"
              message_retention_seconds = 1209600
            }
            resource "aws_sqs_queue" "jobs" {
              name                   = "${request.name}-jobs"
              dead_letter_target_arn = aws_sqs_queue.dlq.arn
              max_receive_count      = 5
            }
            resource "aws_iam_role" "app" {
              name                 = "${request.name}-app"
              max_session_duration = 7200
              assume_role_policy = jsonencode({
                Version   = "2012-10-17"
                Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
              })
            }
            resource "aws_iam_policy" "app" {
              name = "${request.name}-app"
              policy = jsonencode({
                Version   = "2012-10-17"
                Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = aws_sqs_queue.jobs.arn }]
              })
            }
            resource "aws_iam_role_policy_attachment" "app" {
              role       = aws_iam_role.app.name
              policy_arn = aws_iam_policy.app.arn
            }
            resource "aws_kms_key" "app" {
              description             = "${request.name} data"
              enable_key_rotation     = true
              deletion_window_in_days = 7
            }
            resource "aws_kms_alias" "app" {
              name          = "alias/${request.name}"
              target_key_id = aws_kms_key.app.key_id
            }
            resource "aws_secretsmanager_secret" "app" {
              name                    = "${request.name}/app"
              description             = "app credentials"
              kms_key_id              = aws_kms_key.app.arn
              recovery_window_in_days = 0
            }
            resource "aws_secretsmanager_secret_version" "app" {
              secret_id     = aws_secretsmanager_secret.app.id
              secret_string = "s3cret"
            }
            resource "aws_dynamodb_table" "orders" {
              name                   = "${request.name}-orders"
              hash_key               = "order_id"
              point_in_time_recovery = true
              global_secondary_index {
                name     = "by_customer"
                hash_key = "customer_id"
              }
              ttl {
                attribute_name = "expires_at"
              }
            }
            """;
    static final String BUCKET = "orders.aws_s3_bucket.data";
    static final String DLQ = "orders.aws_sqs_queue.dlq";
    static final String JOBS = "orders.aws_sqs_queue.jobs";
    static final String ROLE = "orders.aws_iam_role.app";
    static final String POLICY = "orders.aws_iam_policy.app";
    static final String ATTACHMENT = "orders.aws_iam_role_policy_attachment.app";
    static final String KEY = "orders.aws_kms_key.app";
    static final String ALIAS = "orders.aws_kms_alias.app";
    static final String SECRET = "orders.aws_secretsmanager_secret.app";
    static final String VERSION = "orders.aws_secretsmanager_secret_version.app";
    static final String TABLE = "orders.aws_dynamodb_table.orders";

    @TempDir
    Path dir;
    AwsProvider provider;
    AwsEngineSession session;
    S3Client s3;
    SqsClient sqs;
    IamClient iam;
    KmsClient kms;
    SecretsManagerClient secrets;
    DynamoDbClient ddb;

    @BeforeEach
    void setUp(AwsBackend.Emulator emulator) {
        new Workspace(dir).file("modules/app-services/module.hcl", MODULE).request("shop", "orders", "app-services@1.0.0");
        provider = AwsTesting.provider(emulator, Map.of("team", "shop"));
        session = new AwsEngineSession(dir, provider);
        s3 = AwsTesting.s3(emulator);
        sqs = AwsTesting.sqs(emulator);
        iam = AwsTesting.iam(emulator);
        kms = AwsTesting.kms(emulator);
        secrets = AwsTesting.secretsManager(emulator);
        ddb = AwsTesting.dynamoDb(emulator);
    }

    @AfterEach
    void tearDown() {
        provider.close();
        s3.close();
        sqs.close();
        iam.close();
        kms.close();
        secrets.close();
        ddb.close();
    }

    @Test
    void driftOnEveryTypeIsReportedAndRepairedThenAllImport() {
        InMemoryStateStore store = new InMemoryStateStore();
        Engine engine = session.engine(store);
        session.apply(engine, session.plan(engine, NORMAL));
        Plan clean = session.plan(engine, NORMAL);
        assertFalse(clean.hasChanges(), () -> actions(clean).toString());
        assertTrue(clean.drift().isEmpty(), () -> clean.drift().toString());

        String jobsUrl = sqs.getQueueUrl(b -> b.queueName("orders-jobs")).queueUrl();
        String dlqArn = Attrs.string(attributes(store, "shop", DLQ), "arn").orElseThrow();
        String policyArn = Attrs.string(attributes(store, "shop", POLICY), "arn").orElseThrow();
        String keyId = Attrs.string(attributes(store, "shop", KEY), "key_id").orElseThrow();
        String secretArn = Attrs.string(attributes(store, "shop", SECRET), "arn").orElseThrow();
        s3.deleteBucketLifecycle(b -> b.bucket("orders-data"));
        sqs.setQueueAttributes(b -> b.queueUrl(jobsUrl).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"9\"}")));
        sqs.setQueueAttributes(b -> b.queueUrl(sqs.getQueueUrl(q -> q.queueName("orders-dlq")).queueUrl())
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60")));
        iam.updateRole(b -> b.roleName("orders-app").maxSessionDuration(3600));
        iam.createPolicyVersion(b -> b.policyArn(policyArn).setAsDefault(true).policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}"));
        iam.detachRolePolicy(b -> b.roleName("orders-app").policyArn(policyArn));
        kms.disableKeyRotation(b -> b.keyId(keyId));
        String otherKey = kms.createKey(b -> b.description("someone else's")).keyMetadata().keyId();
        kms.updateAlias(b -> b.aliasName("alias/orders").targetKeyId(otherKey));
        secrets.updateSecret(b -> b.secretId(secretArn).description("changed by hand"));
        secrets.putSecretValue(b -> b.secretId(secretArn).secretString("typed in the console"));
        ddb.updateTimeToLive(b -> b.tableName("orders-orders").timeToLiveSpecification(t -> t.attributeName("expires_at").enabled(false)));

        Plan drift = session.plan(engine, REFRESH_ONLY);
        List<String> all = List.of(ALIAS, KEY, ATTACHMENT, POLICY, ROLE, BUCKET, VERSION, SECRET, DLQ, JOBS, TABLE).stream().sorted().toList();
        assertEquals(all, drifted(drift), "every change made outside platctl is drift, the detached policy included");
        Plan repair = session.plan(engine, NORMAL);
        Map<String, Action> expected = new TreeMap<>();
        all.forEach(a -> expected.put(a, Action.UPDATE));
        expected.put(ATTACHMENT, Action.CREATE);
        expected.put(VERSION, Action.DELETE_THEN_CREATE);
        assertEquals(expected, actions(repair), "the attachment is made again and the secret's value is put back as a new version");
        for (String a : all)
            if (expected.get(a) == Action.UPDATE) assertEquals(ChangeReason.DRIFTED, change(repair, a).reason(), a);
        session.apply(engine, repair);
        Plan repaired = session.plan(engine, NORMAL);
        assertFalse(repaired.hasChanges(), () -> actions(repaired).toString());

        assertEquals(2, s3.getBucketLifecycleConfiguration(b -> b.bucket("orders-data")).rules().size());
        assertTrue(sqs.getQueueAttributes(b -> b.queueUrl(jobsUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes()
                .get(QueueAttributeName.REDRIVE_POLICY).replace(" ", "").matches(".*\"maxReceiveCount\":\"?5\"?.*"));
        assertEquals(7200, iam.getRole(b -> b.roleName("orders-app")).role().maxSessionDuration());
        assertEquals(List.of(policyArn), iam.listAttachedRolePolicies(b -> b.roleName("orders-app")).attachedPolicies().stream()
                .map(p -> p.policyArn()).toList());
        assertTrue(kms.getKeyRotationStatus(b -> b.keyId(keyId)).keyRotationEnabled());
        assertEquals(keyId, kms.listAliases().aliases().stream().filter(a -> a.aliasName().equals("alias/orders")).findFirst()
                .orElseThrow().targetKeyId());
        assertEquals("s3cret", secrets.getSecretValue(b -> b.secretId(secretArn).versionStage("AWSCURRENT")).secretString(),
                "the configured value is current again (asked by stage: moto's unstaged GetSecretValue misses a moved AWSCURRENT)");
        assertEquals("ENABLED", ddb.describeTimeToLive(b -> b.tableName("orders-orders")).timeToLiveDescription().timeToLiveStatusAsString());

        InMemoryStateStore fresh = new InMemoryStateStore();
        session.importAll("shop", store, fresh);
        Engine adopted = session.engine(fresh);
        Plan afterImport = session.plan(adopted, NORMAL);
        assertEquals(Map.of(BUCKET, Action.UPDATE, KEY, Action.UPDATE, SECRET, Action.UPDATE), actions(afterImport),
                "only settings AWS does not keep differ after import");
        assertEquals(Set.of("force_destroy"), changedAttributes(afterImport, BUCKET), "what destroy does with objects");
        assertEquals(Set.of("deletion_window_in_days"), changedAttributes(afterImport, KEY), "only given when deletion is scheduled");
        assertEquals(Set.of("recovery_window_in_days"), changedAttributes(afterImport, SECRET), "only given when the secret is deleted");
        session.apply(adopted, afterImport);
        assertFalse(session.plan(adopted, NORMAL).hasChanges());
        session.apply(adopted, session.plan(adopted, DESTROY));
        assertTrue(s3.listBuckets().buckets().isEmpty());
        assertTrue(sqs.listQueues().queueUrls().isEmpty());
        assertTrue(ddb.listTables().tableNames().isEmpty());
        assertTrue(iam.listRoles().roles().stream().noneMatch(r -> r.roleName().equals("orders-app")));
        assertTrue(fresh.read("shop").resources().isEmpty());
    }

    /** A bucket, a queue, a table and a KMS alias deleted with the SDK: drift that is gone, planned CREATE, made again. */
    @Test
    void objectsDeletedOutsidePlatctlAreReportedGoneAndCreatedAgain() {
        InMemoryStateStore store = new InMemoryStateStore();
        Engine engine = session.engine(store);
        session.apply(engine, session.plan(engine, NORMAL));
        String oldJobsArn = Attrs.string(attributes(store, "shop", JOBS), "arn").orElseThrow();
        sqs.deleteQueue(b -> b.queueUrl(sqs.getQueueUrl(q -> q.queueName("orders-jobs")).queueUrl()));
        s3.deleteBucket(b -> b.bucket("orders-data"));
        ddb.deleteTable(b -> b.tableName("orders-orders"));
        kms.deleteAlias(b -> b.aliasName("alias/orders"));

        Plan drift = session.plan(engine, REFRESH_ONLY);
        assertEquals(List.of(TABLE, ALIAS, BUCKET, JOBS), drifted(drift));
        for (Drift d : drift.drift()) assertTrue(d.gone(), () -> d.address() + " is reported gone, not changed: " + d.after());
        Plan recreate = session.plan(engine, NORMAL);
        assertEquals(Map.of(TABLE, Action.CREATE, ALIAS, Action.CREATE, BUCKET, Action.CREATE, JOBS, Action.CREATE,
                POLICY, Action.UPDATE), actions(recreate),
                "what is gone is made again; the policy names the new queue's ARN, known only once it exists");
        for (String a : List.of(TABLE, ALIAS, BUCKET, JOBS)) assertEquals(ChangeReason.GONE, change(recreate, a).reason(), a);
        session.apply(engine, recreate);
        assertFalse(session.plan(engine, NORMAL).hasChanges(), "the new objects are what the configuration says");
        assertTrue(s3.getBucketVersioning(b -> b.bucket("orders-data")).statusAsString().equals("Enabled"), "the bucket is back, versioned");
        assertEquals(2, s3.getBucketLifecycleConfiguration(b -> b.bucket("orders-data")).rules().size());
        String jobsUrl = sqs.getQueueUrl(b -> b.queueName("orders-jobs")).queueUrl();
        assertTrue(sqs.getQueueAttributes(b -> b.queueUrl(jobsUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes()
                .containsKey(QueueAttributeName.REDRIVE_POLICY), "the queue is back with its redrive policy");
        assertEquals(oldJobsArn, Attrs.string(attributes(store, "shop", JOBS), "arn").orElseThrow());
        String policyArn = Attrs.string(attributes(store, "shop", POLICY), "arn").orElseThrow();
        assertEquals(1, iam.listPolicyVersions(b -> b.policyArn(policyArn)).versions().size(),
                "the queue's ARN is the one it had, so the policy document did not change");
        assertEquals("ACTIVE", ddb.describeTable(b -> b.tableName("orders-orders")).table().tableStatusAsString());
        String keyId = Attrs.string(attributes(store, "shop", KEY), "key_id").orElseThrow();
        assertEquals(keyId, kms.listAliases().aliases().stream().filter(a -> a.aliasName().equals("alias/orders")).findFirst()
                .orElseThrow().targetKeyId(), "the alias is back, on the key");
    }

    private static Set<String> changedAttributes(Plan p, String address) {
        ObjectValue before = (ObjectValue) change(p, address).before().unmarked();
        ObjectValue after = (ObjectValue) change(p, address).after().unmarked();
        Set<String> names = new TreeSet<>(before.attributes().keySet());
        names.addAll(after.attributes().keySet());
        names.removeIf(n -> before.getOrNull(n).equals(after.getOrNull(n)));
        return names;
    }
}
