package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.ResourceDecl;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Map;

/**
 * One resource instance the configuration asks for: a module's resource block expanded for one request
 * (and one count index or for_each key). {@code scope} holds its {@code count} or {@code each} object;
 * {@code siblings} are the instances of every block of the request, so references resolve to them;
 * {@code referencedRequests} are the other requests whose outputs it reads, by name.
 */
public record DesiredResource(String stack, ResourceAddress address, RequestConfig request, ModuleConfig module,
                              ResourceDecl decl, List<ResourceAddress> dependencies, Map<String, Value> scope,
                              RequestInstances siblings, Map<String, ReferencedRequest> referencedRequests) {
    public DesiredResource {
        dependencies = List.copyOf(dependencies);
        scope = Map.copyOf(scope);
        referencedRequests = Map.copyOf(referencedRequests);
    }
}
