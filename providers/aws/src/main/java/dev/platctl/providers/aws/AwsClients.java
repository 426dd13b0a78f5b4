package dev.platctl.providers.aws;

import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
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
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The SDK clients of one configured provider, built on first use (so a workspace that uses no AWS resource
 * never needs AWS settings) and sharing one HTTP client, and the threads batch reads make their detail calls on;
 * closed with the provider. Offline (for {@code platctl validate}) none is ever built, no pool is made, and neither a
 * region nor credentials are looked for.
 */
final class AwsClients implements AutoCloseable {
    private final Map<String, String> environment;
    private final Supplier<Optional<Region>> instanceRegion;
    private final InstanceCredentials instanceCredentials;
    private final boolean offline;
    private volatile AwsSettings settings = AwsSettings.DEFAULT;
    private ProfileFile profiles;
    /** The region, or why there is none: worked out once per configuration, failure included. */
    private Region region;
    private ProviderConfigurationException noRegion;
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
    private final Map<String, ExecutorService> detailReads = new HashMap<>();

    /**
     * @param environment the process environment, where {@code AWS_CONFIG_FILE}, {@code AWS_SHARED_CREDENTIALS_FILE},
     *                    {@code AWS_PROFILE} and {@code HOME} say which profiles there are and which one is meant,
     *                    {@code AWS_REGION}, {@code AWS_DEFAULT_REGION} and {@code AWS_EC2_METADATA_DISABLED} where the
     *                    region comes from, and the variables of {@link #credentials()} where credentials come from
     */
    AwsClients(Map<String, String> environment) {
        this(environment, AwsClients::instanceMetadataRegion, AwsClients::instanceProfileCredentials, false);
    }

    /**
     * @param instanceRegion      the region of the EC2 instance this runs on, from its instance metadata (empty when there
     *                            is none); asked only when nothing else sets a region
     * @param instanceCredentials makes the credentials of the EC2 instance's role, the last place credentials are looked for
     */
    AwsClients(Map<String, String> environment, Supplier<Optional<Region>> instanceRegion, InstanceCredentials instanceCredentials) {
        this(environment, instanceRegion, instanceCredentials, false);
    }

    /** @param offline whether any use of AWS is refused: the provider only plans */
    AwsClients(Map<String, String> environment, Supplier<Optional<Region>> instanceRegion, InstanceCredentials instanceCredentials,
               boolean offline) {
        this.environment = Map.copyOf(environment);
        this.instanceRegion = instanceRegion;
        this.instanceCredentials = instanceCredentials;
        this.offline = offline;
    }

    /** Makes the provider of the EC2 instance role's credentials, from the instance metadata. */
    @FunctionalInterface
    interface InstanceCredentials {
        /**
         * @param profiles    the shared profiles, whose {@code ec2_metadata_service_endpoint} settings the SDK reads
         * @param endpoint    the instance metadata's endpoint, when AWS_EC2_METADATA_SERVICE_ENDPOINT sets one
         */
        AwsCredentialsProvider of(ProfileFile profiles, String profileName, Optional<String> endpoint);
    }

    /** Takes new settings; clients built from older ones are closed. */
    void configure(AwsSettings settings) {
        Objects.requireNonNull(settings, "settings");
        List<ExecutorService> pools;
        synchronized (this) {
            pools = closeClients();
            this.settings = settings;
        }
        stop(pools);
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
        refuseOffline();
        if (credentials == null) {
            AwsCredentialsProvider base = baseCredentials();
            credentials = settings.assumeRole().<AwsCredentialsProvider>map(role ->
                    keep(new AssumedRoleCredentials(role, configured(StsClient.builder(), "sts", base).build()))).orElse(base);
        }
        return credentials;
    }

    /**
     * The region the clients use: the block's {@code region}; else AWS_REGION, then AWS_DEFAULT_REGION, of the
     * environment the provider was given (not this JVM's own, which the SDK's default chain would read); else the
     * {@code region} of the profile in use; else the EC2 instance's, from its instance metadata, unless
     * AWS_EC2_METADATA_DISABLED=true in that environment. Worked out once per configuration: a missing region fails
     * every later call at once, without asking the instance metadata (a timeout off EC2) again.
     */
    synchronized Region region() {
        refuseOffline();
        if (region != null) return region;
        if (noRegion == null) {
            Optional<Region> found = findRegion();
            if (found.isPresent()) return region = found.get();
            noRegion = new ProviderConfigurationException(AwsProvider.NAME, "no region set; set region in the provider block, AWS_REGION"
                    + " in the environment, or region in profile \"" + profileName() + "\"" + (metadataAllowed()
                    ? " (not on an EC2 instance, or its instance metadata gave none)" : " (instance metadata is off: AWS_EC2_METADATA_DISABLED=true)"));
            throw noRegion;
        }
        throw new ProviderConfigurationException(AwsProvider.NAME, noRegion.problem());
    }

    private void refuseOffline() {
        if (offline)
            throw new ProviderException("cannot call AWS: provider \"" + AwsProvider.NAME + "\" was made offline, to plan without AWS"
                    + " (platctl validate)");
    }

    private Optional<Region> findRegion() {
        if (settings.region().isPresent()) return Optional.of(Region.of(settings.region().get()));
        return variable("AWS_REGION").or(() -> variable("AWS_DEFAULT_REGION"))
                .or(() -> profiles().profile(profileName()).flatMap(p -> p.property(ProfileProperty.REGION)).filter(r -> !r.isBlank()))
                .map(Region::of)
                .or(() -> metadataAllowed() ? instanceRegion.get() : Optional.empty());
    }

    private boolean metadataAllowed() {
        return !variable("AWS_EC2_METADATA_DISABLED").map("true"::equalsIgnoreCase).orElse(false);
    }

    /**
     * The shared pool on which batch reads make the detail calls of {@code service} ({@link BatchRead}): as many threads as
     * the service's {@code max_concurrent_requests}, so every call it may have in flight can be, and no more threads wait
     * for a slot than there are slots. Threads are made when needed and end when idle; the pool is shut down with the provider.
     * Offline there is none: no AWS call is made.
     */
    synchronized ExecutorService detailReads(String service) {
        refuseOffline();
        return detailReads.computeIfAbsent(service, k -> {
            int threads = settings.concurrency().limitFor(k);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "platctl-aws-" + k + "-read");
                t.setDaemon(true);
                return t;
            });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        });
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The region in this EC2 instance's metadata; empty off EC2 (the SDK's lookup gives up after its short timeouts). */
    static Optional<Region> instanceMetadataRegion() {
        try {
            return Optional.ofNullable(new InstanceProfileRegionProvider().getRegion());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    /** The profile meant: the block's {@code profile}, else AWS_PROFILE, else "default". */
    String profileName() {
        return settings.profile().orElseGet(() -> Optional.ofNullable(environment.get("AWS_PROFILE")).filter(p -> !p.isBlank())
                .orElse("default"));
    }

    /**
     * The shared config and credentials files, from where the environment says (AWS_CONFIG_FILE,
     * AWS_SHARED_CREDENTIALS_FILE) or ~/.aws; read once per configuration.
     */
    synchronized ProfileFile profiles() {
        if (profiles == null) {
            ProfileFile.Aggregator all = ProfileFile.aggregator();
            profileFile("AWS_CONFIG_FILE", "config").ifPresent(f -> all.addFile(ProfileFile.builder().content(f)
                    .type(ProfileFile.Type.CONFIGURATION).build()));
            profileFile("AWS_SHARED_CREDENTIALS_FILE", "credentials").ifPresent(f -> all.addFile(ProfileFile.builder().content(f)
                    .type(ProfileFile.Type.CREDENTIALS).build()));
            profiles = all.build();
        }
        return profiles;
    }

    private Optional<Path> profileFile(String variable, String name) {
        Path f = profilePath(variable, name);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    private Path profilePath(String variable, String name) {
        String home = Optional.ofNullable(environment.get("HOME")).filter(h -> !h.isBlank()).orElse(System.getProperty("user.home"));
        return Optional.ofNullable(environment.get(variable)).filter(v -> !v.isBlank())
                .map(v -> v.startsWith("~/") ? Path.of(home, v.substring(2)) : Path.of(v))
                .orElse(Path.of(home, ".aws", name));
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

    /**
     * Static keys from the block; else the profile the block names (an explicit choice, as static keys are: the
     * environment's keys do not override it); else the first of these that gives credentials, read from the environment
     * the provider was given, in the order of the SDK's default chain: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and
     * AWS_SESSION_TOKEN); web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME); the profile
     * AWS_PROFILE names, else "default", from the same files as the region; container credentials; the EC2 instance
     * role. The SDK's default chain is not used: it reads this JVM's own environment and system properties.
     */
    private AwsCredentialsProvider baseCredentials() {
        AwsSettings s = settings;
        if (s.accessKey().isPresent() && s.secretKey().isPresent())
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey().get(), s.secretKey().get()));
        if (s.profile().isPresent())
            return new NamedCredentials(keep(ProfileCredentialsProvider.builder().profileFile(profiles())
                    .profileName(s.profile().get()).build()), "profile \"" + s.profile().get() + "\"");
        return keep(new CredentialsChain(List.of(environmentKeys(), webIdentity(), profile(), container(), instanceProfile()),
                "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (or profile in the provider block) to a profile"
                        + " with credentials, or AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN, in the environment platctl runs in;"
                        + " or run it in a container or on an EC2 instance that has a role"));
    }

    private CredentialsChain.Source environmentKeys() {
        String name = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
        Optional<String> id = variable("AWS_ACCESS_KEY_ID");
        Optional<String> secret = variable("AWS_SECRET_ACCESS_KEY");
        if (id.isEmpty() || secret.isEmpty())
            return CredentialsChain.Source.notUsed(name, notSet(id.isEmpty() ? "AWS_ACCESS_KEY_ID" : null,
                    secret.isEmpty() ? "AWS_SECRET_ACCESS_KEY" : null));
        Optional<String> token = variable("AWS_SESSION_TOKEN");
        return CredentialsChain.Source.of(name, StaticCredentialsProvider.create(token.isPresent()
                ? AwsSessionCredentials.create(id.get(), secret.get(), token.get())
                : AwsBasicCredentials.create(id.get(), secret.get())));
    }

    /**
     * AssumeRoleWithWebIdentity with the token file's token (as EKS and GitHub Actions give one), through an STS client
     * that signs nothing (the call takes the token instead) and honours the block's {@code sts} endpoint.
     */
    private CredentialsChain.Source webIdentity() {
        String name = "web identity (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN)";
        Optional<String> tokenFile = variable("AWS_WEB_IDENTITY_TOKEN_FILE");
        Optional<String> role = variable("AWS_ROLE_ARN");
        if (tokenFile.isEmpty() || role.isEmpty())
            return CredentialsChain.Source.notUsed(name, notSet(tokenFile.isEmpty() ? "AWS_WEB_IDENTITY_TOKEN_FILE" : null,
                    role.isEmpty() ? "AWS_ROLE_ARN" : null));
        StsClient sts = keep(configured(StsClient.builder(), "sts", AnonymousCredentialsProvider.create()).build());
        return CredentialsChain.Source.of("web identity (role " + role.get() + ", token file " + tokenFile.get() + ")",
                StsWebIdentityTokenFileCredentialsProvider.builder().stsClient(sts).roleArn(role.get())
                        .roleSessionName(variable("AWS_ROLE_SESSION_NAME").orElse(AssumeRole.DEFAULT_SESSION_NAME))
                        .webIdentityTokenFile(Path.of(tokenFile.get())).build());
    }

    private CredentialsChain.Source profile() {
        String name = profileName();
        ProfileFile files = profiles();
        if (files.profile(name).isEmpty())
            return CredentialsChain.Source.notUsed("profile \"" + name + "\"", "no such profile in " + profileFilesLookedIn());
        return CredentialsChain.Source.of("profile \"" + name + "\"",
                ProfileCredentialsProvider.builder().profileFile(files).profileName(name).build());
    }

    /**
     * The SDK's container credentials provider cannot be given the URI and token: it reads AWS_CONTAINER_CREDENTIALS_*
     * and AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE) from this JVM's environment itself. It is only asked when the
     * provider's environment sets one of the URIs (as it does when that environment is the JVM's, the CLI's case).
     */
    private CredentialsChain.Source container() {
        String name = "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI)";
        if (variable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").isEmpty() && variable("AWS_CONTAINER_CREDENTIALS_FULL_URI").isEmpty())
            return CredentialsChain.Source.notUsed(name, "neither is set");
        return CredentialsChain.Source.of(name, ContainerCredentialsProvider.builder().build());
    }

    private CredentialsChain.Source instanceProfile() {
        String name = "the EC2 instance's role (instance metadata)";
        if (!metadataAllowed()) return CredentialsChain.Source.notUsed(name, "instance metadata is off: AWS_EC2_METADATA_DISABLED=true");
        return CredentialsChain.Source.of(name, instanceCredentials.of(profiles(), profileName(),
                variable("AWS_EC2_METADATA_SERVICE_ENDPOINT")));
    }

    /** The SDK's provider of the instance role's credentials, at the endpoint given (else its default). */
    static AwsCredentialsProvider instanceProfileCredentials(ProfileFile profiles, String profileName, Optional<String> endpoint) {
        InstanceProfileCredentialsProvider.Builder b = InstanceProfileCredentialsProvider.builder().profileFile(profiles)
                .profileName(profileName);
        endpoint.ifPresent(b::endpoint);
        return b.build();
    }

    private static String notSet(String first, String second) {
        if (first != null && second != null) return first + " and " + second + " are not set";
        return (first != null ? first : second) + " is not set";
    }

    /** The shared files, for an error: those there are, or where they were looked for. */
    private String profileFilesLookedIn() {
        List<String> files = new ArrayList<>();
        profileFile("AWS_CONFIG_FILE", "config").ifPresent(f -> files.add(f.toString()));
        profileFile("AWS_SHARED_CREDENTIALS_FILE", "credentials").ifPresent(f -> files.add(f.toString()));
        if (!files.isEmpty()) return String.join(" and ", files);
        return "the shared files: neither " + profilePath("AWS_CONFIG_FILE", "config") + " nor "
                + profilePath("AWS_SHARED_CREDENTIALS_FILE", "credentials") + " exists";
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

    /** Closes the clients and shuts down the detail read pools; waits (a bounded time) for calls still on them to end. */
    @Override
    public void close() {
        List<ExecutorService> pools;
        synchronized (this) {
            pools = closeClients();
        }
        stop(pools);
    }

    /** Closes and forgets the clients and what was worked out from the settings; the pools to stop, outside the lock. */
    private List<ExecutorService> closeClients() {
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
        region = null;
        noRegion = null;
        profiles = null;
        limits.clear();
        if (http != null) http.close();
        http = null;
        List<ExecutorService> pools = new ArrayList<>(detailReads.values());
        detailReads.clear();
        return pools;
    }

    /**
     * Stops the pools: their threads may be waiting for this object's lock (a detail read asks for the region), so this
     * is done without holding it.
     */
    private static void stop(List<ExecutorService> pools) {
        for (ExecutorService p : pools) p.shutdownNow();
        boolean interrupted = false;
        for (ExecutorService p : pools) {
            try {
                p.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
