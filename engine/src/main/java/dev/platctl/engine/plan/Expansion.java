package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.graph.Dag;

import java.util.Map;
import java.util.Optional;

/** Every desired resource by address, and the graph of their dependencies. */
public record Expansion(Map<ResourceAddress, DesiredResource> resources, Dag<ResourceAddress> graph) {
    public Expansion {
        resources = Map.copyOf(resources);
    }

    public Optional<DesiredResource> find(ResourceAddress a) {
        return Optional.ofNullable(resources.get(a));
    }
}
