package dev.platctl.engine.provider;

/** Found through {@link java.util.ServiceLoader}: creates the provider named {@link #name()}. */
public interface ProviderFactory {
    /** The name used in {@code provider "<name>" { ... }} blocks. */
    String name();

    Provider create(ProviderContext context);
}
