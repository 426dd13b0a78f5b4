package dev.platctl.engine.importing;

import dev.platctl.engine.state.ResourceState;

import java.util.Objects;

/**
 * What an import recorded: the resource as written to its stack (sensitive values marked), the id it was read by, whether
 * that id is itself a secret (a {@code random_password} is imported by its value), and the stack's new serial.
 */
public record ImportResult(String stack, ResourceState state, String id, boolean idSensitive, long serial) {
    public ImportResult {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(id, "id");
    }
}
