package dev.platctl.engine.provider;

import dev.platctl.engine.PlatctlException;

/**
 * A provider call failed. The message keeps the API's own words; the engine adds what it was doing
 * ({@code cannot create local_file app.local_file.config: ...}).
 */
public class ProviderException extends PlatctlException {
    private final boolean retryable;

    public ProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public ProviderException(String message) {
        this(message, false, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
