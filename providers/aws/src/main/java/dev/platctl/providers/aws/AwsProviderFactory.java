package dev.platctl.providers.aws;

import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ProviderFactory;

/** Registers the {@code aws} provider with {@link java.util.ServiceLoader}. */
public final class AwsProviderFactory implements ProviderFactory {
    @Override
    public String name() {
        return AwsProvider.NAME;
    }

    @Override
    public Provider create(ProviderContext context) {
        return new AwsProvider(context.environment(), context.offline());
    }
}
