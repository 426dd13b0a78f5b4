package dev.platctl.engine;

/** Root of the exceptions platctl throws for bugs and infrastructure failures (user mistakes are diagnostics). */
public class PlatctlException extends RuntimeException {
    public PlatctlException(String message) {
        super(message);
    }

    public PlatctlException(String message, Throwable cause) {
        super(message, cause);
    }
}
