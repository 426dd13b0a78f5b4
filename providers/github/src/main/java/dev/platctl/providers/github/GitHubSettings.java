package dev.platctl.providers.github;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The settings of a {@code provider "github" { ... }} block, checked; the token itself never appears in a file. */
record GitHubSettings(Optional<String> owner, URI baseUrl, String tokenEnv, Optional<AppAuth> appAuth, Duration writeInterval) {
    static final URI DEFAULT_BASE_URL = URI.create("https://api.github.com");
    static final String DEFAULT_TOKEN_ENV = "GITHUB_TOKEN";
    /** GitHub's "wait at least one second between each" POST, PATCH, PUT or DELETE when making many: the pace after a burst. */
    static final Duration DEFAULT_WRITE_INTERVAL = Duration.ofSeconds(1);
    static final GitHubSettings DEFAULT = new GitHubSettings(Optional.empty(), DEFAULT_BASE_URL, DEFAULT_TOKEN_ENV, Optional.empty(),
            DEFAULT_WRITE_INTERVAL);

    static final List<AttributeSchema> SCHEMA = List.of(
            AttributeSchema.optional("owner", AttributeType.STRING,
                    "The organization, or the token's own user, that owns the repositories platctl manages."),
            AttributeSchema.optional("base_url", AttributeType.STRING,
                    "The REST API's URL: https://api.github.com (default), or https://HOST/api/v3 for GitHub Enterprise Server."),
            AttributeSchema.optional("token_env", AttributeType.STRING,
                    "The environment variable holding the token (default GITHUB_TOKEN); the token is never written in a file."),
            AttributeSchema.optional("app_auth", AttributeType.OBJECT,
                    "Authenticate as a GitHub App installation instead of with a token: { app_id, installation_id, private_key_env }"
                            + " (the variable holding the App's PEM private key); installation tokens are made and renewed as needed."),
            AttributeSchema.optional("write_interval", AttributeType.NUMBER,
                    "Writes (POST, PUT, PATCH, DELETE) go one at a time; after a burst of 10, one per write_interval seconds,"
                            + " start to start: 0 to 60 (default 1, as GitHub asks; 0: no pacing). Paced per platctl process."));

    /** Parses a provider block; problems are added to {@code diags} and the defaults used instead. */
    static GitHubSettings parse(ObjectValue config, Diagnostics diags) {
        Set<String> known = SCHEMA.stream().map(AttributeSchema::name).collect(Collectors.toSet());
        config.attributes().keySet().stream().filter(k -> !known.contains(k)).forEach(k -> diags.add(Diagnostic.error(
                "Unsupported provider setting \"" + k + "\"", "provider \"github\" accepts "
                        + SCHEMA.stream().map(AttributeSchema::name).sorted().collect(Collectors.joining(", "))
                        + (k.equals("token") ? "; the token comes from the environment (GITHUB_TOKEN, or the variable token_env names),"
                        + " or from a GitHub App (app_auth)." : "."))));
        Optional<String> owner = string(config, "owner", diags);
        URI baseUrl = string(config, "base_url", diags).flatMap(s -> uri(s, diags)).orElse(DEFAULT_BASE_URL);
        Optional<String> tokenEnvSet = string(config, "token_env", diags);
        String tokenEnv = tokenEnvSet.orElse(DEFAULT_TOKEN_ENV);
        Optional<AppAuth> appAuth = AppAuth.parse(config.getOrNull("app_auth"), diags);
        if (tokenEnvSet.isPresent() && !config.getOrNull("app_auth").isNull())
            diags.add(Diagnostic.error("Conflicting provider settings", "provider \"github\" takes token_env or app_auth, not both:"
                    + " with app_auth, platctl makes its own installation tokens."));
        Duration writeInterval = DEFAULT_WRITE_INTERVAL;
        Value interval = config.getOrNull("write_interval").unmarked();
        if (!interval.isNull()) {
            if (interval instanceof NumberValue n && n.value().signum() >= 0 && n.value().compareTo(BigDecimal.valueOf(60)) <= 0)
                writeInterval = Duration.ofMillis(n.value().movePointRight(3).longValue());
            else diags.add(Diagnostic.error("Invalid value for \"write_interval\"", "provider \"github\" needs write_interval to be"
                    + " a number of seconds from 0 to 60, got " + (interval.isWhollyKnown() ? interval.typeName() + " " + interval
                    : "a value known only after apply") + "."));
        }
        return new GitHubSettings(owner, baseUrl, tokenEnv, appAuth, writeInterval);
    }

    private static Optional<String> string(ObjectValue config, String name, Diagnostics diags) {
        Value v = config.getOrNull(name).unmarked();
        if (v.isNull()) return Optional.empty();
        if (v instanceof StringValue s && !s.value().isBlank()) return Optional.of(s.value());
        diags.add(Diagnostic.error("Invalid value for \"" + name + "\"",
                "provider \"github\" needs " + name + " to be a known, non-empty string, got "
                        + (v.isWhollyKnown() ? v.typeName() + " " + v : "a value known only after apply") + "."));
        return Optional.empty();
    }

    private static Optional<URI> uri(String text, Diagnostics diags) {
        try {
            URI u = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")) && u.getHost() != null)
                return Optional.of(u);
        } catch (URISyntaxException e) {
            diags.add(Diagnostic.error("Invalid value for \"base_url\"", "provider \"github\": " + e.getMessage() + "."));
            return Optional.empty();
        }
        diags.add(Diagnostic.error("Invalid value for \"base_url\"", "provider \"github\" needs base_url to be an http(s) URL"
                + " such as \"https://github.example.com/api/v3\", got \"" + text + "\"."));
        return Optional.empty();
    }
}
