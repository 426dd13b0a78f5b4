package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderException;

/**
 * The API server does not serve a kind at an apiVersion: retryable only while the kind's CustomResourceDefinition
 * is on its way; {@link #gone()} when nothing defines the kind any more, so no object of it can exist.
 */
final class KindNotServed extends ProviderException {
    private final boolean gone;

    KindNotServed(String apiVersion, String kind, String reason, boolean retryable, boolean gone) {
        super("cannot find kind " + kind + " in " + apiVersion + ": " + reason, retryable, null);
        this.gone = gone;
    }

    /** Whether nothing defines the kind any more (its CustomResourceDefinition was deleted): its objects are gone too. */
    boolean gone() {
        return gone;
    }
}
