package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.graph.Dag;

import java.util.Map;
import java.util.Optional;

/** Every desired resource instance by address, the graph of their dependencies, and each request's block instances. */
public record Expansion(Map<ResourceAddress, DesiredResource> resources, Dag<ResourceAddress> graph,
                        Map<String, RequestInstances> instances) {
    public Expansion {
        resources = Map.copyOf(resources);
        instances = Map.copyOf(instances);
    }

    public Optional<DesiredResource> find(ResourceAddress a) {
        return Optional.ofNullable(resources.get(a));
    }

    /** The instances of every block of {@code request}'s module. */
    public RequestInstances instancesOf(String request) {
        return instances.getOrDefault(request, RequestInstances.NONE);
    }
}
