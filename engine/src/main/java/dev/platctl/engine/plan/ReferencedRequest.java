package dev.platctl.engine.plan;

import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;

/** Another request whose outputs a resource reads through {@code request.<name>.outputs.<output>}. */
public record ReferencedRequest(RequestConfig request, ModuleConfig module, RequestInstances instances) {
}
