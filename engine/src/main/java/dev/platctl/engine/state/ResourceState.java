package dev.platctl.engine.state;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.value.ObjectValue;

import java.util.List;
import java.util.Objects;

/**
 * One resource instance as the state store keeps it. {@code attributes} may carry sensitive marks;
 * stores keep the marks (and may encrypt what they mark). {@code module} is {@code name@version}.
 */
public record ResourceState(ResourceAddress address, ResourceStatus status, ObjectValue attributes,
                            List<ResourceAddress> dependencies, String idempotencyKey, String module) {
    public ResourceState {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(attributes, "attributes");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        module = module == null ? "" : module;
    }

    public String type() {
        return address.type();
    }

    public ResourceState withStatus(ResourceStatus s) {
        return new ResourceState(address, s, attributes, dependencies, idempotencyKey, module);
    }

    public ResourceState withAttributes(ObjectValue a) {
        return new ResourceState(address, status, a, dependencies, idempotencyKey, module);
    }
}
