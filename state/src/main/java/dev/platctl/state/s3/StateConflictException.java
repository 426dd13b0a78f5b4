package dev.platctl.state.s3;

import dev.platctl.engine.state.StateStoreException;

/** A writer's state object was replaced by someone else's since the writer read it, so its write was refused. */
public final class StateConflictException extends StateStoreException {
    private final String stack;

    public StateConflictException(String stack, long storedSerial, long readSerial) {
        super("cannot write stack '" + stack + "': its state object changed since this run read it (serial " + readSerial
                + " then, " + storedSerial + " now); nothing was overwritten. Run again to plan against the newer state.");
        this.stack = stack;
    }

    public String stack() {
        return stack;
    }
}
