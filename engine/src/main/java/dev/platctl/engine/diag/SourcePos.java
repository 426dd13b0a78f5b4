package dev.platctl.engine.diag;

/** A position in a source file: 1-based line and column, 0-based character offset. */
public record SourcePos(int line, int column, int offset) implements Comparable<SourcePos> {
    public SourcePos {
        if (line < 1 || column < 1 || offset < 0)
            throw new IllegalArgumentException("invalid source position " + line + ":" + column + "@" + offset);
    }

    public static final SourcePos START = new SourcePos(1, 1, 0);

    @Override
    public int compareTo(SourcePos o) {
        return Integer.compare(offset, o.offset);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
