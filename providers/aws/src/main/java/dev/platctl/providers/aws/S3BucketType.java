package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code aws_s3_bucket}: a bucket with its versioning, default encryption, public access block, lifecycle
 * rules and tags as attributes of one resource (not as separate resource types, so a module states a bucket's whole
 * posture in one place).
 */
final class S3BucketType implements ResourceType {
    static final String TYPE = "aws_s3_bucket";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Set<String> ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");
    private static final Set<String> GONE = Set.of("NoSuchBucket");
    private static final List<String> ACCESS_BLOCK = List.of(
            "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets");

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "An S3 bucket.", List.of(
            AttributeSchema.required("bucket", AttributeType.STRING, "The bucket's globally unique name.").asForceNew(),
            AttributeSchema.optional("force_destroy", AttributeType.BOOL,
                    "Delete every object (and object version) when the bucket is deleted (default false: a"
                            + " non-empty bucket is not deleted)."),
            AttributeSchema.optional("versioning_enabled", AttributeType.BOOL,
                    "Keep every version of every object (default false; once enabled, false suspends versioning)."),
            AttributeSchema.optional("sse_algorithm", AttributeType.STRING,
                    "Default server-side encryption: AES256 (default), aws:kms or aws:kms:dsse."),
            AttributeSchema.optional("kms_master_key_id", AttributeType.STRING,
                    "The KMS key id or ARN for aws:kms encryption; default the account's aws/s3 key."),
            AttributeSchema.optional("block_public_acls", AttributeType.BOOL, "Public access block: reject public ACLs (default true)."),
            AttributeSchema.optional("block_public_policy", AttributeType.BOOL, "Public access block: reject public bucket policies (default true)."),
            AttributeSchema.optional("ignore_public_acls", AttributeType.BOOL, "Public access block: ignore public ACLs (default true)."),
            AttributeSchema.optional("restrict_public_buckets", AttributeType.BOOL,
                    "Public access block: only AWS services and the owner reach a bucket with a public policy (default true)."),
            AttributeSchema.optional("lifecycle_rule", AttributeType.ANY,
                    "Lifecycle rules: blocks or a list of { id, enabled (default true), prefix, tags, expiration_days,"
                            + " noncurrent_version_expiration_days, transition { days, storage_class },"
                            + " abort_incomplete_multipart_upload_days }; default none."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the bucket."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The bucket's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The bucket's name."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The bucket's ARN."),
            AttributeSchema.computed("region", AttributeType.STRING, "The region the bucket is in.")));

    private static final Map<String, Value> DEFAULTS = Map.of(
            "force_destroy", Value.FALSE, "versioning_enabled", Value.FALSE, "sse_algorithm", Value.of("AES256"),
            "block_public_acls", Value.TRUE, "block_public_policy", Value.TRUE,
            "ignore_public_acls", Value.TRUE, "restrict_public_buckets", Value.TRUE, "lifecycle_rule", ListValue.EMPTY);

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    S3BucketType(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, SchemaPlanner.withDefaults(proposed, DEFAULTS));
        Diagnostics diags = r.diagnostics();
        ObjectValue planned = r.planned().with("tags_all", Tags.planAll(r.planned(), aws.settings().defaultTags()))
                .with("id", r.planned().getOrNull("bucket"));
        Attrs.string(planned, "bucket").filter(b -> !NAME.matcher(b).matches() || b.contains(".."))
                .ifPresent(b -> diags.add(Diagnostic.error("Invalid value for \"bucket\"", TYPE + ".bucket must be 3 to 63"
                        + " lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, got \"" + b + "\".")));
        Optional<String> algorithm = Attrs.string(planned, "sse_algorithm");
        algorithm.filter(a -> !ALGORITHMS.contains(a)).ifPresent(a -> diags.add(Diagnostic.error(
                "Invalid value for \"sse_algorithm\"", TYPE + ".sse_algorithm must be AES256, aws:kms or aws:kms:dsse, got \"" + a + "\".")));
        if (algorithm.filter("AES256"::equals).isPresent() && !planned.getOrNull("kms_master_key_id").isNull())
            diags.add(Diagnostic.error("Conflicting values for \"kms_master_key_id\"",
                    TYPE + ".kms_master_key_id needs sse_algorithm aws:kms or aws:kms:dsse, not AES256."));
        Value rules = planned.getOrNull("lifecycle_rule");
        if (rules.isWhollyKnown()) {
            List<String> problems = new ArrayList<>();
            List<S3LifecycleRules.Rule> parsed = S3LifecycleRules.parse(rules, problems);
            problems.forEach(p -> diags.add(Diagnostic.error("Invalid value for \"lifecycle_rule\"", TYPE + "." + p + ".")));
            if (problems.isEmpty()) planned = planned.with("lifecycle_rule", S3LifecycleRules.value(parsed));
        }
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String name = Attrs.requireString(TYPE, planned, "bucket");
        S3Client s3 = aws.s3();
        Region region = aws.region();
        AwsErrors.run("create", TYPE, name, () -> s3.createBucket(b -> {
            b.bucket(name);
            if (!region.equals(Region.US_EAST_1)) b.createBucketConfiguration(c -> c.locationConstraint(region.id()));
        }));
        AwsErrors.run("create", TYPE, name, () -> {
            putTags(s3, name, Tags.onCreate(planned, idempotencyKey));
            if (Attrs.bool(planned, "versioning_enabled").orElse(false)) putVersioning(s3, name, true);
            putEncryption(s3, name, planned);
            putAccessBlock(s3, name, planned);
            if (!lifecycleRules(planned).isEmpty()) putLifecycle(s3, name, planned);
        });
        return withComputed(planned, name, region.id());
    }

    /**
     * Changes what differs between the bucket as it is now and the plan: the engine's prior state may predate
     * drift made outside platctl, so it is read again rather than trusted.
     */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "bucket");
        S3Client s3 = aws.s3();
        AwsErrors.run("update", TYPE, name, () -> {
            ObjectValue current = readBucket(s3, name, prior).orElseThrow(() -> gone(name));
            if (changed(current, planned, List.of("versioning_enabled")))
                putVersioning(s3, name, Attrs.bool(planned, "versioning_enabled").orElse(false));
            if (changed(current, planned, List.of("sse_algorithm", "kms_master_key_id"))) putEncryption(s3, name, planned);
            if (changed(current, planned, ACCESS_BLOCK)) putAccessBlock(s3, name, planned);
            if (changed(current, planned, List.of("lifecycle_rule"))) putLifecycle(s3, name, planned);
            if (changed(current, planned, List.of("tags_all"))) {
                Map<String, String> tags = new TreeMap<>(Attrs.stringMap(planned, "tags_all"));
                Optional.ofNullable(currentTags(s3, name).get(Tags.ADDRESS_TAG)).ifPresent(a -> tags.put(Tags.ADDRESS_TAG, a));
                putTags(s3, name, tags);
            }
        });
        return withComputed(planned, name, Attrs.string(prior, "region").orElse(aws.region().id()));
    }

    @Override
    public void delete(ObjectValue prior) {
        String name = Attrs.requireString(TYPE, prior, "bucket");
        S3Client s3 = aws.s3();
        try {
            if (Attrs.bool(prior, "force_destroy").orElse(false)) empty(s3, name);
            s3.deleteBucket(b -> b.bucket(name));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return;
            ProviderException p = AwsErrors.translate("delete", TYPE, name, e);
            if (e instanceof AwsServiceException a && AwsErrors.code(a).equals("BucketNotEmpty"))
                throw p.withHint("the bucket still holds objects: empty it first, or set force_destroy = true to delete them with the bucket");
            throw p;
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String name = Attrs.requireString(TYPE, state, "bucket");
        return AwsErrors.call("read", TYPE, name, () -> readBucket(aws.s3(), name, state));
    }

    /** One batch: ListBuckets lists the whole account whatever the batch, so a second batch would list it again. */
    @Override
    public int readBatchSize() {
        return Integer.MAX_VALUE;
    }

    /** One ListBuckets call tells which buckets are gone; only the others are read, in parallel. */
    @Override
    public List<Optional<ObjectValue>> readAll(List<ObjectValue> states) {
        S3Client s3 = aws.s3();
        return BatchRead.detailed(TYPE, aws.detailReads("s3"), states, s -> Attrs.requireString(TYPE, s, "bucket"), names -> BatchRead.index(s3
                .listBucketsPaginator(b -> { }).buckets(), Bucket::name), (s, bucket) -> readBucket(s3, bucket.name(), s), GONE);
    }

    /** Imports by bucket name. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        ObjectValue seed = new ObjectValue(Map.of("bucket", Value.of(id), "force_destroy", Value.FALSE));
        return AwsErrors.call("import", TYPE, id, () -> readBucket(aws.s3(), id, seed));
    }

    /**
     * The bucket's name is known from the plan, so the lookup reads that bucket and adopts it only when it
     * carries this key's {@code platctl:address} tag: a bucket of that name made by someone else is never adopted.
     */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        String name = Attrs.requireString(TYPE, planned, "bucket");
        return AwsErrors.call("look up", TYPE, name, () -> {
            Map<String, String> tags;
            try {
                tags = currentTags(aws.s3(), name);
            } catch (SdkException e) {
                if (AwsErrors.isNotFound(e, GONE) || e instanceof AwsServiceException a && a.statusCode() == 403)
                    return Optional.empty();
                throw e;
            }
            if (!idempotencyKey.equals(tags.get(Tags.ADDRESS_TAG))) return Optional.empty();
            return readBucket(aws.s3(), name, planned);
        });
    }

    /**
     * Reads the bucket with one call per setting; empty when it is gone, whichever call finds it gone (it may be deleted
     * between two of them), so a read on its own and a batch read say the same of it.
     */
    private Optional<ObjectValue> readBucket(S3Client s3, String name, ObjectValue state) {
        try {
            return Optional.of(readSettings(s3, name, state));
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    private ObjectValue readSettings(S3Client s3, String name, ObjectValue state) {
        BucketVersioningStatus versioning = s3.getBucketVersioning(b -> b.bucket(name)).status();
        ObjectValue out = state.with("versioning_enabled", Value.of(versioning == BucketVersioningStatus.ENABLED));
        out = out.with("force_destroy", Value.of(Attrs.bool(state, "force_destroy").orElse(false)));
        out = readEncryption(s3, name, out);
        out = readAccessBlock(s3, name, out);
        out = out.with("lifecycle_rule", S3LifecycleRules.value(readLifecycle(s3, name)));
        out = Tags.readInto(out, currentTags(s3, name), aws.settings().defaultTags());
        String location = s3.getBucketLocation(b -> b.bucket(name)).locationConstraintAsString();
        String region = location == null || location.isEmpty() ? "us-east-1" : location.equals("EU") ? "eu-west-1" : location;
        return withComputed(out, name, region);
    }

    private static ObjectValue readEncryption(S3Client s3, String name, ObjectValue out) {
        try {
            List<ServerSideEncryptionRule> rules = s3.getBucketEncryption(b -> b.bucket(name))
                    .serverSideEncryptionConfiguration().rules();
            Optional<ServerSideEncryptionByDefault> d = rules.stream().map(ServerSideEncryptionRule::applyServerSideEncryptionByDefault)
                    .filter(Objects::nonNull).findFirst();
            return out.with("sse_algorithm", Value.of(d.map(ServerSideEncryptionByDefault::sseAlgorithmAsString).orElse(null)))
                    .with("kms_master_key_id", Value.of(d.map(ServerSideEncryptionByDefault::kmsMasterKeyID)
                            .filter(k -> !k.isEmpty()).orElse(null)));
        } catch (SdkException e) {
            if (!unset(e, "ServerSideEncryptionConfigurationNotFoundError")) throw e;
            return out.with("sse_algorithm", Value.NULL).with("kms_master_key_id", Value.NULL);
        }
    }

    private static ObjectValue readAccessBlock(S3Client s3, String name, ObjectValue out) {
        PublicAccessBlockConfiguration c;
        try {
            c = s3.getPublicAccessBlock(b -> b.bucket(name)).publicAccessBlockConfiguration();
        } catch (SdkException e) {
            if (!unset(e, "NoSuchPublicAccessBlockConfiguration")) throw e;
            c = PublicAccessBlockConfiguration.builder().build();
        }
        return out.with("block_public_acls", Value.of(Boolean.TRUE.equals(c.blockPublicAcls())))
                .with("block_public_policy", Value.of(Boolean.TRUE.equals(c.blockPublicPolicy())))
                .with("ignore_public_acls", Value.of(Boolean.TRUE.equals(c.ignorePublicAcls())))
                .with("restrict_public_buckets", Value.of(Boolean.TRUE.equals(c.restrictPublicBuckets())));
    }

    private static List<S3LifecycleRules.Rule> readLifecycle(S3Client s3, String name) {
        try {
            return S3LifecycleRules.fromS3(s3.getBucketLifecycleConfiguration(b -> b.bucket(name)).rules());
        } catch (SdkException e) {
            if (!unset(e, "NoSuchLifecycleConfiguration")) throw e;
            return List.of();
        }
    }

    /**
     * Whether the failure says the bucket has no such setting ({@code code}, or another 404: a HEAD answer has no code),
     * not that the bucket itself is gone: {@code NoSuchBucket} is a 404 too, and must reach the read as a gone bucket.
     */
    private static boolean unset(SdkException e, String code) {
        return AwsErrors.isNotFound(e, Set.of(code)) && !(e instanceof AwsServiceException a && GONE.contains(AwsErrors.code(a)));
    }

    /** Puts the planned rules, or deletes the configuration when there are none (S3 refuses an empty one). */
    private static void putLifecycle(S3Client s3, String name, ObjectValue planned) {
        List<S3LifecycleRules.Rule> rules = lifecycleRules(planned);
        if (rules.isEmpty()) {
            s3.deleteBucketLifecycle(b -> b.bucket(name));
            return;
        }
        s3.putBucketLifecycleConfiguration(b -> b.bucket(name).lifecycleConfiguration(c -> c.rules(
                rules.stream().map(S3LifecycleRules.Rule::toS3).toList())));
    }

    private static List<S3LifecycleRules.Rule> lifecycleRules(ObjectValue planned) {
        List<String> problems = new ArrayList<>();
        List<S3LifecycleRules.Rule> rules = S3LifecycleRules.parse(planned.getOrNull("lifecycle_rule"), problems);
        if (!problems.isEmpty()) throw ProviderException.of("use", TYPE, null, String.join("; ", problems), false, null);
        return rules;
    }

    /** The bucket's tags; a bucket without any has no tag set, which S3 reports as an error. */
    private static Map<String, String> currentTags(S3Client s3, String name) {
        Map<String, String> out = new TreeMap<>();
        try {
            s3.getBucketTagging(b -> b.bucket(name)).tagSet().forEach(t -> out.put(t.key(), t.value()));
        } catch (SdkException e) {
            if (!(e instanceof AwsServiceException a && AwsErrors.code(a).equals("NoSuchTagSet"))) throw e;
        }
        return out;
    }

    private static void putTags(S3Client s3, String name, Map<String, String> tags) {
        if (tags.isEmpty()) {
            s3.deleteBucketTagging(b -> b.bucket(name));
            return;
        }
        List<Tag> set = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        s3.putBucketTagging(b -> b.bucket(name).tagging(t -> t.tagSet(set)));
    }

    private static void putVersioning(S3Client s3, String name, boolean enabled) {
        s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(
                enabled ? BucketVersioningStatus.ENABLED : BucketVersioningStatus.SUSPENDED)));
    }

    private static void putEncryption(S3Client s3, String name, ObjectValue planned) {
        String algorithm = Attrs.string(planned, "sse_algorithm").orElse("AES256");
        Optional<String> key = Attrs.string(planned, "kms_master_key_id");
        s3.putBucketEncryption(b -> b.bucket(name).serverSideEncryptionConfiguration(c -> c.rules(
                ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(d -> {
                    d.sseAlgorithm(algorithm);
                    key.ifPresent(d::kmsMasterKeyID);
                }).build())));
    }

    private static void putAccessBlock(S3Client s3, String name, ObjectValue planned) {
        s3.putPublicAccessBlock(b -> b.bucket(name).publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(Attrs.bool(planned, "block_public_acls").orElse(true))
                .blockPublicPolicy(Attrs.bool(planned, "block_public_policy").orElse(true))
                .ignorePublicAcls(Attrs.bool(planned, "ignore_public_acls").orElse(true))
                .restrictPublicBuckets(Attrs.bool(planned, "restrict_public_buckets").orElse(true))));
    }

    /** Deletes every object version and delete marker, a page (at most 1000) at a time. */
    private static void empty(S3Client s3, String name) {
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(name))) {
            List<ObjectIdentifier> ids = new ArrayList<>();
            page.versions().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            page.deleteMarkers().forEach(m -> ids.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
            if (!ids.isEmpty()) s3.deleteObjects(b -> b.bucket(name).delete(d -> d.objects(ids).quiet(true)));
        }
    }

    private static ProviderException gone(String name) {
        return AwsErrors.vanished("update", TYPE, name, "NoSuchBucket", "bucket");
    }

    private ObjectValue withComputed(ObjectValue o, String name, String region) {
        return o.with("id", Value.of(name)).with("arn", Value.of("arn:" + aws.partition() + ":s3:::" + name))
                .with("region", Value.of(region));
    }

    private static boolean changed(ObjectValue prior, ObjectValue planned, List<String> names) {
        for (String n : names)
            if (!prior.getOrNull(n).unmarked().equals(planned.getOrNull(n).unmarked())) return true;
        return false;
    }
}
