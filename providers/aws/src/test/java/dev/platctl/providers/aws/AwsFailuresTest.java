package dev.platctl.providers.aws;

import dev.platctl.engine.testing.MotoServer;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import static dev.platctl.providers.aws.AwsTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throttling and AccessDenied as AWS sends them: from a local test double the provider is pointed at, and
 * AccessDenied also from a moto server that enforces IAM.
 */
@ExtendWith(AwsBackend.class)
class AwsFailuresTest {
    static AwsProvider provider(AwsTestDouble aws, Object... extra) {
        AwsProvider p = new AwsProvider();
        ObjectValue config = obj("region", "eu-west-1", "endpoint", aws.endpoint(), "access_key", "testing", "secret_key", "testing");
        ObjectValue more = obj(extra);
        for (var e : more.attributes().entrySet()) config = config.with(e.getKey(), e.getValue());
        Diagnostics d = p.configure(config);
        assertFalse(d.hasErrors(), d::toString);
        return p;
    }

    static ObjectValue role() {
        return obj("name", "app", "assume_role_policy", "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    }

    @Test
    void throttlingIsRetriedUntilTheCallSucceeds() throws IOException {
        try (AwsTestDouble aws = new AwsTestDouble(
                AwsTestDouble.iamError(400, "Throttling", "Rate exceeded"),
                AwsTestDouble.iamError(429, "TooManyRequests", "Too many requests"),
                AwsTestDouble.iamError(400, "RequestLimitExceeded", "Request limit exceeded"),
                AwsTestDouble.iamRole("app"));
             AwsProvider p = provider(aws)) {
            ResourceType roles = p.resourceType(IamRoleType.TYPE).orElseThrow();
            Optional<ObjectValue> read = roles.read(role());
            assertEquals(Value.of("arn:aws:iam::123456789012:role/app"), read.orElseThrow().getOrNull("arn"));
            assertEquals(4, aws.requests(), "three throttled answers (the SDK's default gives up after three attempts), then success");
        }
    }

    @Test
    void throttlingThatOutlastsEveryAttemptKeepsItsCodeAndIsMarkedRetryable() throws IOException {
        try (AwsTestDouble aws = new AwsTestDouble(AwsTestDouble.iamError(400, "Throttling", "Rate exceeded"));
             AwsProvider p = provider(aws, "max_attempts", 2)) {
            ResourceType roles = p.resourceType(IamRoleType.TYPE).orElseThrow();
            ProviderException e = assertThrows(ProviderException.class, () -> roles.read(role()));
            assertEquals("cannot read aws_iam_role app: Throttling: Rate exceeded (status 400)", e.getMessage());
            assertTrue(e.retryable());
            assertEquals(2, aws.requests(), "max_attempts bounds the attempts");
        }
    }

    /**
     * moto enforces IAM after INITIAL_NO_AUTH_ACTION_COUNT calls (a moto setting, so this test starts a moto server of
     * its own whatever the backend): the first three (unchecked) make a user allowed
     * to use SQS only; the provider, running as that user, is denied S3 with AWS's code. (moto 5.2.1 answers a
     * denied IAM or DynamoDB call with an EC2-shaped error body the SDK cannot parse, so S3 is the one asked.)
     */
    @Test
    void motoEnforcingIamDeniesAUserWithoutTheGrant() {
        try (MotoServer.Standalone server = MotoServer.standalone(Map.of("INITIAL_NO_AUTH_ACTION_COUNT", "3"));
             IamClient root = AwsTesting.iam(server.moto().endpoint())) {
            root.createUser(b -> b.userName("ci"));
            AccessKey key = root.createAccessKey(b -> b.userName("ci")).accessKey();
            root.putUserPolicy(b -> b.userName("ci").policyName("sqs-only").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}"));
            AwsProvider p = new AwsProvider();
            Diagnostics d = p.configure(obj("region", AwsTesting.REGION, "endpoint", server.moto().endpoint(),
                    "access_key", key.accessKeyId(), "secret_key", key.secretAccessKey()));
            assertFalse(d.hasErrors(), d::toString);
            try (p) {
                ObjectValue queue = AwsTesting.create(p.resourceType(SqsQueueType.TYPE).orElseThrow(), obj("name", "allowed"),
                        "ci.aws_sqs_queue.allowed");
                assertTrue(Attrs.string(queue, "url").isPresent(), "SQS is granted");
                ResourceType buckets = p.resourceType(S3BucketType.TYPE).orElseThrow();
                ObjectValue planned = buckets.plan(Optional.empty(), obj("bucket", "ci-artifacts")).planned();
                ProviderException e = assertThrows(ProviderException.class, () -> buckets.create(planned, "ci.aws_s3_bucket.artifacts"));
                assertTrue(e.getMessage().startsWith("cannot create aws_s3_bucket ci-artifacts: AccessDenied: "), e.getMessage());
                assertTrue(e.getMessage().endsWith("(status 403)"), e.getMessage());
                assertFalse(e.retryable());
            }
        }
    }

    @Test
    void accessDeniedIsReportedWithItsCodeAndNotRetried() throws IOException {
        String denied = "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:GetRole on resource: role app";
        try (AwsTestDouble aws = new AwsTestDouble(AwsTestDouble.iamError(403, "AccessDenied", denied));
             AwsProvider p = provider(aws, "default_tags", Map.of("team", "payments"))) {
            ResourceType roles = p.resourceType(IamRoleType.TYPE).orElseThrow();
            ProviderException e = assertThrows(ProviderException.class, () -> roles.read(role()));
            assertEquals("cannot read aws_iam_role app: AccessDenied: " + denied + " (status 403)", e.getMessage());
            assertFalse(e.retryable());
            assertEquals(1, aws.requests(), "a denial is not retried");
        }
    }
}
