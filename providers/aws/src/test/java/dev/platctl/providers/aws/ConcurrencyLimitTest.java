package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static dev.platctl.providers.aws.AwsTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code max_concurrent_requests}: parallel creates never have more calls in flight to a service than its limit. */
@ExtendWith(AwsBackend.class)
class ConcurrencyLimitTest {
    static final int CREATES = 8;

    @Test
    void parallelCreatesStayWithinEachServicesLimit(AwsBackend.Emulator emulator) throws Exception {
        try (CountingProxy proxy = new CountingProxy(emulator.endpoint());
             AwsProvider p = provider(proxy, Map.of("default", 3, "s3", 2, "sqs", 1))) {
            createInParallel(p);
            assertTrue(proxy.total("s3") > CREATES && proxy.total("sqs") > CREATES, "every create made its calls through the proxy");
            assertEquals(2, proxy.peak("s3"), "s3 reached its limit of 2 and never went above it");
            assertEquals(1, proxy.peak("sqs"), "sqs calls were made one at a time");
        }
    }

    @Test
    void withoutLimitsTheSameCreatesOverlapMore(AwsBackend.Emulator emulator) throws Exception {
        try (CountingProxy proxy = new CountingProxy(emulator.endpoint()); AwsProvider p = provider(proxy, Map.of())) {
            createInParallel(p);
            assertTrue(proxy.peak("s3") > 2, "the proxy sees overlapping calls, so the limits above are what held them back");
        }
    }

    @Test
    void aFailedCallGivesItsSlotBack() throws IOException {
        try (AwsTestDouble aws = new AwsTestDouble(AwsTestDouble.iamError(403, "AccessDenied", "denied"));
             AwsProvider p = AwsFailuresTest.provider(aws, "max_concurrent_requests", Map.of("iam", 1))) {
            ResourceType roles = p.resourceType(IamRoleType.TYPE).orElseThrow();
            assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
                for (int i = 0; i < 3; i++) assertThrows(ProviderException.class, () -> roles.read(AwsFailuresTest.role()));
            }, "a leaked permit would block the second call for ever");
            assertEquals(3, aws.requests());
        }
    }

    static AwsProvider provider(CountingProxy proxy, Map<String, Integer> limits) {
        AwsProvider p = new AwsProvider();
        ObjectValue config = obj("region", AwsTesting.REGION, "endpoint", proxy.endpoint(), "access_key", "testing", "secret_key", "testing");
        if (!limits.isEmpty()) config = config.with("max_concurrent_requests", obj(limits.entrySet().stream()
                .flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray()));
        Diagnostics d = p.configure(config);
        assertFalse(d.hasErrors(), d::toString);
        return p;
    }

    private static void createInParallel(AwsProvider p) throws Exception {
        ResourceType buckets = p.resourceType(S3BucketType.TYPE).orElseThrow();
        ResourceType queues = p.resourceType(SqsQueueType.TYPE).orElseThrow();
        String run = Long.toString(System.nanoTime(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(2 * CREATES);
        try {
            List<Future<ObjectValue>> done = new ArrayList<>();
            for (int i = 0; i < CREATES; i++) {
                String name = "load-" + run + "-" + i;
                done.add(pool.submit(() -> AwsTesting.create(buckets, obj("bucket", name), "load.aws_s3_bucket." + name)));
                done.add(pool.submit(() -> AwsTesting.create(queues, obj("name", name), "load.aws_sqs_queue." + name)));
            }
            for (Future<ObjectValue> f : done) assertTrue(Attrs.string(f.get(), "arn").isPresent());
        } finally {
            pool.shutdownNow();
        }
    }
}
