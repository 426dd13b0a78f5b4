package dev.platctl.engine.state;

import dev.platctl.engine.address.ResourceAddress;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A snapshot of one stack: its lineage (a UUID fixed when the stack is first written), its serial
 * (incremented by every write) and its resources.
 */
public record StackState(String stack, String lineage, long serial, Map<ResourceAddress, ResourceState> resources) {
    public StackState {
        resources = Collections.unmodifiableMap(new TreeMap<>(resources));
    }

    public static StackState empty(String stack) {
        return new StackState(stack, "", 0, Map.of());
    }

    public Optional<ResourceState> find(ResourceAddress address) {
        return Optional.ofNullable(resources.get(address));
    }

    public boolean isEmpty() {
        return resources.isEmpty();
    }
}
