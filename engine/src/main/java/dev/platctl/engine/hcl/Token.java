package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.SourcePos;

/** One lexical token: its kind, its source text, and where it starts and ends. */
record Token(TokenType type, String text, SourcePos start, SourcePos end) {
    boolean is(TokenType t) {
        return type == t;
    }

    boolean isKeyword(String word) {
        return type == TokenType.IDENT && text.equals(word);
    }
}
