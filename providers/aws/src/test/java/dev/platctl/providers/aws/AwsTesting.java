package dev.platctl.providers.aws;

import dev.platctl.engine.testing.ProviderLifecycle;
import dev.platctl.engine.value.ValueJson;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Builds providers and out-of-band SDK clients pointed at the AWS test backend, and the values tests pass through the SPI. */
final class AwsTesting {
    static final String REGION = "eu-west-1";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private AwsTesting() {
    }

    static AwsProvider provider(AwsBackend.Emulator emulator, Map<String, String> defaultTags) {
        AwsProvider p = new AwsProvider();
        Diagnostics d = p.configure(config(emulator, defaultTags));
        assertFalse(d.hasErrors(), d::toString);
        return p;
    }

    static ObjectValue config(AwsBackend.Emulator emulator, Map<String, String> defaultTags) {
        Map<String, Value> c = new TreeMap<>();
        c.put("region", Value.of(REGION));
        c.put("endpoint", Value.of(emulator.endpoint()));
        c.put("access_key", Value.of("testing").sensitive());
        c.put("secret_key", Value.of("testing").sensitive());
        if (!defaultTags.isEmpty()) c.put("default_tags", Attrs.ofMap(defaultTags));
        return new ObjectValue(c);
    }

    static ResourceType type(AwsProvider p, String name) {
        return p.resourceType(name).orElseThrow();
    }

    static S3Client s3(AwsBackend.Emulator emulator) {
        return S3Client.builder().region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create(emulator.endpoint())).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static SqsClient sqs(AwsBackend.Emulator emulator) {
        return SqsClient.builder().region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create(emulator.endpoint())).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static IamClient iam(AwsBackend.Emulator emulator) {
        return iam(emulator.endpoint());
    }

    static IamClient iam(String endpoint) {
        return IamClient.builder().region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create(endpoint)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static Ec2Client ec2(AwsBackend.Emulator emulator) {
        return Ec2Client.builder().region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create(emulator.endpoint())).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static RdsClient rds(AwsBackend.Emulator emulator) {
        return RdsClient.builder().region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create(emulator.endpoint())).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static KmsClient kms(AwsBackend.Emulator emulator) {
        return KmsClient.builder().region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create(emulator.endpoint())).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static SecretsManagerClient secretsManager(AwsBackend.Emulator emulator) {
        return SecretsManagerClient.builder().region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create(emulator.endpoint())).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static DynamoDbClient dynamoDb(AwsBackend.Emulator emulator) {
        return DynamoDbClient.builder().region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .endpointOverride(URI.create(emulator.endpoint())).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** An object from name/value pairs; Java strings, numbers, booleans and maps become values. */
    static ObjectValue obj(Object... pairs) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], value(pairs[i + 1]));
        return Value.object(m);
    }

    private static Value value(Object o) {
        return ValueJson.fromJava(o);
    }

    /** Plans a create, checks it is clean and wholly known apart from computed attributes, and creates. */
    static ObjectValue create(ResourceType t, ObjectValue config, String key) {
        return ProviderLifecycle.create(t, config, key);
    }

    /** Plans an update; fails when it needs replacing. */
    static ObjectValue update(ResourceType t, ObjectValue prior, ObjectValue config) {
        return ProviderLifecycle.update(t, prior, config);
    }

    /** Asserts that planning {@code config} against {@code state} changes nothing. */
    static void assertNoChange(ResourceType t, ObjectValue state, ObjectValue config) {
        ProviderLifecycle.assertNoChange(t, state, config);
    }

    static Map<String, String> tagsAll(ObjectValue state) {
        return Attrs.stringMap(state, "tags_all");
    }
}
