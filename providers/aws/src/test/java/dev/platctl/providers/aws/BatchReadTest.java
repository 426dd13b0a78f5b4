package dev.platctl.providers.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static dev.platctl.providers.aws.AwsTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch reads refresh uses, counted at the HTTP level: objects are made through a provider pointed at the backend,
 * then read by one pointed at a counting proxy in front of it. Each batch reads what one read per object reads (a
 * deleted object is gone), with one listing call for the whole batch where one read per object would make one each.
 */
@ExtendWith(AwsBackend.class)
class BatchReadTest {
    static final int N = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    AwsBackend.Emulator emulator;
    AwsProvider maker;
    CountingProxy proxy;
    AwsProvider reader;

    @BeforeEach
    void setUp(AwsBackend.Emulator emulator) throws IOException {
        start(emulator);
    }

    void start(AwsBackend.Emulator on) throws IOException {
        close();
        emulator = on;
        maker = AwsTesting.provider(on, Map.of());
        proxy = new CountingProxy(on.endpoint());
        reader = new AwsProvider();
        Diagnostics d = reader.configure(obj("region", AwsTesting.REGION, "endpoint", proxy.endpoint(),
                "access_key", "testing", "secret_key", "testing"));
        assertFalse(d.hasErrors(), d::toString);
    }

    @AfterEach
    void close() {
        if (maker != null) maker.close();
        if (reader != null) reader.close();
        if (proxy != null) proxy.close();
    }

    /** Reads {@code states} with the reader's batch read, after checking it batches at least that many. */
    List<Optional<ObjectValue>> readAll(String type, List<ObjectValue> states) {
        ResourceType t = AwsTesting.type(reader, type);
        assertTrue(t.readBatchSize() >= states.size(), type + " reads " + t.readBatchSize() + " per batch");
        proxy.reset();
        return t.readAll(states);
    }

    /** What reading each object on its own gives: the last one deleted, so gone. */
    List<Optional<ObjectValue>> expected(String type, List<ObjectValue> states) {
        ResourceType t = AwsTesting.type(maker, type);
        List<Optional<ObjectValue>> out = new ArrayList<>();
        for (ObjectValue s : states) out.add(t.read(s));
        assertTrue(out.get(out.size() - 1).isEmpty(), "the last one was deleted");
        return out;
    }

    List<ObjectValue> make(String type, int n, java.util.function.IntFunction<ObjectValue> config) {
        ResourceType t = AwsTesting.type(maker, type);
        List<ObjectValue> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(AwsTesting.create(t, config.apply(i), "batch." + type + ".n" + i));
        return out;
    }

    @Test
    void bucketsAreListedOnceAndOnlyThoseStillThereAreRead() {
        List<ObjectValue> buckets = make(S3BucketType.TYPE, N, i -> obj("bucket", "platctl-batch-" + i));
        try (S3Client s3 = AwsTesting.s3(emulator)) {
            s3.deleteBucket(b -> b.bucket("platctl-batch-" + (N - 1)));
        }
        List<Optional<ObjectValue>> expected = expected(S3BucketType.TYPE, buckets);
        assertEquals(expected, readAll(S3BucketType.TYPE, buckets));
        assertEquals(1, proxy.calls("ListBuckets"));
        assertEquals(N - 1, proxy.calls("GET ?versioning"), "the deleted bucket's details are not asked for");
    }

    /**
     * A bucket deleted between two calls of its read (after S3 answered its versioning) is gone, read on its own as in a
     * batch: S3 then answers NoSuchBucket, a 404, for its other settings, which is not "that setting is not configured".
     */
    @Test
    void aBucketDeletedInTheMiddleOfItsReadIsGoneReadAloneOrInABatch() {
        List<ObjectValue> buckets = make(S3BucketType.TYPE, 3, i -> obj("bucket", "platctl-midread-" + i));
        ResourceType t = AwsTesting.type(reader, S3BucketType.TYPE);
        proxy.afterAnswering("GET ?versioning", () -> deleteBucket("platctl-midread-0"));
        assertEquals(Optional.empty(), t.read(buckets.get(0)), "read on its own");

        ObjectValue other = AwsTesting.type(maker, S3BucketType.TYPE).read(buckets.get(2)).orElseThrow();
        proxy.afterAnswering("GET ?versioning", () -> deleteBucket("platctl-midread-1"));
        assertEquals(List.of(Optional.empty(), Optional.of(other)), readAll(S3BucketType.TYPE, buckets.subList(1, 3)), "in a batch");
    }

    void deleteBucket(String name) {
        try (S3Client s3 = AwsTesting.s3(emulator)) {
            s3.deleteBucket(b -> b.bucket(name));
        }
    }

    @Test
    void securityGroupsOfABatchTakeOneDescribe() {
        String vpc = Attrs.string(make(VpcType.TYPE, 1, i -> obj("cidr_block", "10.9.0.0/16")).get(0), "id").orElseThrow();
        List<ObjectValue> groups = make(SecurityGroupType.TYPE, N, i -> obj("name", "batch-" + i, "vpc_id", vpc));
        AwsTesting.type(maker, SecurityGroupType.TYPE).delete(groups.get(N - 1));
        List<Optional<ObjectValue>> expected = expected(SecurityGroupType.TYPE, groups);
        assertEquals(expected, readAll(SecurityGroupType.TYPE, groups));
        assertEquals(1, proxy.calls("DescribeSecurityGroups"));
    }

    @Test
    void vpcsOfABatchTakeOneDescribePlusTheirDnsAttributes() {
        List<ObjectValue> vpcs = make(VpcType.TYPE, N, i -> obj("cidr_block", "10." + i + ".0.0/16"));
        try (Ec2Client ec2 = AwsTesting.ec2(emulator)) {
            ec2.deleteVpc(b -> b.vpcId(Attrs.string(vpcs.get(N - 1), "id").orElseThrow()));
        }
        List<Optional<ObjectValue>> expected = expected(VpcType.TYPE, vpcs);
        proxy.holdFirstUntilSecond("DescribeVpcAttribute");
        assertEquals(expected, readAll(VpcType.TYPE, vpcs));
        assertEquals(1, proxy.calls("DescribeVpcs"));
        assertEquals(2 * (N - 1), proxy.calls("DescribeVpcAttribute"), "EC2 gives one attribute of one VPC per call");
        assertTrue(proxy.overlapped("DescribeVpcAttribute"), "the first DescribeVpcAttribute call was held " + CountingProxy.OVERLAP_WAIT
                + " and no second one came meanwhile: the VPCs' attribute calls are made one after another, not in parallel");
    }

    /** A VPC deleted after the listing saw it and before its DNS settings are read is gone; the others are read. */
    @Test
    void aVpcDeletedBetweenTheListingAndItsDetailsIsGoneAndTheOthersAreRead() {
        List<ObjectValue> vpcs = make(VpcType.TYPE, N, i -> obj("cidr_block", "10." + i + ".0.0/16"));
        String vanishing = Attrs.string(vpcs.get(1), "id").orElseThrow();
        proxy.afterAnswering("DescribeVpcs", () -> {
            try (Ec2Client ec2 = AwsTesting.ec2(emulator)) {
                ec2.deleteVpc(b -> b.vpcId(vanishing));
            }
        });
        List<Optional<ObjectValue>> read = readAll(VpcType.TYPE, vpcs);
        assertEquals(1, proxy.calls("DescribeVpcs"), "the listing still saw it");
        assertEquals(Optional.empty(), read.get(1));
        ResourceType t = AwsTesting.type(maker, VpcType.TYPE);
        for (int i : new int[]{0, 2, 3}) assertEquals(t.read(vpcs.get(i)), read.get(i), "VPC " + i + " is read as on its own");
        assertTrue(read.get(0).isPresent());
    }

    @Test
    void subnetsOfABatchTakeOneDescribe() {
        String vpc = Attrs.string(make(VpcType.TYPE, 1, i -> obj("cidr_block", "10.9.0.0/16")).get(0), "id").orElseThrow();
        List<ObjectValue> subnets = make(SubnetType.TYPE, N, i -> obj("vpc_id", vpc, "cidr_block", "10.9." + i + ".0/24"));
        AwsTesting.type(maker, SubnetType.TYPE).delete(subnets.get(N - 1));
        List<Optional<ObjectValue>> expected = expected(SubnetType.TYPE, subnets);
        assertEquals(expected, readAll(SubnetType.TYPE, subnets));
        assertEquals(1, proxy.calls("DescribeSubnets"));
    }

    /**
     * ListSecrets "might not reflect changes from the last five minutes" (AWS), so secrets are not read from it: each is
     * described, and only the one scheduled for deletion is gone.
     */
    @Test
    void secretsAreEachDescribedNotTakenFromAListingThatMayBeStale() {
        List<ObjectValue> secrets = make(SecretsManagerSecretType.TYPE, N, i -> obj("name", "batch/app-" + i, "description", "n" + i,
                "recovery_window_in_days", 7));
        AwsTesting.type(maker, SecretsManagerSecretType.TYPE).delete(secrets.get(N - 1));
        List<Optional<ObjectValue>> expected = expected(SecretsManagerSecretType.TYPE, secrets);
        ResourceType t = AwsTesting.type(reader, SecretsManagerSecretType.TYPE);
        assertEquals(1, t.readBatchSize(), "no batch: refresh reads each secret, in parallel");
        proxy.reset();
        assertEquals(expected, t.readAll(secrets), "one scheduled for deletion is gone");
        assertTrue(expected.get(0).isPresent());
        assertEquals(0, proxy.calls("ListSecrets"));
        assertEquals(N, proxy.calls("DescribeSecret"));
    }

    @Test
    void aSecretMadeAgainUnderTheSameNameIsAnotherSecret() {
        ObjectValue secret = make(SecretsManagerSecretType.TYPE, 1, i -> obj("name", "batch/again", "recovery_window_in_days", 0)).get(0);
        try (SecretsManagerClient sm = AwsTesting.secretsManager(emulator)) {
            sm.deleteSecret(b -> b.secretId("batch/again").forceDeleteWithoutRecovery(true));
            sm.createSecret(b -> b.name("batch/again"));
        }
        assertEquals(Optional.empty(), AwsTesting.type(reader, SecretsManagerSecretType.TYPE).read(secret),
                "the state's ARN is gone, whatever now has its name");
    }

    @Test
    void aliasesOfABatchTakeOneListing() {
        String key = Attrs.string(make(KmsKeyType.TYPE, 1, i -> obj("description", "batch")).get(0), "key_id").orElseThrow();
        List<ObjectValue> aliases = make(KmsAliasType.TYPE, N, i -> obj("name", "alias/batch-" + i, "target_key_id", key));
        try (KmsClient kms = AwsTesting.kms(emulator)) {
            kms.deleteAlias(b -> b.aliasName("alias/batch-" + (N - 1)));
        }
        List<Optional<ObjectValue>> expected = expected(KmsAliasType.TYPE, aliases);
        assertEquals(expected, readAll(KmsAliasType.TYPE, aliases));
        assertEquals(1, proxy.calls("ListAliases"), "one listing for the batch, not one per alias");
    }

    /**
     * KMS has no read of one alias, so a read on its own lists the region's aliases, but only until it finds the one it
     * reads: here the first page says more follow, and they are never asked for. A failure names the alias.
     */
    @Test
    void anAliasReadOnItsOwnStopsListingAtItAndAFailureNamesIt() {
        String key = Attrs.string(make(KmsKeyType.TYPE, 1, i -> obj("description", "alone")).get(0), "key_id").orElseThrow();
        ObjectValue alias = make(KmsAliasType.TYPE, 1, i -> obj("name", "alias/alone", "target_key_id", key)).get(0);
        Optional<ObjectValue> expected = AwsTesting.type(maker, KmsAliasType.TYPE).read(alias);
        assertTrue(expected.isPresent());
        ResourceType t = AwsTesting.type(reader, KmsAliasType.TYPE);
        AtomicBoolean rewritten = new AtomicBoolean();
        proxy.rewrite("ListAliases", a -> {
            if (rewritten.getAndSet(true)) return a;
            try {
                ObjectNode page = (ObjectNode) JSON.readTree(a.body());
                return new CountingProxy.Answer(a.status(), page.put("Truncated", true).put("NextMarker", "more").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        proxy.reset();
        assertEquals(expected, t.read(alias));
        assertEquals(1, proxy.calls("ListAliases"), "the page after the one holding the alias is never asked for");
        assertTrue(rewritten.get());

        proxy.rewrite("ListAliases", a -> new CountingProxy.Answer(400, "{\"__type\": \"AccessDeniedException\", \"message\": \"no\"}"));
        ProviderException e = assertThrows(ProviderException.class, () -> t.read(alias));
        assertEquals("cannot read aws_kms_alias alias/alone: AccessDeniedException: no (status 400)", e.getMessage());
    }

    /** A listing of the whole region costs the same for any batch: a type that can only list everything reads a stack in one. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("wholeRegionListings")
    void typesThatListTheWholeRegionReadAStackInOneBatch(String type, String reason) {
        assertEquals(Integer.MAX_VALUE, AwsTesting.type(reader, type).readBatchSize(), reason);
    }

    static Stream<Arguments> wholeRegionListings() {
        return Stream.of(
                Arguments.of(S3BucketType.TYPE, "ListBuckets lists the account's buckets"),
                Arguments.of(KmsAliasType.TYPE, "ListAliases lists the region's aliases"),
                Arguments.of(DbSubnetGroupType.TYPE, "DescribeDBSubnetGroups takes no name filter"),
                Arguments.of(DbInstanceType.TYPE, "DescribeDBInstances is read whole, not by identifier"));
    }

    /** RDS is moto only (not in LocalStack's free image). */
    @Test
    void dbSubnetGroupsAndInstancesOfABatchTakeOneDescribeEach(
            @AwsBackend.MotoOnly("RDS is not in LocalStack's free image") AwsBackend.Emulator moto) throws IOException {
        start(moto);
        String vpc = Attrs.string(make(VpcType.TYPE, 1, i -> obj("cidr_block", "10.9.0.0/16")).get(0), "id").orElseThrow();
        List<String> subnets = make(SubnetType.TYPE, 2, i -> obj("vpc_id", vpc, "cidr_block", "10.9." + i + ".0/24",
                "availability_zone", "eu-west-1" + (char) ('a' + i))).stream().map(s -> Attrs.string(s, "id").orElseThrow()).toList();
        List<ObjectValue> groups = make(DbSubnetGroupType.TYPE, N, i -> obj("name", "batch-" + i, "subnet_ids", subnets));
        List<ObjectValue> dbs = make(DbInstanceType.TYPE, N, i -> obj("identifier", "batch-" + i, "engine", "postgres",
                "instance_class", "db.t3.micro", "allocated_storage", 20, "username", "app", "password", "s3cret-Pa55word",
                "skip_final_snapshot", true, "db_subnet_group_name", "batch-0"));
        AwsTesting.type(maker, DbInstanceType.TYPE).delete(dbs.get(N - 1));
        try (RdsClient rds = AwsTesting.rds(moto)) {
            rds.deleteDBSubnetGroup(b -> b.dbSubnetGroupName("batch-" + (N - 1)));
        }

        List<Optional<ObjectValue>> expectedGroups = expected(DbSubnetGroupType.TYPE, groups);
        proxy.holdFirstUntilSecond("ListTagsForResource");
        assertEquals(expectedGroups, readAll(DbSubnetGroupType.TYPE, groups));
        assertEquals(1, proxy.calls("DescribeDBSubnetGroups"));
        assertEquals(N - 1, proxy.calls("ListTagsForResource"), "RDS lists a group's tags only with ListTagsForResource");
        assertTrue(proxy.overlapped("ListTagsForResource"), "the first ListTagsForResource call was held " + CountingProxy.OVERLAP_WAIT
                + " and no second one came meanwhile: the groups' tag calls are made one after another, not in parallel");

        List<Optional<ObjectValue>> expectedDbs = expected(DbInstanceType.TYPE, dbs).stream()
                .map(o -> o.map(v -> v.with("password", Value.of("s3cret-Pa55word").sensitive()))).toList();
        assertEquals(expectedDbs, readAll(DbInstanceType.TYPE, dbs));
        assertEquals(1, proxy.calls("DescribeDBInstances"));
        assertEquals(0, proxy.calls("ListTagsForResource"), "an instance's tags come with it");
    }
}
