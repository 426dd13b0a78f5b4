package dev.platctl.engine.provider;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.ObjectValue;

import java.util.List;
import java.util.Optional;

/** A plugin that knows one API: its resource types and how to configure itself. */
public interface Provider extends AutoCloseable {
    String name();

    /** Settings accepted in the workspace's {@code provider "<name>" { ... }} block. */
    List<AttributeSchema> configSchema();

    /** Called once before any resource call; problems with the settings are diagnostics. */
    Diagnostics configure(ObjectValue config);

    List<ResourceType> resourceTypes();

    default Optional<ResourceType> resourceType(String type) {
        return resourceTypes().stream().filter(t -> t.schema().type().equals(type)).findFirst();
    }

    @Override
    default void close() {
    }
}
