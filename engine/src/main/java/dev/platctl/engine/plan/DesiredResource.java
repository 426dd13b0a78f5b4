package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.ResourceDecl;

import java.util.List;

/** One resource the configuration asks for: a module's resource block expanded for one request. */
public record DesiredResource(String stack, ResourceAddress address, RequestConfig request, ModuleConfig module,
                              ResourceDecl decl, List<ResourceAddress> dependencies) {
    public DesiredResource {
        dependencies = List.copyOf(dependencies);
    }
}
