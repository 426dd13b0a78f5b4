package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The settings of a {@code provider "aws" { ... }} block, checked. */
record AwsSettings(Optional<String> region, Optional<URI> endpoint, Map<String, URI> endpoints,
                   Optional<String> profile, Optional<String> accessKey, Optional<String> secretKey,
                   Map<String, String> defaultTags, String retryMode, int maxAttempts, Optional<AssumeRole> assumeRole,
                   ConcurrencyLimits concurrency) {
    static final Set<String> SERVICES = Set.of("s3", "sqs", "iam", "sts", "ec2", "rds", "kms", "secretsmanager", "dynamodb");
    static final Set<String> RETRY_MODES = Set.of("adaptive", "standard", "legacy");
    /** Far above the SDK's 3: throttling is the norm at scale, and one throttled call must not fail a whole apply. */
    static final int DEFAULT_MAX_ATTEMPTS = 10;
    static final AwsSettings DEFAULT = new AwsSettings(Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Map.of(), "adaptive", DEFAULT_MAX_ATTEMPTS, Optional.empty(),
            ConcurrencyLimits.NONE_SET);

    static final List<AttributeSchema> SCHEMA = List.of(
            AttributeSchema.optional("region", AttributeType.STRING,
                    "The AWS region, such as \"eu-west-1\"; default from AWS_REGION or the profile."),
            AttributeSchema.optional("profile", AttributeType.STRING,
                    "A named profile from the shared config and credentials files (AWS_CONFIG_FILE and"
                            + " AWS_SHARED_CREDENTIALS_FILE, else ~/.aws), used even when the environment has keys;"
                            + " default: keys or web identity from the environment, else AWS_PROFILE or \"default\","
                            + " else a container or instance role."),
            AttributeSchema.optional("access_key", AttributeType.STRING,
                    "A static access key id, for emulators and tests; prefer the environment or a profile.").asSensitive(),
            AttributeSchema.optional("secret_key", AttributeType.STRING,
                    "The secret key that goes with access_key.").asSensitive(),
            AttributeSchema.optional("endpoint", AttributeType.STRING,
                    "One endpoint URL for every service, such as an emulator's \"http://127.0.0.1:5000\";"
                            + " S3 then uses path-style addressing."),
            AttributeSchema.optional("endpoints", AttributeType.MAP,
                    "Endpoint URLs by service (s3, sqs, iam, sts, ec2, rds, kms, secretsmanager, dynamodb); each wins over endpoint."),
            AttributeSchema.optional("default_tags", AttributeType.MAP,
                    "Tags put on every taggable resource; a resource's own tags win."),
            AttributeSchema.optional("retry_mode", AttributeType.STRING,
                    "The SDK's retry mode: adaptive (default: backs off on throttling), standard or legacy."),
            AttributeSchema.optional("max_attempts", AttributeType.NUMBER,
                    "Attempts per AWS call before its error is reported, 1 to 50 (default 10); throttling and 5xx are retried."),
            AttributeSchema.optional("assume_role", AttributeType.OBJECT,
                    "A role every call is made as: role_arn, session_name (platctl), external_id, duration_seconds (3600);"
                            + " assumed through STS with the credentials above."),
            AttributeSchema.optional("max_concurrent_requests", AttributeType.MAP,
                    "Calls in flight at once by service, such as { default = 16, rds = 2 }; default 16 for each service."));

    AwsSettings {
        endpoints = Map.copyOf(endpoints);
        defaultTags = Map.copyOf(new TreeMap<>(defaultTags));
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "AwsSettings[region=" + region.orElse("(default)") + ", endpoint=" + endpoint.map(URI::toString).orElse("(AWS)")
                + ", endpoints=" + endpoints + ", profile=" + profile.orElse("(default)") + ", credentials="
                + (accessKey.isPresent() ? "static" : profile.isPresent() ? "profile" : "environment chain") + ", default_tags=" + defaultTags
                + ", retry_mode=" + retryMode + ", max_attempts=" + maxAttempts
                + ", assume_role=" + assumeRole.map(AssumeRole::roleArn).orElse("(none)") + ", max_concurrent_requests=" + concurrency + "]";
    }

    Optional<URI> endpointFor(String service) {
        URI u = endpoints.get(service);
        return u != null ? Optional.of(u) : endpoint;
    }

    /** Parses a provider block; problems are added to {@code diags} and the defaults used instead. */
    static AwsSettings parse(ObjectValue config, Diagnostics diags) {
        Set<String> known = SCHEMA.stream().map(AttributeSchema::name).collect(Collectors.toSet());
        config.attributes().keySet().stream().filter(k -> !known.contains(k)).forEach(k ->
                diags.add(Diagnostic.error("Unsupported provider setting \"" + k + "\"", "provider \"aws\" accepts "
                        + SCHEMA.stream().map(AttributeSchema::name).sorted().collect(Collectors.joining(", ")) + ".")));
        Optional<String> region = string(config, "region", diags);
        Optional<String> profile = string(config, "profile", diags);
        Optional<String> accessKey = string(config, "access_key", diags);
        Optional<String> secretKey = string(config, "secret_key", diags);
        if (accessKey.isPresent() != secretKey.isPresent())
            diags.add(Diagnostic.error("Incomplete static credentials",
                    "provider \"aws\" needs access_key and secret_key together, or neither (then credentials come from the environment, a profile or a role)."));
        Optional<URI> endpoint = string(config, "endpoint", diags).flatMap(s -> uri("endpoint", s, diags));
        Map<String, URI> endpoints = new TreeMap<>();
        stringMap(config, "endpoints", diags).forEach((service, url) -> {
            if (!SERVICES.contains(service))
                diags.add(Diagnostic.error("Unknown service in \"endpoints\"", "provider \"aws\" knows the services "
                        + SERVICES.stream().sorted().collect(Collectors.joining(", ")) + ", got \"" + service + "\"."));
            else uri("endpoints." + service, url, diags).ifPresent(u -> endpoints.put(service, u));
        });
        Map<String, String> defaultTags = stringMap(config, "default_tags", diags);
        if (defaultTags.containsKey(Tags.ADDRESS_TAG))
            diags.add(Diagnostic.error("Reserved tag in \"default_tags\"",
                    "the tag " + Tags.ADDRESS_TAG + " is set by platctl on every object it creates."));
        String retryMode = string(config, "retry_mode", diags).orElse("adaptive");
        if (!RETRY_MODES.contains(retryMode))
            diags.add(Diagnostic.error("Invalid value for \"retry_mode\"",
                    "provider \"aws\" accepts retry_mode adaptive, standard or legacy, got \"" + retryMode + "\"."));
        int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        Value attempts = config.getOrNull("max_attempts").unmarked();
        if (!attempts.isNull()) {
            if (attempts instanceof NumberValue n && n.isInteger() && n.value().intValue() >= 1 && n.value().intValue() <= 50)
                maxAttempts = n.value().intValue();
            else diags.add(Diagnostic.error("Invalid value for \"max_attempts\"",
                    "provider \"aws\" needs max_attempts to be a whole number from 1 to 50, got " + describe(attempts) + "."));
        }
        Optional<AssumeRole> assumeRole = AssumeRole.parse(config.getOrNull("assume_role"), diags);
        ConcurrencyLimits concurrency = ConcurrencyLimits.parse(config.getOrNull("max_concurrent_requests"), SERVICES, diags);
        return new AwsSettings(region, endpoint, endpoints, profile, accessKey, secretKey, defaultTags, retryMode, maxAttempts,
                assumeRole, concurrency);
    }

    private static Optional<String> string(ObjectValue config, String name, Diagnostics diags) {
        Value v = config.getOrNull(name).unmarked();
        if (v.isNull()) return Optional.empty();
        if (v instanceof StringValue s && !s.value().isBlank()) return Optional.of(s.value());
        diags.add(Diagnostic.error("Invalid value for \"" + name + "\"",
                "provider \"aws\" needs " + name + " to be a known, non-empty string, got " + describe(v) + "."));
        return Optional.empty();
    }

    private static Map<String, String> stringMap(ObjectValue config, String name, Diagnostics diags) {
        Value v = config.getOrNull(name).unmarked();
        Map<String, String> out = new TreeMap<>();
        if (v.isNull()) return out;
        if (v instanceof ObjectValue o && o.isWhollyKnown()) {
            o.attributes().forEach((k, x) -> {
                if (x instanceof StringValue s) out.put(k, s.value());
                else diags.add(Diagnostic.error("Invalid value for \"" + name + "." + k + "\"",
                        "provider \"aws\" needs " + name + " to map names to strings, got " + describe(x) + "."));
            });
            return out;
        }
        diags.add(Diagnostic.error("Invalid value for \"" + name + "\"",
                "provider \"aws\" needs " + name + " to be a known map of strings, got " + describe(v) + "."));
        return out;
    }

    private static Optional<URI> uri(String name, String text, Diagnostics diags) {
        try {
            URI u = new URI(text);
            if (u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")) && u.getHost() != null)
                return Optional.of(u);
        } catch (URISyntaxException e) {
            diags.add(Diagnostic.error("Invalid value for \"" + name + "\"", "provider \"aws\": " + e.getMessage() + "."));
            return Optional.empty();
        }
        diags.add(Diagnostic.error("Invalid value for \"" + name + "\"",
                "provider \"aws\" needs " + name + " to be an http(s) URL such as \"http://127.0.0.1:5000\", got \"" + text + "\"."));
        return Optional.empty();
    }

    private static String describe(Value v) {
        return v.isWhollyKnown() ? v.typeName() + " " + v : "a value known only after apply";
    }
}
