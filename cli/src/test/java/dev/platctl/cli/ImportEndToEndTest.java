package dev.platctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platctl.engine.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code platctl import} through the real CLI against moto: a queue pair and a bucket made by hand with the AWS SDK are
 * imported at the addresses the platform's modules declare, and the next plan shows exactly what the platform enforces.
 */
@ExtendWith(MotoServer.class)
class ImportEndToEndTest {
    @TempDir
    Path root;
    Path ws;
    SqsClient sqs;
    S3Client s3;
    String jobsUrl;
    String dlqUrl;

    @BeforeEach
    void makeAWorkspaceAndObjectsByHand(MotoServer.Moto moto) throws IOException {
        ExampleCopy.tree(Path.of("..").toAbsolutePath().normalize().resolve("modules"), root.resolve("modules"));
        ws = root.resolve("ws");
        write("platctl.hcl", """
                workspace {
                  modules  = "../modules"
                  requests = "requests"
                }
                provider "aws" {
                  region     = "eu-west-1"
                  endpoint   = "%s"
                  access_key = "testing"
                  secret_key = "testing"
                }
                """.formatted(moto.endpoint()));
        write("requests/legacy/jobs.yaml", """
                apiVersion: platctl.dev/v1
                kind: Queue
                metadata:
                  name: jobs
                  team: legacy
                spec:
                  module: queue@^1.0
                  parameters:
                    visibilityTimeoutSeconds: 60
                    maxReceiveCount: 4
                """);
        write("requests/legacy/files.yaml", """
                apiVersion: platctl.dev/v1
                kind: Bucket
                metadata:
                  name: files
                  team: legacy
                spec:
                  module: s3-bucket@^1.0
                """);

        sqs = MotoClients.of(SqsClient.builder(), moto.endpoint());
        s3 = MotoClients.of(S3Client.builder().forcePathStyle(true), moto.endpoint());

        // What the queue module would have made, made by hand: a dead-letter queue kept 14 days and the queue redriving to it.
        dlqUrl = sqs.createQueue(b -> b.queueName("legacy-jobs-dlq")
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))
                .tags(Map.of("team", "legacy", "role", "dead-letter"))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        jobsUrl = sqs.createQueue(b -> b.queueName("legacy-jobs")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60",
                        QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"4\"}"))
                .tags(Map.of("team", "legacy"))).queueUrl();
        // A bucket made the quick way: no tags, no public access block.
        s3.createBucket(b -> b.bucket("legacy-files")
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
    }

    @AfterEach
    void closeClients() {
        sqs.close();
        s3.close();
    }

    @Test
    void importedObjectsArePlannedAgainstTheConfigurationAndOnlyTheEnforcedDifferencesShow() throws IOException {
        CliRun before = platctl("plan");
        assertEquals(0, before.exit(), before::toString);
        assertTrue(before.out().contains("Plan: 3 to add, 0 to change, 0 to destroy."), before::toString);

        CliRun dlq = platctl("import", "jobs.aws_sqs_queue.dlq", "legacy-jobs-dlq");
        assertEquals(0, dlq.exit(), dlq::toString);
        assertEquals("Imported aws_sqs_queue jobs.aws_sqs_queue.dlq (id legacy-jobs-dlq) into stack legacy.\n"
                + "\nIt is in state now and platctl manages it. Run `platctl plan` to see how it differs from the configuration;"
                + "\nthe next apply makes it match.\n", dlq.out());

        CliRun jobs = platctl("import", "jobs.aws_sqs_queue.this", jobsUrl, "--json");
        assertEquals(0, jobs.exit(), jobs::toString);
        JsonNode json = new ObjectMapper().readTree(jobs.out());
        assertEquals("jobs.aws_sqs_queue.this", json.get("address").asText());
        assertEquals("legacy", json.get("stack").asText());
        assertEquals("queue@1.0.0", json.get("module").asText());
        assertEquals(jobsUrl, json.get("values").get("url").asText());
        assertEquals(60, json.get("values").get("visibility_timeout_seconds").asInt());
        assertEquals(4, json.get("values").get("max_receive_count").asInt());

        CliRun bucket = platctl("import", "files.aws_s3_bucket.this", "legacy-files");
        assertEquals(0, bucket.exit(), bucket::toString);

        CliRun plan = platctl("plan", "--detailed-exitcode");
        assertEquals(2, plan.exit(), plan::toString);
        // The queues were made as the module makes them: no change. The bucket gets what the platform enforces.
        assertEquals("""
                platctl will perform the following actions:

                  # files.aws_s3_bucket.this will be updated in place
                  ~ resource "aws_s3_bucket" "this" {
                      ~ block_public_acls       = false -> true
                      ~ block_public_policy     = false -> true
                      ~ force_destroy           = false -> true
                      ~ ignore_public_acls      = false -> true
                      ~ restrict_public_buckets = false -> true
                      + sse_algorithm           = "AES256"
                      + tags                    = {
                          + lifecycle = "development"
                          + team      = "legacy"
                        }
                      ~ tags_all                = {
                          + lifecycle = "development"
                          + team      = "legacy"
                        }
                        # (6 unchanged attributes hidden)
                    }

                Plan: 0 to add, 1 to change, 0 to destroy.
                """, plan.out());

        CliRun history = platctl("state", "history");
        for (String entry : new String[]{"import jobs.aws_sqs_queue.dlq: ok", "import jobs.aws_sqs_queue.this: ok", "import files.aws_s3_bucket.this: ok"})
            assertTrue(history.out().contains(entry), history::toString);

        CliRun apply = platctl("apply", "--auto-approve");
        assertEquals(0, apply.exit(), apply::toString);
        assertTrue(apply.out().contains("Resources: 0 added, 1 changed, 0 destroyed."), apply::toString);
        var block = s3.getPublicAccessBlock(b -> b.bucket("legacy-files")).publicAccessBlockConfiguration();
        assertTrue(block.blockPublicAcls() && block.blockPublicPolicy() && block.ignorePublicAcls() && block.restrictPublicBuckets());
        CliRun clean = platctl("plan", "--detailed-exitcode");
        assertEquals(0, clean.exit(), clean::toString);
        assertEquals(2, sqs.listQueues().queueUrls().size(), "nothing was created twice");
    }

    @Test
    void importErrorsNameTheProblemAndExitOne() {
        CliRun typo = platctl("import", "jobs.aws_sqs_queue.thiss", jobsUrl);
        assertEquals(1, typo.exit(), typo::toString);
        assertTrue(typo.err().contains("no resource jobs.aws_sqs_queue.thiss in the configuration. Did you mean jobs.aws_sqs_queue.this?"),
                typo::toString);

        CliRun missing = platctl("import", "jobs.aws_sqs_queue.this", "legacy-nothing");
        assertEquals(1, missing.exit(), missing::toString);
        assertEquals("Error: cannot import aws_sqs_queue jobs.aws_sqs_queue.this: no object with id \"legacy-nothing\" exists"
                + " (the README's section on its provider says which id aws_sqs_queue takes)\n", missing.err());

        assertEquals(0, platctl("import", "jobs.aws_sqs_queue.this", jobsUrl).exit());
        CliRun twice = platctl("import", "jobs.aws_sqs_queue.this", jobsUrl);
        assertEquals(1, twice.exit(), twice::toString);
        assertTrue(twice.err().contains("jobs.aws_sqs_queue.this is already in the state of stack 'legacy'"), twice::toString);
        assertTrue(twice.err().contains("platctl state rm jobs.aws_sqs_queue.this"), twice::toString);
        assertEquals("jobs.aws_sqs_queue.this\n", platctl("state", "list").out());
    }

    CliRun platctl(String... args) {
        return CliRun.run(ws, args);
    }

    void write(String relative, String text) throws IOException {
        Path p = ws.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
