package dev.platctl.state.s3;

import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.engine.state.StateStoreFactory;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import dev.platctl.state.crypto.EncryptionSettings;
import dev.platctl.state.crypto.KeyRing;
import dev.platctl.state.json.ResourceStateJson;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Opens the {@code backend "s3" { bucket = "..."  key_prefix = "platctl"  region = "eu-west-1"  endpoint = "..." }}
 * store. Credentials come from the AWS SDK's default chain (environment, profile, instance role), never from the file;
 * {@code region} falls back to {@code AWS_REGION}; {@code endpoint} points at an S3-compatible server (path-style).
 */
public final class S3StateStoreFactory implements StateStoreFactory {
    public static final String DEFAULT_PREFIX = "platctl";
    private static final Set<String> SETTINGS = Set.of("bucket", "key_prefix", "region", "endpoint");
    private static final Set<String> SECRETS = Set.of("access_key", "secret_key", "access_key_id", "secret_access_key",
            "session_token", "token");

    private final Function<String, String> environment;
    private final Supplier<AwsCredentialsProvider> credentials;

    public S3StateStoreFactory() {
        this(System::getenv, DefaultCredentialsProvider::create);
    }

    /**
     * @param environment looks up an environment variable; null when unset
     * @param credentials the credentials to sign requests with
     */
    public S3StateStoreFactory(Function<String, String> environment, Supplier<AwsCredentialsProvider> credentials) {
        this.environment = environment;
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public StateStore open(Path workspaceDir, ObjectValue config) {
        KeyRing keys = EncryptionSettings.read(name(), config, environment);
        for (String key : config.attributes().keySet()) {
            if (SECRETS.contains(key.toLowerCase()))
                throw refused("credentials in platctl.hcl are refused: remove '" + key + "', and set AWS_ACCESS_KEY_ID"
                        + " and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, or an instance role) in the environment instead");
            if (!SETTINGS.contains(key) && !EncryptionSettings.NAMES.contains(key))
                throw refused("unknown setting '" + key + "' (settings are bucket, key_prefix, region, endpoint, "
                        + EncryptionSettings.KEY_ENV + " and " + EncryptionSettings.PREVIOUS_KEY_ENV + ")");
        }
        String bucket = text(config, "bucket").orElseThrow(() -> refused("bucket is required, e.g. bucket = \"acme-platctl-state\""));
        String prefix = text(config, "key_prefix").orElse(DEFAULT_PREFIX);
        if (prefix.contains("//") || prefix.contains(".."))
            throw refused("key_prefix must be a plain folder path like \"platctl/prod\", got '" + prefix + "'");
        String region = text(config, "region").or(() -> env("AWS_REGION")).or(() -> env("AWS_DEFAULT_REGION"))
                .orElseThrow(() -> refused("region is required, e.g. region = \"eu-west-1\" (or set AWS_REGION)"));
        S3ClientBuilder client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(credentials.get())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        Optional<String> endpoint = text(config, "endpoint");
        if (endpoint.isPresent()) client.endpointOverride(uri(endpoint.get())).forcePathStyle(true);
        return new S3StateStore(client.build(), bucket, prefix, new ResourceStateJson(keys));
    }

    private static URI uri(String endpoint) {
        try {
            URI u = new URI(endpoint);
            if (u.getScheme() == null || u.getHost() == null) throw new URISyntaxException(endpoint, "no scheme or host");
            return u;
        } catch (URISyntaxException e) {
            throw refused("endpoint must be a URL like https://s3.example.com, got '" + endpoint + "'");
        }
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(environment.apply(name)).filter(v -> !v.isEmpty());
    }

    private static Optional<String> text(ObjectValue config, String key) {
        Value v = config.getOrNull(key).unmarked();
        if (v.isNull()) return Optional.empty();
        if (v instanceof StringValue s && !s.value().isBlank()) return Optional.of(s.value());
        throw refused(key + " must be a non-empty string, got " + v.typeName() + " " + v);
    }

    private static StateStoreException refused(String reason) {
        return new StateStoreException("cannot open backend \"s3\": " + reason);
    }
}
