package dev.platctl.engine.state;

import dev.platctl.engine.PlatctlException;

/** A state store could not be read or written. */
public class StateStoreException extends PlatctlException {
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StateStoreException(String message) {
        super(message);
    }
}
