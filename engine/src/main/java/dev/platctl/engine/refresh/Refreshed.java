package dev.platctl.engine.refresh;

import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.value.ObjectValue;

import java.util.Optional;

/**
 * One resource from state after refresh: its recorded state and what the provider read now (empty when
 * the object is gone). {@code interruptedCreate}: a pending create whose object was not found.
 */
public record Refreshed(String stack, ResourceState state, Optional<ObjectValue> current, boolean interruptedCreate) {
    /** True when the real object differs from what state recorded. */
    public boolean drifted() {
        return !interruptedCreate && (current.isEmpty() || !current.get().unmarked().equals(state.attributes().unmarked()));
    }
}
