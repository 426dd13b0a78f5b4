package dev.platctl.engine.state;

import dev.platctl.engine.value.ObjectValue;

import java.nio.file.Path;

/** Found through {@link java.util.ServiceLoader}: opens the backend named {@link #name()}. */
public interface StateStoreFactory {
    String name();

    /** Opens the store; {@code config} is the workspace's {@code backend "<name>" { ... }} block. */
    StateStore open(Path workspaceDir, ObjectValue config);
}
