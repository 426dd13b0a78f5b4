package dev.platctl.providers.aws;

import dev.platctl.engine.Engine;
import dev.platctl.engine.address.ResourceAddress;
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
import dev.platctl.engine.state.StackLocks;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A module of a bucket, a queue with its dead-letter queue and a role, planned and applied by the engine against the AWS test backend. */
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
    S3Client s3;
    SqsClient sqs;

    @BeforeEach
    void setUp(AwsBackend.Emulator emulator) {
        ws = new Workspace(dir).file("modules/app-storage/module.hcl", MODULE);
        provider = AwsTesting.provider(emulator, Map.of("managed-by", "platctl"));
        store = new InMemoryStateStore();
        engine = new Engine(new Providers(List.of(provider)), store, Clock.systemUTC(), 4);
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
        Plan first = plan(PlanOptions.normal());
        assertEquals(Map.of("orders.aws_s3_bucket.data", Action.CREATE, "orders.aws_sqs_queue.dlq", Action.CREATE,
                "orders.aws_sqs_queue.jobs", Action.CREATE, "orders.aws_iam_role.app", Action.CREATE), actions(first));
        assertApplied(first);
        String jobsUrl = sqs.getQueueUrl(b -> b.queueName("orders-jobs")).queueUrl();
        assertTrue(sqs.getQueueAttributes(b -> b.queueUrl(jobsUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY).contains(":orders-dlq"), "the DLQ's ARN flowed into the redrive");
        assertEquals("orders.aws_s3_bucket.data", tagOnBucket("orders-data", Tags.ADDRESS_TAG));
        assertEquals("platctl", tagOnBucket("orders-data", "managed-by"));

        Plan again = plan(PlanOptions.normal());
        assertFalse(again.hasChanges(), () -> actions(again).toString());
        assertTrue(again.drift().isEmpty(), () -> again.drift().toString());

        ws.request("shop", "orders", "app-storage@1.0.0", "versioning: true", "visibility: 90");
        Plan update = plan(PlanOptions.normal());
        assertEquals(Action.UPDATE, change(update, "orders.aws_s3_bucket.data").action());
        assertEquals(Action.UPDATE, change(update, "orders.aws_sqs_queue.jobs").action());
        assertApplied(update);
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket("orders-data")).status());

        s3.putBucketVersioning(b -> b.bucket("orders-data").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        sqs.setQueueAttributes(b -> b.queueUrl(jobsUrl).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10")));
        Plan drift = plan(new PlanOptions(Plan.Mode.REFRESH_ONLY, true, java.util.Set.of()));
        assertEquals(List.of("orders.aws_s3_bucket.data", "orders.aws_sqs_queue.jobs"),
                drift.drift().stream().map(d -> d.address().toString()).sorted().toList());
        Plan repair = plan(PlanOptions.normal());
        assertEquals(ChangeReason.DRIFTED, change(repair, "orders.aws_s3_bucket.data").reason());
        assertEquals(ChangeReason.DRIFTED, change(repair, "orders.aws_sqs_queue.jobs").reason());
        assertApplied(repair);
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket("orders-data")).status());
        assertFalse(plan(PlanOptions.normal()).hasChanges());

        Plan destroy = plan(new PlanOptions(Plan.Mode.DESTROY, true, java.util.Set.of()));
        assertTrue(destroy.changes().stream().allMatch(c -> c.action() == Action.DELETE), () -> actions(destroy).toString());
        assertApplied(destroy);
        assertTrue(s3.listBuckets().buckets().isEmpty());
        assertTrue(sqs.listQueues().queueUrls().isEmpty());
        assertTrue(store.read("shop").resources().isEmpty());
    }

    @Test
    void aFailedCreateReportsAwsCodeOnceWithTheAddress() {
        s3.createBucket(b -> b.bucket("taken-data").createBucketConfiguration(c -> c.locationConstraint(AwsTesting.REGION)));
        ws.request("shop", "taken", "app-storage@1.0.0");
        Plan p = plan(PlanOptions.normal());
        Configuration cfg = config();
        try (StackLocks locks = engine.lock(new TreeSet<>(List.of("shop")), who(), Duration.ZERO)) {
            ApplyResult r = engine.apply(cfg, p, locks, new ApplyOptions(4, 4, "tester", "apply", new Cancellation()),
                    ApplyListener.NONE, "hash");
            assertFalse(r.succeeded());
            String text = r.diagnostics().toString();
            assertTrue(text.contains("cannot create aws_s3_bucket taken.aws_s3_bucket.data: BucketAlreadyOwnedByYou: "), text);
            assertFalse(text.contains("cannot create aws_s3_bucket taken.aws_s3_bucket.data: cannot create"), text);
        }
        assertTrue(store.read("shop").find(ResourceAddress.parse("taken.aws_s3_bucket.data")).isEmpty(),
                "a bucket platctl did not create is not adopted");
    }

    private String tagOnBucket(String bucket, String key) {
        return s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().stream().filter(t -> t.key().equals(key))
                .findFirst().orElseThrow().value();
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

    private Plan plan(PlanOptions opts) {
        Configuration cfg = opts.mode() == Plan.Mode.NORMAL ? config() : null;
        try (StackLocks locks = engine.lock(engine.stacks(Optional.ofNullable(cfg)), who(), Duration.ZERO)) {
            Diagnostics d = new Diagnostics();
            Optional<Plan> p = engine.plan(cfg, locks, opts, d);
            assertFalse(d.hasErrors(), d::toString);
            return p.orElseThrow();
        }
    }

    private void assertApplied(Plan plan) {
        Configuration cfg = plan.mode() == Plan.Mode.NORMAL ? config() : null;
        try (StackLocks locks = engine.lock(new TreeSet<>(plan.stacks().stream().map(s -> s.stack()).toList()), who(), Duration.ZERO)) {
            ApplyResult r = engine.apply(cfg, plan, locks, new ApplyOptions(4, 4, "tester", "apply", new Cancellation()),
                    ApplyListener.NONE, "hash");
            assertTrue(r.succeeded(), r.diagnostics()::toString);
        }
    }

    private static Map<String, Action> actions(Plan p) {
        Map<String, Action> m = new TreeMap<>();
        for (ResourceChange c : p.changes()) m.put(c.address().toString(), c.action());
        return m;
    }

    private static ResourceChange change(Plan p, String address) {
        return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
    }
}
