package dev.platctl.engine.hcl;

/**
 * Unwinds the parser to the enclosing body item after a syntax error has been reported; {@code depth}
 * is how many bracketing constructs were open, so that recovery can skip their closers.
 */
final class ParseError extends RuntimeException {
    final int depth;

    ParseError(int depth) {
        super(null, null, false, false);
        this.depth = depth;
    }
}
