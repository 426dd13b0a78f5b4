package dev.platctl.engine.expr;

import dev.platctl.engine.PlatctlException;

/** Thrown by a function body when its arguments are unsuitable; the evaluator turns it into a diagnostic. */
public final class FunctionException extends PlatctlException {
    public FunctionException(String message) {
        super(message);
    }
}
