package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.platctl.providers.aws.AwsTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the SDK clients are built from the provider block and the environment: retries, where the region comes from,
 * and credentials from an SSO profile. Profiles come from a temporary config file named by AWS_CONFIG_FILE in the
 * environment the provider is given (never this JVM's own); the EC2 instance metadata is a stand-in that fails the test
 * when it is asked and should not be, so no test reaches 169.254.169.254.
 */
class AwsClientsTest {
    @TempDir
    Path dir;

    static final Supplier<Optional<Region>> NO_METADATA = () -> {
        throw new AssertionError("the EC2 instance metadata was asked for a region");
    };

    static AwsClients clients(Map<String, String> environment, ObjectValue block) {
        return clients(environment, block, NO_METADATA);
    }

    static AwsClients clients(Map<String, String> environment, ObjectValue block, Supplier<Optional<Region>> instanceRegion) {
        AwsClients c = new AwsClients(environment, instanceRegion, CredentialsChainTest.NOT_ASKED);
        Diagnostics d = new Diagnostics();
        c.configure(AwsSettings.parse(block, d));
        assertFalse(d.hasErrors(), d::toString);
        return c;
    }

    static RetryStrategy retries(AwsClients c) {
        ClientOverrideConfiguration o = c.s3().serviceClientConfiguration().overrideConfiguration();
        return o.retryStrategy().orElseThrow(() -> new AssertionError("no retry strategy on the client: " + o));
    }

    Map<String, String> environment(String config) throws IOException {
        Path file = dir.resolve("config");
        Files.writeString(file, config);
        return Map.of("AWS_CONFIG_FILE", file.toString(), "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("credentials").toString(),
                "HOME", dir.toString());
    }

    @Test
    void retriesDefaultToAdaptiveWithTenAttempts() {
        try (AwsClients c = clients(Map.of(), obj("region", "eu-west-1", "access_key", "a", "secret_key", "b"))) {
            RetryStrategy r = retries(c);
            assertInstanceOf(AdaptiveRetryStrategy.class, r, "adaptive backs off when AWS throttles");
            assertEquals(10, r.maxAttempts(), "far above the SDK's 3");
        }
    }

    @Test
    void retryModeAndAttemptsCanBeSet() {
        try (AwsClients c = clients(Map.of(), obj("region", "eu-west-1", "access_key", "a", "secret_key", "b",
                "retry_mode", "standard", "max_attempts", 4))) {
            RetryStrategy r = retries(c);
            assertInstanceOf(StandardRetryStrategy.class, r);
            assertEquals(4, r.maxAttempts());
        }
    }

    @Test
    void aNamedProfilesRegionIsUsedWhenTheBlockSetsNone() throws IOException {
        Map<String, String> env = environment("""
                [default]
                region = us-east-2

                [profile eu]
                region = eu-central-1
                """);
        try (AwsClients named = clients(env, obj("profile", "eu"));
             AwsClients fromEnvironment = clients(Map.of("AWS_CONFIG_FILE", env.get("AWS_CONFIG_FILE"), "AWS_PROFILE", "eu"),
                     ObjectValue.EMPTY);
             AwsClients byDefault = clients(env, ObjectValue.EMPTY);
             AwsClients blockWins = clients(env, obj("profile", "eu", "region", "ap-southeast-2"))) {
            assertEquals(Region.EU_CENTRAL_1, named.region(), "the named profile's region, not the default profile's");
            assertEquals(Region.EU_CENTRAL_1, fromEnvironment.region(), "AWS_PROFILE names the profile too");
            assertEquals(Region.US_EAST_2, byDefault.region(), "no profile named: the default profile's");
            assertEquals(Region.AP_SOUTHEAST_2, blockWins.region(), "the block's region wins");
        }
    }

    Map<String, String> with(Map<String, String> env, String... more) {
        Map<String, String> out = new HashMap<>(env);
        for (int i = 0; i < more.length; i += 2) out.put(more[i], more[i + 1]);
        return out;
    }

    @Test
    void theGivenEnvironmentsRegionWinsOverTheProfiles() throws IOException {
        Map<String, String> env = environment("""
                [default]
                region = us-east-2
                """);
        try (AwsClients region = clients(with(env, "AWS_REGION", "ap-south-1", "AWS_DEFAULT_REGION", "sa-east-1"), ObjectValue.EMPTY);
             AwsClients defaultRegion = clients(with(env, "AWS_DEFAULT_REGION", "sa-east-1"), ObjectValue.EMPTY);
             AwsClients blockWins = clients(with(env, "AWS_REGION", "ap-south-1"), obj("region", "eu-north-1"))) {
            assertEquals(Region.AP_SOUTH_1, region.region(), "AWS_REGION first");
            assertEquals(Region.SA_EAST_1, defaultRegion.region(), "then AWS_DEFAULT_REGION, as the AWS CLI reads it");
            assertEquals(Region.EU_NORTH_1, blockWins.region(), "the block's region wins over the environment");
        }
    }

    /**
     * The SDK's default region chain reads this JVM's own settings first (the aws.region system property, then its
     * AWS_REGION): set here to another region, they must not win over the profile of the environment the provider was given.
     */
    @Test
    void thisJvmsOwnRegionSettingsAreNotRead() throws IOException {
        Map<String, String> env = environment("""
                [default]
                region = us-east-2
                """);
        String before = System.getProperty("aws.region");
        System.setProperty("aws.region", "sa-east-1");
        try (AwsClients c = clients(env, ObjectValue.EMPTY)) {
            assertEquals(Region.US_EAST_2, c.region());
        } finally {
            if (before == null) System.clearProperty("aws.region");
            else System.setProperty("aws.region", before);
        }
    }

    @Test
    void theInstanceMetadataIsAskedLastWhenNothingElseSetsARegion() throws IOException {
        Map<String, String> env = environment("""
                [profile bare]
                output = json
                """);
        AtomicInteger asked = new AtomicInteger();
        Supplier<Optional<Region>> metadata = () -> {
            asked.incrementAndGet();
            return Optional.of(Region.CA_CENTRAL_1);
        };
        try (AwsClients onEc2 = clients(env, obj("profile", "bare"), metadata)) {
            assertEquals(Region.CA_CENTRAL_1, onEc2.region(), "the instance's region");
            assertEquals(1, asked.get());
        }
        try (AwsClients fromEnvironment = clients(with(env, "AWS_REGION", "eu-west-3"), obj("profile", "bare"), metadata)) {
            assertEquals(Region.EU_WEST_3, fromEnvironment.region());
            assertEquals(1, asked.get(), "not asked when the environment sets a region");
        }
    }

    @Test
    void aProfileWithoutARegionSaysWhereARegionCanBeSet() throws IOException {
        Map<String, String> env = environment("""
                [profile bare]
                output = json
                """);
        AtomicInteger asked = new AtomicInteger();
        try (AwsClients c = clients(env, obj("profile", "bare"), () -> {
            asked.incrementAndGet();
            return Optional.empty();
        })) {
            ProviderException e = assertThrows(ProviderException.class, c::region);
            assertEquals("cannot configure provider \"aws\": no region set; set region in the provider block, AWS_REGION in the"
                    + " environment, or region in profile \"bare\" (not on an EC2 instance, or its instance metadata gave none)",
                    e.getMessage());
            assertEquals("aws", assertInstanceOf(ProviderConfigurationException.class, e).provider(),
                    "the engine tells it once for every resource");
            assertEquals(e.getMessage(), assertThrows(ProviderException.class, c::region).getMessage());
            assertEquals(1, asked.get(), "the instance metadata is asked once, not again for every resource");
        }
    }

    /**
     * Off EC2 the instance metadata answers only after its timeouts, while every client getter waits for the same lock:
     * a missing region is found out once per configuration, not once per call.
     */
    @Test
    void aMissingRegionIsFoundOutOnceAndEveryCallFailsTheSameWay() throws IOException {
        Map<String, String> env = environment("""
                [profile bare]
                output = json
                """);
        AtomicInteger asked = new AtomicInteger();
        Supplier<Optional<Region>> metadata = () -> {
            asked.incrementAndGet();
            return Optional.empty();
        };
        try (AwsClients c = clients(env, obj("profile", "bare"), metadata)) {
            ProviderException first = assertThrows(ProviderException.class, c::region);
            ProviderException second = assertThrows(ProviderException.class, c::s3);
            assertEquals(first.getMessage(), second.getMessage());
            assertThrows(ProviderException.class, c::region);
            assertEquals(1, asked.get(), "the instance metadata was asked once");
            c.configure(AwsSettings.parse(obj("profile", "bare"), new Diagnostics()));
            assertThrows(ProviderException.class, c::region);
            assertEquals(2, asked.get(), "a new configuration finds out afresh");
        }
    }

    /** Batch reads share one pool per service, as big as the service's limit of calls in flight, ended with the provider. */
    @Test
    void detailReadsRunOnOneSharedPoolPerServiceSizedByItsLimit() {
        ExecutorService s3;
        try (AwsClients c = clients(Map.of(), obj("region", "eu-west-1", "access_key", "a", "secret_key", "b",
                "max_concurrent_requests", obj("default", 5, "s3", 3)))) {
            s3 = c.detailReads("s3");
            assertSame(s3, c.detailReads("s3"), "one pool for every batch read of the service");
            assertEquals(3, ((ThreadPoolExecutor) s3).getMaximumPoolSize(), "the s3 limit");
            assertEquals(5, ((ThreadPoolExecutor) c.detailReads("ec2")).getMaximumPoolSize(), "the default limit");
            assertFalse(s3.isShutdown());
        }
        assertTrue(s3.isShutdown(), "closing the provider ends its pools");
    }

    @Test
    void instanceMetadataTurnedOffInTheEnvironmentIsNotAsked() throws IOException {
        Map<String, String> env = environment("""
                [profile bare]
                output = json
                """);
        try (AwsClients c = clients(with(env, "AWS_EC2_METADATA_DISABLED", "true"), obj("profile", "bare"))) {
            ProviderException e = assertThrows(ProviderException.class, c::region);
            assertTrue(e.getMessage().endsWith("or region in profile \"bare\" (instance metadata is off: AWS_EC2_METADATA_DISABLED=true)"),
                    e.getMessage());
        }
    }

    /** The profile's keys and region are what the provider uses against the backend: the VPC's ARN is in that region. */
    @Test
    @ExtendWith(AwsBackend.class)
    void aNamedProfileGivesCredentialsAndRegionForRealCalls(AwsBackend.Emulator emulator) throws IOException {
        Map<String, String> env = environment("""
                [profile emulator]
                region = eu-central-1
                aws_access_key_id = testing
                aws_secret_access_key = testing
                """);
        try (AwsProvider p = new AwsProvider(env); Ec2Client ec2 = Ec2Client.builder().region(Region.EU_CENTRAL_1)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing"))
                .endpointOverride(java.net.URI.create(emulator.endpoint()))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            Diagnostics d = p.configure(obj("profile", "emulator", "endpoint", emulator.endpoint()));
            assertFalse(d.hasErrors(), d::toString);
            ObjectValue vpc = AwsTesting.create(AwsTesting.type(p, VpcType.TYPE), obj("cidr_block", "10.0.0.0/16"), "p.aws_vpc.main");
            String id = Attrs.string(vpc, "id").orElseThrow();
            assertTrue(Attrs.string(vpc, "arn").orElseThrow().startsWith("arn:aws:ec2:eu-central-1:"), vpc.toString());
            assertEquals(1, ec2.describeVpcs(b -> b.vpcIds(id)).vpcs().size(), "the VPC was made in eu-central-1");
        }
    }

    /**
     * An SSO profile needs the SDK's sso and ssooidc modules: with them, getting credentials goes past "the 'sso' service
     * module must be on the class path" to SSO itself, which fails here (no SSO login was made, so there is no cached
     * token) with the SDK's advice to log in, after the profile's name.
     */
    @Test
    void anSsoProfileIsResolvedThroughSsoAndItsFailureNamesTheProfile() throws IOException {
        Map<String, String> env = environment("""
                [profile sso-dev]
                sso_start_url = https://platctl-test.awsapps.com/start
                sso_region = eu-west-1
                sso_account_id = 123456789012
                sso_role_name = Deployer
                region = eu-west-1
                """);
        try (AwsProvider p = new AwsProvider(env)) {
            Diagnostics d = p.configure(obj("profile", "sso-dev", "endpoint", "http://127.0.0.1:9"));
            assertFalse(d.hasErrors(), d::toString);
            ResourceType roles = AwsTesting.type(p, IamRoleType.TYPE);
            ProviderException e = assertThrows(ProviderException.class, () -> roles.read(AwsFailuresTest.role()));
            assertFalse(e.getMessage().contains("must be on the class path"), e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot configure provider \"aws\": cannot get credentials from profile \"sso-dev\": "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("The SSO session associated with this profile has expired or is otherwise invalid."
                    + " To refresh this SSO session run aws sso login"), "the SDK's SSO module looked for the login's token: " + e.getMessage());
        }
    }

    @Test
    void aProfileThatIsNotThereIsNamedInTheError() throws IOException {
        Map<String, String> env = environment("""
                [profile other]
                region = eu-west-1
                """);
        try (AwsProvider p = new AwsProvider(env)) {
            Diagnostics d = p.configure(obj("profile", "nope", "region", "eu-west-1", "endpoint", "http://127.0.0.1:9"));
            assertFalse(d.hasErrors(), d::toString);
            ProviderException e = assertThrows(ProviderException.class, () -> AwsTesting.type(p, IamRoleType.TYPE).read(AwsFailuresTest.role()));
            assertTrue(e.getMessage().startsWith("cannot configure provider \"aws\": cannot get credentials from profile \"nope\": "),
                    e.getMessage());
            assertInstanceOf(ProviderConfigurationException.class, e, "the same for every resource, so the engine tells it once");
        }
    }
}
