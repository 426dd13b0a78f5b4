package dev.platctl.state.postgres;

import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.engine.state.StateStoreFactory;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import dev.platctl.state.crypto.EncryptionSettings;
import dev.platctl.state.crypto.KeyRing;
import dev.platctl.state.json.ResourceStateJson;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Opens the {@code backend "postgres" { url = "jdbc:postgresql://host:5432/db"  schema = "platctl" }} store.
 * Credentials come only from the environment ({@code PGUSER}, {@code PGPASSWORD}, or the driver's {@code ~/.pgpass});
 * {@code PLATCTL_PG_URL} stands in for a missing {@code url}; {@link EncryptionSettings} name the key that seals
 * sensitive values.
 */
public final class PostgresStateStoreFactory implements StateStoreFactory {
    public static final String DEFAULT_SCHEMA = "platctl";
    private static final Set<String> SETTINGS = Set.of("url", "schema");
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)([?&]password=)|(//[^/@?]*:[^/@?]*@)");

    private final Function<String, String> environment;

    public PostgresStateStoreFactory() {
        this(System::getenv);
    }

    /** @param environment looks up an environment variable; null when unset */
    public PostgresStateStoreFactory(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public StateStore open(Path workspaceDir, ObjectValue config) {
        KeyRing keys = EncryptionSettings.read(name(), config, environment);
        for (String key : config.attributes().keySet()) {
            if (key.equalsIgnoreCase("password"))
                throw refused("a password in platctl.hcl is refused: remove it, and set PGPASSWORD in the environment"
                        + " (or use ~/.pgpass) instead");
            if (!SETTINGS.contains(key) && !EncryptionSettings.NAMES.contains(key))
                throw refused("unknown setting '" + key + "' (settings are url, schema, " + EncryptionSettings.KEY_ENV
                        + " and " + EncryptionSettings.PREVIOUS_KEY_ENV + "; credentials come from PGUSER and PGPASSWORD)");
        }
        Optional<String> fileUrl = text(config, "url");
        String url = fileUrl.or(() -> env("PLATCTL_PG_URL")).orElseThrow(() -> refused(
                "url is required, e.g. url = \"jdbc:postgresql://db.example.com:5432/platctl\" (or set PLATCTL_PG_URL)"));
        if (!url.startsWith("jdbc:postgresql:"))
            throw refused("url must be a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/database, got '" + url + "'");
        if (fileUrl.isPresent() && PASSWORD_IN_URL.matcher(url).find())
            throw refused("a password in platctl.hcl is refused: remove it from the url, and set PGPASSWORD in the"
                    + " environment (or use ~/.pgpass) instead");
        String schema = text(config, "schema").orElse(DEFAULT_SCHEMA);
        Tables tables;
        try {
            tables = new Tables(schema);
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
        return new PostgresStateStore(new PostgresConnector(url, env("PGUSER"), env("PGPASSWORD")), tables,
                new ResourceStateJson(keys));
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
        return new StateStoreException("cannot open backend \"postgres\": " + reason);
    }
}
