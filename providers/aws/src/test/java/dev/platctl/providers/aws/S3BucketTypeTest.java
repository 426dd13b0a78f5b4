package dev.platctl.providers.aws;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.aws.AwsTesting.assertNoChange;
import static dev.platctl.providers.aws.AwsTesting.obj;
import static dev.platctl.providers.aws.AwsTesting.tagsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AwsBackend.class)
class S3BucketTypeTest {
    static final String KEY = "payments.aws_s3_bucket.data";

    AwsBackend.Emulator emulator;
    AwsProvider provider;
    ResourceType buckets;
    S3Client s3;

    @BeforeEach
    void setUp(AwsBackend.Emulator emulator) {
        this.emulator = emulator;
        provider = AwsTesting.provider(emulator, Map.of("team", "payments"));
        buckets = AwsTesting.type(provider, S3BucketType.TYPE);
        s3 = AwsTesting.s3(emulator);
    }

    @AfterEach
    void tearDown() {
        provider.close();
        s3.close();
    }

    static ObjectValue config(String bucket, boolean versioning, Map<String, String> tags) {
        return obj("bucket", bucket, "versioning_enabled", versioning, "tags", tags);
    }

    @Test
    void fullLifecycleAgainstMoto() {
        ObjectValue config = config("platctl-data-1", false, Map.of("env", "dev"));
        ObjectValue state = AwsTesting.create(buckets, config, KEY);
        assertEquals("arn:aws:s3:::platctl-data-1", Attrs.string(state, "arn").orElseThrow());
        assertEquals(Map.of("env", "dev", "team", "payments"), tagsAll(state), "default tags merged");
        assertEquals(Map.of("env", "dev", "team", "payments", Tags.ADDRESS_TAG, KEY), tagsOnBucket("platctl-data-1"),
                "the idempotency tag is on the bucket but not in tags_all");
        assertEquals("AES256", s3.getBucketEncryption(b -> b.bucket("platctl-data-1")).serverSideEncryptionConfiguration()
                .rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithmAsString(), "encrypted by default");
        assertTrue(s3.getPublicAccessBlock(b -> b.bucket("platctl-data-1")).publicAccessBlockConfiguration().blockPublicAcls());

        assertEquals(Optional.of(state), buckets.read(state), "read gives back what create returned");
        assertNoChange(buckets, state, config);

        ObjectValue updatedConfig = config("platctl-data-1", true, Map.of("env", "prod"));
        state = AwsTesting.update(buckets, state, updatedConfig);
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket("platctl-data-1")).status());
        assertEquals("prod", tagsOnBucket("platctl-data-1").get("env"));
        assertEquals(KEY, tagsOnBucket("platctl-data-1").get(Tags.ADDRESS_TAG), "an update keeps the idempotency tag");
        assertEquals(Optional.of(state), buckets.read(state));
        assertNoChange(buckets, state, updatedConfig);

        ObjectValue renamed = config("platctl-data-2", true, Map.of("env", "prod"));
        PlanResult replace = buckets.plan(Optional.of(state), renamed);
        assertEquals(Set.of(AttributePath.of("bucket")), replace.requiresReplace(), "a new name replaces the bucket");
        buckets.delete(state);
        state = AwsTesting.create(buckets, renamed, KEY);
        assertEquals(Optional.empty(), buckets.read(config("platctl-data-1", true, Map.of())), "the old bucket is gone");

        s3.putBucketVersioning(b -> b.bucket("platctl-data-2").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        s3.putBucketTagging(b -> b.bucket("platctl-data-2").tagging(t -> t.tagSet(
                Tag.builder().key("env").value("tampered").build(), Tag.builder().key("team").value("payments").build(),
                Tag.builder().key(Tags.ADDRESS_TAG).value(KEY).build())));
        ObjectValue drifted = buckets.read(state).orElseThrow();
        assertEquals(Value.FALSE, drifted.getOrNull("versioning_enabled"), "suspended versioning is read back");
        assertEquals(Map.of("env", "tampered", "team", "payments"), tagsAll(drifted));
        assertNotEquals(state, drifted);

        ObjectValue repaired = AwsTesting.update(buckets, drifted, renamed);
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket("platctl-data-2")).status());
        assertEquals(Optional.of(repaired), buckets.read(repaired));
        assertEquals(state, repaired, "the repair restores what was applied");

        ObjectValue imported = buckets.importState("platctl-data-2").orElseThrow();
        assertNoChange(buckets, imported, renamed);

        buckets.delete(imported);
        assertEquals(Optional.empty(), buckets.read(imported));
        assertEquals(Optional.empty(), buckets.importState("platctl-data-2"));
    }

    @Test
    void lifecycleRulesLiveThroughUpdatesDriftAndImport() {
        ObjectValue logs = obj("id", "expire-logs", "prefix", "logs/", "expiration_days", 30,
                "transition", List.of(obj("days", 90, "storage_class", "GLACIER"), obj("days", 30, "storage_class", "STANDARD_IA")));
        ObjectValue uploads = obj("id", "abort-uploads", "abort_incomplete_multipart_upload_days", 7);
        ObjectValue config = obj("bucket", "platctl-life", "versioning_enabled", true, "lifecycle_rule", List.of(logs, uploads));
        ObjectValue state = AwsTesting.create(buckets, config, KEY);
        var onBucket = s3.getBucketLifecycleConfiguration(b -> b.bucket("platctl-life")).rules();
        assertEquals(List.of("abort-uploads", "expire-logs"), onBucket.stream().map(r -> r.id()).sorted().toList());
        assertEquals(List.of(obj("id", "abort-uploads", "enabled", true, "prefix", null, "tags", Map.of(), "expiration_days", null,
                                "noncurrent_version_expiration_days", null, "transition", List.of(), "abort_incomplete_multipart_upload_days", 7),
                        obj("id", "expire-logs", "enabled", true, "prefix", "logs/", "tags", Map.of(), "expiration_days", 30,
                                "noncurrent_version_expiration_days", null, "abort_incomplete_multipart_upload_days", null,
                                "transition", List.of(obj("days", 30, "storage_class", "STANDARD_IA"), obj("days", 90, "storage_class", "GLACIER")))),
                ((dev.platctl.engine.value.ListValue) state.getOrNull("lifecycle_rule")).items(),
                "rules sorted by id and transitions by days, every field present");
        assertEquals(Optional.of(state), buckets.read(state));
        assertNoChange(buckets, state, config);

        ObjectValue tagged = obj("id", "old-versions", "tags", Map.of("class", "scratch"), "noncurrent_version_expiration_days", 3);
        ObjectValue both = obj("id", "tmp", "enabled", false, "prefix", "tmp/", "tags", Map.of("a", "1", "b", "2"), "expiration_days", 1);
        ObjectValue updated = config.with("lifecycle_rule", Value.list(List.of(both, tagged, logs)));
        state = AwsTesting.update(buckets, state, updated);
        assertEquals(Optional.of(state), buckets.read(state), "a one-tag filter and an And filter of prefix and tags read back as written");
        assertNoChange(buckets, state, updated);

        s3.putBucketLifecycleConfiguration(b -> b.bucket("platctl-life").lifecycleConfiguration(c -> c.rules(
                software.amazon.awssdk.services.s3.model.LifecycleRule.builder().id("expire-logs").status("Enabled")
                        .filter(f -> f.prefix("logs/")).expiration(e -> e.days(1)).build())));
        ObjectValue drifted = buckets.read(state).orElseThrow();
        assertEquals(1, ((dev.platctl.engine.value.ListValue) drifted.getOrNull("lifecycle_rule")).size(), "the rules replaced outside platctl");
        assertNotEquals(state, drifted);
        assertEquals(state, AwsTesting.update(buckets, drifted, updated));
        assertEquals(Optional.of(state), buckets.read(state), "the written rules are back");

        ObjectValue imported = buckets.importState("platctl-life").orElseThrow();
        assertNoChange(buckets, imported, updated);

        ObjectValue none = config.without("lifecycle_rule");
        state = AwsTesting.update(buckets, imported, none);
        assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class,
                () -> s3.getBucketLifecycleConfiguration(b -> b.bucket("platctl-life")), "no rules left: the configuration is deleted");
        assertEquals(Optional.of(state), buckets.read(state));
        buckets.delete(state);
        assertEquals(Optional.empty(), buckets.read(state));
    }

    @Test
    void planNamesTheLifecycleRuleAndFieldAtFault() {
        PlanResult p = buckets.plan(Optional.empty(), obj("bucket", "platctl-bad", "lifecycle_rule", List.of(
                obj("id", "a", "expiration_days", 0),
                obj("id", "a", "abort_incomplete_multipart_upload_days", 1),
                obj("id", "b", "transition", obj("days", 10, "storage_class", "STANDARD_IA")),
                obj("id", "c"))));
        assertEquals(List.of("aws_s3_bucket.lifecycle_rule[0].expiration_days must be a whole number of days, at least 1, got 0.",
                        "aws_s3_bucket.lifecycle_rule[1].id \"a\" is used by another rule of the bucket.",
                        "aws_s3_bucket.lifecycle_rule[2].transition.days must be at least 30 for STANDARD_IA (S3 keeps objects 30 days"
                                + " in STANDARD first), got 10.",
                        "aws_s3_bucket.lifecycle_rule[3] has no action: set expiration_days, noncurrent_version_expiration_days,"
                                + " transition or abort_incomplete_multipart_upload_days."),
                p.diagnostics().errors().stream().map(d -> d.detail()).toList());
        assertTrue(p.diagnostics().errors().stream().allMatch(d -> d.summary().equals("Invalid value for \"lifecycle_rule\"")));
    }

    @Test
    void deletingANonEmptyBucketIsRefusedUnlessForceDestroyIsSet() {
        ObjectValue state = AwsTesting.create(buckets, config("platctl-full", true, Map.of()), KEY);
        s3.putObject(b -> b.bucket("platctl-full").key("a.txt"), RequestBody.fromString("one"));
        s3.putObject(b -> b.bucket("platctl-full").key("a.txt"), RequestBody.fromString("two"));

        ProviderException e = assertThrows(ProviderException.class, () -> buckets.delete(state));
        assertTrue(e.getMessage().startsWith("cannot delete aws_s3_bucket platctl-full: BucketNotEmpty: "), e.getMessage());
        assertTrue(e.getMessage().contains("(status 409)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("set force_destroy = true to delete them with the bucket"), e.getMessage());
        assertTrue(buckets.read(state).isPresent());

        ObjectValue forced = AwsTesting.update(buckets, state, obj("bucket", "platctl-full", "versioning_enabled", true,
                "force_destroy", true));
        buckets.delete(forced);
        assertEquals(Optional.empty(), buckets.read(forced));
    }

    @Test
    void creatingABucketThatExistsKeepsAwsErrorCode() {
        s3.createBucket(b -> b.bucket("platctl-taken").createBucketConfiguration(c -> c.locationConstraint(AwsTesting.REGION)));
        ProviderException e = assertThrows(ProviderException.class,
                () -> AwsTesting.create(buckets, config("platctl-taken", false, Map.of()), KEY));
        assertTrue(e.getMessage().matches("cannot create aws_s3_bucket platctl-taken: BucketAlreadyOwnedByYou: .+ \\(status 409\\)"),
                "the bucket's name, not the address: " + e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void lookupAdoptsOnlyABucketCarryingItsKey() {
        ObjectValue planned = buckets.plan(Optional.empty(), config("platctl-crash", false, Map.of())).planned();
        assertEquals(Optional.empty(), buckets.lookup(KEY, planned), "nothing created yet");
        ObjectValue created = buckets.create(planned, KEY);
        assertEquals(Optional.of(created), buckets.lookup(KEY, planned));
        assertEquals(Optional.empty(), buckets.lookup("other.aws_s3_bucket.data", planned), "another address's key");
    }

    @Test
    void planRejectsAnInvalidNameAndAKeyWithoutKms() {
        PlanResult p = buckets.plan(Optional.empty(), obj("bucket", "Not_Valid", "kms_master_key_id", "k"));
        assertEquals(List.of("Invalid value for \"bucket\"", "Conflicting values for \"kms_master_key_id\""),
                p.diagnostics().errors().stream().map(d -> d.summary()).toList());
    }

    private Map<String, String> tagsOnBucket(String bucket) {
        Map<String, String> out = new java.util.TreeMap<>();
        s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().forEach(t -> out.put(t.key(), t.value()));
        return out;
    }
}
