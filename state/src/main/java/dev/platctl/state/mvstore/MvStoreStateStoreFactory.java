package dev.platctl.state.mvstore;

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
import java.time.Clock;
import java.util.function.Function;

/**
 * Opens the {@code backend "local" { path = "..." }} store; the path defaults to {@code .platctl/state.mv.db} in the
 * workspace, and {@link EncryptionSettings} name the key that seals sensitive values.
 */
public final class MvStoreStateStoreFactory implements StateStoreFactory {
    public static final String DEFAULT_PATH = ".platctl/state.mv.db";

    private final Clock clock;
    private final Function<String, String> environment;

    public MvStoreStateStoreFactory() {
        this(Clock.systemUTC(), System::getenv);
    }

    /** @param environment looks up an environment variable (the encryption key); null when unset */
    public MvStoreStateStoreFactory(Clock clock, Function<String, String> environment) {
        this.clock = clock;
        this.environment = environment;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public StateStore open(Path workspaceDir, ObjectValue config) {
        Value p = config.getOrNull("path").unmarked();
        String path;
        if (p.isNull()) path = DEFAULT_PATH;
        else if (p instanceof StringValue s && !s.value().isBlank()) path = s.value();
        else throw new StateStoreException("cannot open backend \"local\": path must be a file name, got "
                    + p.typeName() + " " + p);
        KeyRing keys = EncryptionSettings.read(name(), config, environment);
        for (String key : config.attributes().keySet())
            if (!key.equals("path") && !EncryptionSettings.NAMES.contains(key))
                throw new StateStoreException("cannot open backend \"local\": unknown setting '" + key
                        + "' (settings are path, " + EncryptionSettings.KEY_ENV + " and "
                        + EncryptionSettings.PREVIOUS_KEY_ENV + ")");
        return new MvStoreStateStore(workspaceDir.resolve(path), clock, new ResourceStateJson(keys));
    }
}
