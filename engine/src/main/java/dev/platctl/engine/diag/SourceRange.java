package dev.platctl.engine.diag;

import java.util.Objects;

/** A span of a source file, from {@code start} (inclusive) to {@code end} (exclusive). */
public record SourceRange(String file, SourcePos start, SourcePos end) {
    public SourceRange {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public static SourceRange at(String file, int line, int column) {
        SourcePos p = new SourcePos(line, column, 0);
        return new SourceRange(file, p, p);
    }

    /** The smallest range covering both. */
    public SourceRange to(SourceRange other) {
        return new SourceRange(file, start, other.end.offset() >= end.offset() ? other.end : end);
    }

    @Override
    public String toString() {
        return file + ":" + start.line() + ":" + start.column();
    }
}
