package dev.platctl.engine.diag;

import dev.platctl.engine.PlatctlException;

/** Thrown where a phase cannot go on because the user's input has errors; carries all of them. */
public final class DiagnosticsException extends PlatctlException {
    private final Diagnostics diagnostics;

    public DiagnosticsException(Diagnostics diagnostics) {
        super("the configuration has errors:\n" + diagnostics);
        this.diagnostics = diagnostics;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }
}
