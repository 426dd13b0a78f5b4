package dev.platctl.state.mvstore;

import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.engine.state.StateStoreFactory;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.nio.file.Path;
import java.time.Clock;

/** Opens the {@code backend "local" { path = "..." }} store; the path defaults to {@code .platctl/state.mv.db} in the workspace. */
public final class MvStoreStateStoreFactory implements StateStoreFactory {
    public static final String DEFAULT_PATH = ".platctl/state.mv.db";

    private final Clock clock;

    public MvStoreStateStoreFactory() {
        this(Clock.systemUTC());
    }

    public MvStoreStateStoreFactory(Clock clock) {
        this.clock = clock;
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
        for (String key : config.attributes().keySet())
            if (!key.equals("path"))
                throw new StateStoreException("cannot open backend \"local\": unknown setting '" + key
                        + "' (the only setting is path)");
        return new MvStoreStateStore(workspaceDir.resolve(path), clock);
    }
}
