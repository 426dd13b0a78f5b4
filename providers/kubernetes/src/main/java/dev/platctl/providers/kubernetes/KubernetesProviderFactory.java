package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ProviderFactory;

/** Registers the {@code kubernetes} provider with {@link java.util.ServiceLoader}. */
public final class KubernetesProviderFactory implements ProviderFactory {
    @Override
    public String name() {
        return KubernetesProvider.NAME;
    }

    @Override
    public Provider create(ProviderContext context) {
        return new KubernetesProvider(context);
    }
}
