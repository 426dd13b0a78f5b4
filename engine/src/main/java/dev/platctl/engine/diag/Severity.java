package dev.platctl.engine.diag;

/** How bad a diagnostic is. */
public enum Severity {
    ERROR, WARNING
}
