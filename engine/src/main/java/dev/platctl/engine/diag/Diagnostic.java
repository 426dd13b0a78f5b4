package dev.platctl.engine.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * Something the user should know about their input: a summary line, a detail paragraph and, when it
 * comes from a file, the range it is about.
 */
public record Diagnostic(Severity severity, String summary, String detail, Optional<SourceRange> subject) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(subject, "subject");
    }

    public static Diagnostic error(String summary, String detail, SourceRange at) {
        return new Diagnostic(Severity.ERROR, summary, detail, Optional.ofNullable(at));
    }

    public static Diagnostic error(String summary, String detail) {
        return new Diagnostic(Severity.ERROR, summary, detail, Optional.empty());
    }

    public static Diagnostic warning(String summary, String detail, SourceRange at) {
        return new Diagnostic(Severity.WARNING, summary, detail, Optional.ofNullable(at));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line, for logs and tests: {@code file:line:col: error: summary: detail}. */
    @Override
    public String toString() {
        String where = subject.map(r -> r + ": ").orElse("");
        return where + severity.name().toLowerCase() + ": " + summary + (detail.isEmpty() ? "" : ": " + detail);
    }
}
