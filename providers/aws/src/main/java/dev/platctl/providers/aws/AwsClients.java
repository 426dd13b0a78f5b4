package dev.platctl.providers.aws;

import dev.platctl.engine.provider.ProviderException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SDK clients of one configured provider, built on first use (so a workspace that uses no AWS resource
 * never needs AWS settings) and sharing one HTTP client; closed with the provider.
 */
final class AwsClients implements AutoCloseable {
    private volatile AwsSettings settings = AwsSettings.DEFAULT;
    private SdkHttpClient http;
    private S3Client s3;
    private SqsClient sqs;
    private IamClient iam;
    private Ec2Client ec2;
    private RdsClient rds;
    private KmsClient kms;
    private SecretsManagerClient secrets;
    private DynamoDbClient dynamoDb;
    private AwsCredentialsProvider credentials;
    private final List<SdkAutoCloseable> open = new ArrayList<>();
    private final Map<String, ConcurrencyLimit> limits = new HashMap<>();

    /** Takes new settings; clients built from older ones are closed. */
    synchronized void configure(AwsSettings settings) {
        close();
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    AwsSettings settings() {
        return settings;
    }

    synchronized S3Client s3() {
        if (s3 == null) s3 = keep(configured(S3Client.builder(), "s3")
                .forcePathStyle(settings.endpointFor("s3").isPresent())
                .build());
        return s3;
    }

    synchronized SqsClient sqs() {
        if (sqs == null) sqs = keep(configured(SqsClient.builder(), "sqs").build());
        return sqs;
    }

    synchronized IamClient iam() {
        if (iam == null) iam = keep(configured(IamClient.builder(), "iam").build());
        return iam;
    }

    synchronized Ec2Client ec2() {
        if (ec2 == null) ec2 = keep(configured(Ec2Client.builder(), "ec2").build());
        return ec2;
    }

    synchronized RdsClient rds() {
        if (rds == null) rds = keep(configured(RdsClient.builder(), "rds").build());
        return rds;
    }

    synchronized KmsClient kms() {
        if (kms == null) kms = keep(configured(KmsClient.builder(), "kms").build());
        return kms;
    }

    synchronized SecretsManagerClient secretsManager() {
        if (secrets == null) secrets = keep(configured(SecretsManagerClient.builder(), "secretsmanager").build());
        return secrets;
    }

    synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) dynamoDb = keep(configured(DynamoDbClient.builder(), "dynamodb").build());
        return dynamoDb;
    }

    /** The credentials every client signs with: the base credentials, or those of the assumed role. */
    synchronized AwsCredentialsProvider credentials() {
        if (credentials == null) {
            AwsCredentialsProvider base = baseCredentials(settings);
            credentials = settings.assumeRole().<AwsCredentialsProvider>map(role ->
                    keep(new AssumedRoleCredentials(role, configured(StsClient.builder(), "sts", base).build()))).orElse(base);
        }
        return credentials;
    }

    /** The region the clients use. */
    synchronized Region region() {
        if (settings.region().isPresent()) return Region.of(settings.region().get());
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new ProviderException("cannot configure provider \"aws\": no region set; set region in the provider block"
                    + " or AWS_REGION in the environment (" + e.getMessage() + ")", false, e);
        }
    }

    /** The ARN partition of the region: aws, aws-cn or aws-us-gov. */
    String partition() {
        String r = region().id();
        if (r.startsWith("cn-")) return "aws-cn";
        if (r.startsWith("us-gov-")) return "aws-us-gov";
        return "aws";
    }

    private <B extends AwsClientBuilder<B, ?>> B configured(B builder, String service) {
        return configured(builder, service, credentials());
    }

    private <B extends AwsClientBuilder<B, ?>> B configured(B builder, String service, AwsCredentialsProvider credentials) {
        AwsSettings s = settings;
        builder.region(region()).credentialsProvider(credentials);
        s.endpointFor(service).ifPresent(builder::endpointOverride);
        ConcurrencyLimit limit = limits.computeIfAbsent(service, k -> new ConcurrencyLimit(s.concurrency().limitFor(k)));
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(limit)
                .retryStrategy(AwsRetryStrategy.forRetryMode(retryMode(s)).toBuilder().maxAttempts(s.maxAttempts()).build()).build());
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync)
            sync.httpClient(http());
        return builder;
    }

    private SdkHttpClient http() {
        if (http == null) http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        return http;
    }

    private static AwsCredentialsProvider baseCredentials(AwsSettings s) {
        if (s.accessKey().isPresent() && s.secretKey().isPresent())
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey().get(), s.secretKey().get()));
        if (s.profile().isPresent()) return ProfileCredentialsProvider.create(s.profile().get());
        return DefaultCredentialsProvider.builder().build();
    }

    private static RetryMode retryMode(AwsSettings s) {
        return switch (s.retryMode()) {
            case "standard" -> RetryMode.STANDARD;
            case "legacy" -> RetryMode.LEGACY;
            default -> RetryMode.ADAPTIVE_V2;
        };
    }

    private <C extends SdkAutoCloseable> C keep(C client) {
        open.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        for (SdkAutoCloseable c : open) c.close();
        open.clear();
        s3 = null;
        sqs = null;
        iam = null;
        ec2 = null;
        rds = null;
        kms = null;
        secrets = null;
        dynamoDb = null;
        credentials = null;
        limits.clear();
        if (http != null) http.close();
        http = null;
    }
}
