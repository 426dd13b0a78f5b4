package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.platctl.providers.aws.AwsTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where credentials come from when the block gives no keys: the environment the provider is given (a map here, never
 * this JVM's own), in the order of the SDK's default chain, and one error naming every place when none gives any.
 * Profiles are temporary files named by that map; the instance metadata is a stand-in, so no test reaches
 * 169.254.169.254.
 */
class CredentialsChainTest {
    @TempDir
    Path dir;

    /** The instance role: must not be asked when an earlier place gives credentials. */
    static final AwsClients.InstanceCredentials NOT_ASKED = (profiles, name, endpoint) -> () -> {
        throw new AssertionError("the EC2 instance metadata was asked for credentials");
    };

    AwsClients clients(Map<String, String> environment, ObjectValue block, AwsClients.InstanceCredentials instance) {
        AwsClients c = new AwsClients(environment, AwsClientsTest.NO_METADATA, instance);
        Diagnostics d = new Diagnostics();
        c.configure(AwsSettings.parse(block, d));
        assertFalse(d.hasErrors(), d::toString);
        return c;
    }

    AwsClients clients(Map<String, String> environment) {
        return clients(environment, obj("region", "eu-west-1"), NOT_ASKED);
    }

    /** A HOME of its own, so that nobody's ~/.aws is read, with the given config and credentials files. */
    Map<String, String> environment(String config, String credentials, String... more) throws IOException {
        Path configFile = Files.writeString(dir.resolve("config"), config);
        Path credentialsFile = Files.writeString(dir.resolve("credentials"), credentials);
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.resolve("home").toString(),
                "AWS_CONFIG_FILE", configFile.toString(), "AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString()));
        for (int i = 0; i < more.length; i += 2) env.put(more[i], more[i + 1]);
        return env;
    }

    static CredentialsChain chain(AwsClients c) {
        return assertInstanceOf(CredentialsChain.class, c.credentials());
    }

    static String chosen(AwsClients c) {
        return chain(c).chosen().orElseThrow().name();
    }

    @Test
    void keysInTheEnvironmentWinOverTheProfile() throws IOException {
        Map<String, String> env = environment("", """
                [default]
                aws_access_key_id = AKIAPROFILE
                aws_secret_access_key = profile-secret
                """, "AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT", "AWS_SECRET_ACCESS_KEY", "environment-secret",
                "AWS_SESSION_TOKEN", "session-token");
        try (AwsClients c = clients(env)) {
            AwsCredentials got = c.credentials().resolveCredentials();
            assertEquals("AKIAENVIRONMENT", got.accessKeyId());
            assertEquals("session-token", assertInstanceOf(AwsSessionCredentials.class, got).sessionToken(),
                    "AWS_SESSION_TOKEN goes with the keys");
            assertEquals("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", chosen(c));
        }
    }

    @Test
    void awsProfileInTheEnvironmentChoosesTheProfileOfBothRegionAndCredentials() throws IOException {
        Map<String, String> env = environment("""
                [default]
                region = us-east-2

                [profile dev]
                region = eu-central-1
                """, """
                [default]
                aws_access_key_id = AKIADEFAULT
                aws_secret_access_key = default-secret

                [dev]
                aws_access_key_id = AKIADEV
                aws_secret_access_key = dev-secret
                """, "AWS_PROFILE", "dev");
        try (AwsClients c = clients(env, ObjectValue.EMPTY, NOT_ASKED)) {
            assertEquals(Region.EU_CENTRAL_1, c.region(), "the region of profile dev");
            assertEquals("AKIADEV", c.credentials().resolveCredentials().accessKeyId(), "the keys of profile dev");
            assertEquals("profile \"dev\"", chosen(c));
        }
    }

    /** The files the environment names are read, not those under its HOME (nor this JVM's user's). */
    @Test
    void theProfileFilesNamedInTheEnvironmentAreReadInsteadOfThoseUnderHome() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home/.aws"));
        Files.writeString(home.resolve("credentials"), """
                [default]
                aws_access_key_id = AKIAHOME
                aws_secret_access_key = home-secret
                """);
        Map<String, String> credentialsFile = environment("", """
                [default]
                aws_access_key_id = AKIANAMEDFILE
                aws_secret_access_key = named-secret
                """);
        try (AwsClients c = clients(credentialsFile)) {
            assertEquals("AKIANAMEDFILE", c.credentials().resolveCredentials().accessKeyId(), "AWS_SHARED_CREDENTIALS_FILE");
        }
        Map<String, String> configFile = environment("""
                [profile ci]
                aws_access_key_id = AKIACONFIGFILE
                aws_secret_access_key = config-secret
                """, "", "AWS_PROFILE", "ci");
        try (AwsClients c = clients(configFile)) {
            assertEquals("AKIACONFIGFILE", c.credentials().resolveCredentials().accessKeyId(), "AWS_CONFIG_FILE");
        }
        try (AwsClients c = clients(Map.of("HOME", dir.resolve("home").toString()))) {
            assertEquals("AKIAHOME", c.credentials().resolveCredentials().accessKeyId(), "without them: HOME's ~/.aws, as the SDK does");
        }
    }

    /**
     * The SDK's default chain reads this JVM's aws.accessKeyId and aws.secretAccessKey system properties first, then its
     * environment: set here, they must not give credentials to a provider whose environment has none.
     */
    @Test
    void thisJvmsOwnCredentialsAreNotRead() {
        String id = System.getProperty("aws.accessKeyId");
        String secret = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", "AKIAJVM");
        System.setProperty("aws.secretAccessKey", "jvm-secret");
        try (AwsClients c = clients(Map.of("HOME", dir.toString(), "AWS_EC2_METADATA_DISABLED", "true"))) {
            CredentialsUnavailable e = assertThrows(CredentialsUnavailable.class, () -> c.credentials().resolveCredentials());
            assertTrue(e.reason().startsWith("no credentials found;"), e.reason());
        } finally {
            restore("aws.accessKeyId", id);
            restore("aws.secretAccessKey", secret);
        }
    }

    private static void restore(String property, String before) {
        if (before == null) System.clearProperty(property);
        else System.setProperty(property, before);
    }

    /**
     * No place gives credentials: the first call that needs them fails as the provider's configuration (told once by
     * the engine), naming every place in order with why it gave none, then what to set; a second call fails the same.
     */
    @Test
    void noCredentialsIsOneConfigurationErrorNamingEveryPlaceLookedIn() {
        Path home = dir.resolve("nohome");
        try (AwsProvider p = new AwsProvider(Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_ACCESS_KEY_ID", "AKIAHALF", "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci"))) {
            Diagnostics d = p.configure(obj("region", "eu-west-1", "endpoint", "http://127.0.0.1:9"));
            assertFalse(d.hasErrors(), d::toString);
            ProviderException e = assertThrows(ProviderException.class,
                    () -> AwsTesting.type(p, IamRoleType.TYPE).read(AwsFailuresTest.role()));
            assertEquals("aws", assertInstanceOf(ProviderConfigurationException.class, e).provider());
            assertEquals("cannot configure provider \"aws\": no credentials found; looked in, in order:"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (AWS_SECRET_ACCESS_KEY is not set);"
                    + " web identity (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN) (AWS_WEB_IDENTITY_TOKEN_FILE is not set);"
                    + " profile \"default\" (no such profile in the shared files: neither "
                    + home.resolve(".aws/config") + " nor " + home.resolve(".aws/credentials") + " exists);"
                    + " container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI)"
                    + " (neither is set);"
                    + " the EC2 instance's role (instance metadata) (instance metadata is off: AWS_EC2_METADATA_DISABLED=true)."
                    + " Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (or profile in the provider block) to a"
                    + " profile with credentials, or AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN, in the environment platctl"
                    + " runs in; or run it in a container or on an EC2 instance that has a role", e.getMessage());
            ProviderException again = assertThrows(ProviderException.class,
                    () -> AwsTesting.type(p, IamRoleType.TYPE).read(AwsFailuresTest.role()));
            assertEquals(e.getMessage(), again.getMessage(), "every resource fails the same way, so the engine tells it once");
        }
    }

    /** Off EC2 the instance role is the last place, asked once: its failure is kept with the rest, in the SDK's words. */
    @Test
    void theInstanceRoleIsAskedLastAndOnceWhenNothingElseGivesCredentials() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        AwsClients.InstanceCredentials offEc2 = (profiles, name, endpoint) -> () -> {
            asked.incrementAndGet();
            throw SdkClientException.create("Failed to load credentials from IMDS.");
        };
        try (AwsClients c = clients(environment("", ""), obj("region", "eu-west-1"), offEc2)) {
            CredentialsUnavailable first = assertThrows(CredentialsUnavailable.class, () -> c.credentials().resolveCredentials());
            assertTrue(first.reason().contains("; the EC2 instance's role (instance metadata) (Failed to load credentials from IMDS.)."),
                    first.reason());
            assertTrue(first.reason().contains("profile \"default\" (no such profile in " + dir.resolve("config") + " and "
                    + dir.resolve("credentials") + ")"), first.reason());
            CredentialsUnavailable second = assertThrows(CredentialsUnavailable.class, () -> c.credentials().resolveCredentials());
            assertEquals(first.reason(), second.reason());
            assertEquals(1, asked.get(), "the instance metadata is asked once per configuration");
        }
    }

    @Test
    void theInstanceRoleGivesCredentialsWhenNothingBeforeItDoes() throws IOException {
        AwsClients.InstanceCredentials onEc2 = (profiles, name, endpoint) -> () -> AwsSessionCredentials.create("ASIAINSTANCE", "s", "t");
        try (AwsClients c = clients(environment("", ""), obj("region", "eu-west-1"), onEc2)) {
            assertEquals("ASIAINSTANCE", c.credentials().resolveCredentials().accessKeyId());
            assertEquals("the EC2 instance's role (instance metadata)", chosen(c));
        }
    }

    /**
     * The container URI set in the provider's environment makes the chain ask the SDK's container provider; without one
     * it is never asked, whatever this JVM has. That provider reads the URI from this JVM's own environment (or system
     * properties) and cannot be given one, so what it answers depends on the machine: a CodeBuild or ECS runner sets the
     * URI for the test JVM too. The test asks the SDK what this JVM has first: with no URI, the SDK's provider fails
     * saying so; with one, only that the container source is what was asked (it gave credentials, or failed in its words).
     */
    @Test
    void containerCredentialsAreAskedOnlyWhenTheEnvironmentSetsTheirUri() throws IOException {
        String name = "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI)";
        try (AwsClients c = clients(environment("", "", "AWS_EC2_METADATA_DISABLED", "true"))) {
            assertTrue(source(c, name).provider().isEmpty(), "no URI in the provider's environment: not asked");
            CredentialsUnavailable e = assertThrows(CredentialsUnavailable.class, () -> c.credentials().resolveCredentials());
            assertTrue(e.reason().contains(name + " (neither is set)"), e.reason());
        }
        Map<String, String> env = environment("", "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc",
                "AWS_EC2_METADATA_DISABLED", "true");
        try (AwsClients c = clients(env)) {
            assertInstanceOf(ContainerCredentialsProvider.class, source(c, name).provider().orElseThrow());
            if (!jvmHasContainerUri()) {
                CredentialsUnavailable e = assertThrows(CredentialsUnavailable.class, () -> c.credentials().resolveCredentials());
                assertTrue(e.reason().contains(name + " (Cannot fetch credentials from container"), e.reason());
            } else {
                try {
                    c.credentials().resolveCredentials();
                    assertEquals(name, chosen(c), "only the container source can have given credentials here");
                } catch (CredentialsUnavailable e) {
                    assertTrue(e.reason().contains(name + " ("), e.reason());
                    assertFalse(e.reason().contains(name + " (neither is set)"), e.reason());
                }
            }
        }
    }

    /** Whether the SDK's container provider finds a URI in this JVM (its system properties or environment), as it looks. */
    static boolean jvmHasContainerUri() {
        return SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.getStringValue().isPresent()
                || SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.getStringValue().isPresent();
    }

    static CredentialsChain.Source source(AwsClients c, String name) {
        return chain(c).sources().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no source named " + name + " in " + chain(c).sources()));
    }

    /** A profile named in the block is chosen as static keys are: the environment's keys do not override it. */
    @Test
    void aProfileNamedInTheBlockWinsOverKeysInTheEnvironment() throws IOException {
        Map<String, String> env = environment("", """
                [ops]
                aws_access_key_id = AKIAOPS
                aws_secret_access_key = ops-secret
                """, "AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT", "AWS_SECRET_ACCESS_KEY", "environment-secret");
        try (AwsClients c = clients(env, obj("region", "eu-west-1", "profile", "ops"), NOT_ASKED)) {
            assertEquals("AKIAOPS", c.credentials().resolveCredentials().accessKeyId());
        }
    }

    /**
     * AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN in the environment: the chain takes web identity before the profile,
     * and STS's AssumeRoleWithWebIdentity (at the block's endpoint: moto) gives the role's credentials, in the session
     * AWS_ROLE_SESSION_NAME names.
     */
    @Test
    @ExtendWith(AwsBackend.class)
    void webIdentityIsUsedWhenItsVariablesAreSet(AwsBackend.Emulator emulator) throws IOException {
        String roleArn;
        try (IamClient iam = AwsTesting.iam(emulator)) {
            roleArn = iam.createRole(b -> b.roleName("ci-deployer").assumeRolePolicyDocument(AssumeRoleTest.trust(emulator.accountId())))
                    .role().arn();
        }
        Path token = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl");
        Map<String, String> env = environment("", """
                [default]
                aws_access_key_id = AKIAPROFILE
                aws_secret_access_key = profile-secret
                """, "AWS_WEB_IDENTITY_TOKEN_FILE", token.toString(), "AWS_ROLE_ARN", roleArn, "AWS_ROLE_SESSION_NAME", "gha-run-7");
        try (AwsClients c = clients(env, obj("region", AwsTesting.REGION, "endpoint", emulator.endpoint()), NOT_ASKED);
             StsClient sts = StsClient.builder().region(Region.of(AwsTesting.REGION)).credentialsProvider(c.credentials())
                     .endpointOverride(URI.create(emulator.endpoint())).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertEquals("arn:aws:sts::" + emulator.accountId() + ":assumed-role/ci-deployer/gha-run-7", sts.getCallerIdentity().arn());
            CredentialsChain.Source used = chain(c).chosen().orElseThrow();
            assertEquals("web identity (role " + roleArn + ", token file " + token + ")", used.name());
            assertInstanceOf(StsWebIdentityTokenFileCredentialsProvider.class, used.provider().orElseThrow());
            assertTrue(c.s3().listBuckets().buckets().isEmpty(), "the service clients sign with them too");
        }
    }
}
