package dev.platctl.providers.aws;

import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.platctl.providers.aws.AwsTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Planning AWS resources needs neither AWS, a region nor credentials: an offline provider (platctl validate), given an
 * empty environment, plans what an online one plans, checks the configuration the same, and refuses any call to AWS.
 */
class OfflinePlanTest {
    static PlanResult plan(AwsProvider p, String type, ObjectValue config) {
        return p.resourceType(type).orElseThrow().plan(Optional.empty(), config);
    }

    @Test
    void offlineAPlanIsTheOnlineOneWithoutAnyCredentialsOrRegion() {
        ObjectValue block = obj("default_tags", obj("managed-by", "platctl"));
        ObjectValue bucket = obj("bucket", "acme-logs", "tags", obj("team", "payments"));
        try (AwsProvider offline = new AwsProvider(Map.of(), true); AwsProvider online = new AwsProvider(Map.of())) {
            assertFalse(offline.configure(block).hasErrors());
            assertFalse(online.configure(block).hasErrors());
            PlanResult r = plan(offline, S3BucketType.TYPE, bucket);
            assertFalse(r.diagnostics().hasErrors(), r.diagnostics().toString());
            assertEquals(plan(online, S3BucketType.TYPE, bucket).planned(), r.planned());
            assertEquals(obj("managed-by", "platctl", "team", "payments"), r.planned().getOrNull("tags_all"));
            assertEquals(Value.UNKNOWN, r.planned().getOrNull("arn"), "known after apply, from the region AWS is in");
        }
    }

    @Test
    void offlineConfigurationProblemsAreStillFound() {
        try (AwsProvider p = new AwsProvider(Map.of(), true)) {
            assertFalse(p.configure(ObjectValue.EMPTY).hasErrors());
            assertEquals(List.of("Invalid value for \"bucket\""), plan(p, S3BucketType.TYPE, obj("bucket", "Not_A_Bucket")).diagnostics()
                    .errors().stream().map(d -> d.summary()).toList());
            assertEquals(List.of("Unsupported attribute \"colour\""), plan(p, SqsQueueType.TYPE, obj("name", "jobs", "colour", "blue"))
                    .diagnostics().errors().stream().map(d -> d.summary()).toList());
        }
    }

    @Test
    void offlineAwsIsNeverCalled() {
        try (AwsProvider p = new AwsProvider(Map.of(), true)) {
            p.configure(obj("region", "eu-west-1", "access_key", "testing", "secret_key", "testing", "endpoint", "http://127.0.0.1:9"));
            ResourceType buckets = p.resourceType(S3BucketType.TYPE).orElseThrow();
            ProviderException e = assertThrows(ProviderException.class, () -> buckets.read(obj("bucket", "acme-logs", "id", "acme-logs")));
            assertEquals("cannot call AWS: provider \"aws\" was made offline, to plan without AWS (platctl validate)", e.getMessage());
            ProviderException batch = assertThrows(ProviderException.class, () -> buckets.readAll(List.of(
                    obj("bucket", "acme-logs", "id", "acme-logs"), obj("bucket", "acme-data", "id", "acme-data"))));
            assertEquals(e.getMessage(), batch.getMessage(), "a batch read makes no call either, nor the pool for its detail calls");
        }
    }
}
