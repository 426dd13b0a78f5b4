package dev.platctl.providers.builtin;

import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ProviderFactory;

/** Registers the {@code builtin} provider with {@link java.util.ServiceLoader}. */
public final class BuiltinProviderFactory implements ProviderFactory {
    @Override
    public String name() {
        return BuiltinProvider.NAME;
    }

    @Override
    public Provider create(ProviderContext context) {
        return new BuiltinProvider(context);
    }
}
