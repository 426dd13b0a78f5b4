package dev.platctl.providers.aws;

import dev.platctl.engine.Engine;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.apply.ApplyResult;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.platctl.providers.aws.AwsEngineSession.DESTROY;
import static dev.platctl.providers.aws.AwsEngineSession.NORMAL;
import static dev.platctl.providers.aws.AwsEngineSession.REFRESH_ONLY;
import static dev.platctl.providers.aws.AwsEngineSession.actions;
import static dev.platctl.providers.aws.AwsEngineSession.change;
import static dev.platctl.providers.aws.AwsEngineSession.drifted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A module of a bucket, a queue with its dead-letter queue and a role, planned and applied by the engine against the
 * AWS test backend.
 */
@ExtendWith(AwsBackend.class)
class AwsEngineTest {
    static final String MODULE = """
            module {
              name    = "app-storage"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "versioning" {
              type    = bool
              default = false
            }
            input "visibility" {
              type    = number
              default = 30
            }
            resource "aws_s3_bucket" "data" {
              bucket             = "${request.name}-data"
              versioning_enabled = input.versioning
              tags               = { request = request.name }
            }
            resource "aws_sqs_queue" "dlq" {
              name = "${request.name}-dlq"
            }
            resource "aws_sqs_queue" "jobs" {
              name                       = "${request.name}-jobs"
              visibility_timeout_seconds = input.visibility
              dead_letter_target_arn     = aws_sqs_queue.dlq.arn
              max_receive_count          = 5
            }
            resource "aws_iam_role" "app" {
              name = "${request.name}-app"
              assume_role_policy = jsonencode({
                Version   = "2012-10-17"
                Statement = [{
                  Effect    = "Allow"
                  Principal = { Service = "lambda.amazonaws.com" }
                  Action    = "sts:AssumeRole"
                }]
              })
            }
            output "queue_url" {
              value = aws_sqs_queue.jobs.url
            }
            """;

    @TempDir
    Path dir;
    Workspace ws;
    InMemoryStateStore store;
    Engine engine;
    AwsProvider provider;
    AwsEngineSession session;
    S3Client s3;
    SqsClient sqs;

    @BeforeEach
    void setUp(AwsBackend.Emulator emulator) {
        ws = new Workspace(dir).file("modules/app-storage/module.hcl", MODULE);
        provider = AwsTesting.provider(emulator, Map.of("managed-by", "platctl"));
        store = new InMemoryStateStore();
        session = new AwsEngineSession(dir, provider);
        engine = session.engine(store);
        s3 = AwsTesting.s3(emulator);
        sqs = AwsTesting.sqs(emulator);
    }

    @AfterEach
    void tearDown() {
        provider.close();
        s3.close();
        sqs.close();
    }

    @Test
    void applyReplanDriftRepairAndDestroyThroughTheEngine() {
        ws.request("shop", "orders", "app-storage@1.0.0");
        Plan first = session.plan(engine, NORMAL);
        assertEquals(Map.of("orders.aws_s3_bucket.data", Action.CREATE, "orders.aws_sqs_queue.dlq", Action.CREATE,
                "orders.aws_sqs_queue.jobs", Action.CREATE, "orders.aws_iam_role.app", Action.CREATE), actions(first));
        session.apply(engine, first);
        String jobsUrl = sqs.getQueueUrl(b -> b.queueName("orders-jobs")).queueUrl();
        assertTrue(sqs.getQueueAttributes(b -> b.queueUrl(jobsUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY).contains(":orders-dlq"), "the DLQ's ARN flowed into the redrive");
        assertEquals("orders.aws_s3_bucket.data", tagOnBucket("orders-data", Tags.ADDRESS_TAG));
        assertEquals("platctl", tagOnBucket("orders-data", "managed-by"));

        Plan again = session.plan(engine, NORMAL);
        assertFalse(again.hasChanges(), () -> actions(again).toString());
        assertTrue(again.drift().isEmpty(), () -> again.drift().toString());

        ws.request("shop", "orders", "app-storage@1.0.0", "versioning: true", "visibility: 90");
        Plan update = session.plan(engine, NORMAL);
        assertEquals(Action.UPDATE, change(update, "orders.aws_s3_bucket.data").action());
        assertEquals(Action.UPDATE, change(update, "orders.aws_sqs_queue.jobs").action());
        session.apply(engine, update);
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket("orders-data")).status());

        s3.putBucketVersioning(b -> b.bucket("orders-data").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        sqs.setQueueAttributes(b -> b.queueUrl(jobsUrl).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10")));
        Plan drift = session.plan(engine, REFRESH_ONLY);
        assertEquals(List.of("orders.aws_s3_bucket.data", "orders.aws_sqs_queue.jobs"), drifted(drift));
        Plan repair = session.plan(engine, NORMAL);
        assertEquals(ChangeReason.DRIFTED, change(repair, "orders.aws_s3_bucket.data").reason());
        assertEquals(ChangeReason.DRIFTED, change(repair, "orders.aws_sqs_queue.jobs").reason());
        session.apply(engine, repair);
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket("orders-data")).status());
        assertFalse(session.plan(engine, NORMAL).hasChanges());

        Plan destroy = session.plan(engine, DESTROY);
        assertTrue(destroy.changes().stream().allMatch(c -> c.action() == Action.DELETE), () -> actions(destroy).toString());
        session.apply(engine, destroy);
        assertTrue(s3.listBuckets().buckets().isEmpty());
        assertTrue(sqs.listQueues().queueUrls().isEmpty());
        assertTrue(store.read("shop").resources().isEmpty());
    }

    @Test
    void aFailedCreateReportsAwsCodeOnceWithTheAddressAndTheBucketsName() {
        s3.createBucket(b -> b.bucket("taken-data").createBucketConfiguration(c -> c.locationConstraint(AwsTesting.REGION)));
        ws.request("shop", "taken", "app-storage@1.0.0");
        Plan p = session.plan(engine, NORMAL);
        ApplyResult r = session.tryApply(engine, p);
        assertFalse(r.succeeded());
        String text = r.diagnostics().toString();
        assertTrue(text.contains("cannot create aws_s3_bucket taken.aws_s3_bucket.data (taken-data): BucketAlreadyOwnedByYou: "),
                "the address, then which bucket: " + text);
        assertFalse(text.contains("cannot create aws_s3_bucket taken.aws_s3_bucket.data (taken-data): cannot create"), text);
        assertTrue(store.read("shop").find(ResourceAddress.parse("taken.aws_s3_bucket.data")).isEmpty(),
                "a bucket platctl did not create is not adopted");
    }

    private String tagOnBucket(String bucket, String key) {
        return s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().stream().filter(t -> t.key().equals(key))
                .findFirst().orElseThrow().value();
    }
}
