package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.value.Value;

/**
 * A resource whose real object differs from what state recorded: {@code before} is state,
 * {@code after} what the provider read ({@code null} value when the object is gone).
 */
public record Drift(String stack, ResourceAddress address, Value before, Value after) {
    public boolean gone() {
        return after.isNull();
    }
}
