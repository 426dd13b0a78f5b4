package dev.platctl.engine.provider;

import java.util.Objects;

/**
 * A provider cannot be set up to reach its API: no kubeconfig, no region, no token, an owner the token cannot use.
 * The failure is the provider's, not any one resource's, so the engine tells it once for every resource that needed
 * the provider ({@link ConfigurationFailures}) rather than once per resource. Its message reads
 * {@code cannot configure provider "<provider>": <problem>}.
 */
public class ProviderConfigurationException extends ProviderException {
    private final String provider;
    private final String problem;

    public ProviderConfigurationException(String provider, String problem, Throwable cause) {
        super("cannot configure provider \"" + Objects.requireNonNull(provider, "provider") + "\": "
                + Objects.requireNonNull(problem, "problem"), false, cause);
        this.provider = provider;
        this.problem = problem;
    }

    public ProviderConfigurationException(String provider, String problem) {
        this(provider, problem, null);
    }

    /** The provider's name, as in its {@code provider "<name>"} block. */
    public String provider() {
        return provider;
    }

    /** What is wrong and what to set, without the provider's name in front. */
    public String problem() {
        return problem;
    }
}
