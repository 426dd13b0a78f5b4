package dev.platctl.engine.provider;

import dev.platctl.engine.PlatctlException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The configured providers of one run, and which provider serves which resource type. */
public final class Providers implements AutoCloseable {
    private final Map<String, Provider> byName = new TreeMap<>();
    private final Map<String, ResourceType> byType = new TreeMap<>();
    private final Map<String, String> providerOfType = new TreeMap<>();

    public Providers(List<Provider> providers) {
        for (Provider p : providers) {
            if (byName.put(p.name(), p) != null)
                throw new PlatctlException("cannot load providers: two providers are named '" + p.name() + "'");
            for (ResourceType t : p.resourceTypes()) {
                String type = t.schema().type();
                String other = providerOfType.put(type, p.name());
                if (other != null)
                    throw new PlatctlException("cannot load providers: resource type " + type
                            + " is served by both '" + other + "' and '" + p.name() + "'");
                byType.put(type, t);
            }
        }
    }

    public Optional<ResourceType> resourceType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Optional<String> providerOf(String type) {
        return Optional.ofNullable(providerOfType.get(type));
    }

    public Optional<Provider> provider(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Provider> all() {
        return List.copyOf(byName.values());
    }

    public List<String> typeNames() {
        return Collections.unmodifiableList(new ArrayList<>(byType.keySet()));
    }

    @Override
    public void close() {
        for (Provider p : byName.values()) p.close();
    }
}
