package dev.platctl.engine.state;

import dev.platctl.engine.PlatctlException;

/** The stack's lock is held by someone else. */
public final class StateLockedException extends PlatctlException {
    private final String stack;
    private final LockInfo heldBy;

    public StateLockedException(String stack, LockInfo heldBy) {
        super("cannot acquire lock on stack '" + stack + "': held by " + heldBy.describe()
                + ". Wait for it to finish, or retry with --lock-timeout=<duration>.");
        this.stack = stack;
        this.heldBy = heldBy;
    }

    public String stack() {
        return stack;
    }

    public LockInfo heldBy() {
        return heldBy;
    }
}
