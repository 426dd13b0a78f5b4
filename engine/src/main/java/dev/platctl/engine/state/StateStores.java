package dev.platctl.engine.state;

import dev.platctl.engine.value.ObjectValue;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Opens the state backend a workspace names, found through {@link ServiceLoader}. */
public final class StateStores {
    private StateStores() {
    }

    public static StateStore open(String backend, Path workspaceDir, ObjectValue config) {
        Map<String, StateStoreFactory> all = new TreeMap<>();
        for (StateStoreFactory f : ServiceLoader.load(StateStoreFactory.class)) all.put(f.name(), f);
        StateStoreFactory f = all.get(backend);
        if (f == null)
            throw new StateStoreException("no state backend named '" + backend + "': known backends are "
                    + String.join(", ", all.keySet()));
        return f.open(workspaceDir, config);
    }
}
