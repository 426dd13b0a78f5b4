package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.diag.SourceRange;

import java.util.List;

/**
 * A cursor over the tokens of one file. Newlines are significant in bodies and object constructors and
 * skipped inside brackets, parentheses and interpolations; {@link #pushNewlines} tracks which applies.
 */
final class TokenStream {
    private final String file;
    private final List<Token> tokens;
    private final Diagnostics diags;
    private boolean[] newlineStack = new boolean[16];
    private int depth;
    private int index;

    TokenStream(String file, List<Token> tokens, Diagnostics diags) {
        this.file = file;
        this.tokens = tokens;
        this.diags = diags;
        newlineStack[0] = true;
    }

    String file() {
        return file;
    }

    Diagnostics diags() {
        return diags;
    }

    /** The next token, skipping newlines where they do not matter. */
    Token peek() {
        if (!newlineStack[depth]) {
            while (tokens.get(index).is(TokenType.NEWLINE)) index++;
        }
        return tokens.get(index);
    }

    /** The token after {@link #peek()}, with the same newline rule. */
    Token peekSecond() {
        peek();
        int j = index + 1;
        if (!newlineStack[depth]) {
            while (j < tokens.size() - 1 && tokens.get(j).is(TokenType.NEWLINE)) j++;
        }
        return tokens.get(Math.min(j, tokens.size() - 1));
    }

    /** The next token, newlines included, without moving. */
    Token peekRaw() {
        return tokens.get(index);
    }

    Token next() {
        Token t = peek();
        if (!t.is(TokenType.EOF)) index++;
        return t;
    }

    Token nextRaw() {
        Token t = tokens.get(index);
        if (!t.is(TokenType.EOF)) index++;
        return t;
    }

    /** The end of the last token consumed. */
    SourcePos lastEnd() {
        return index == 0 ? SourcePos.START : tokens.get(index - 1).end();
    }

    void pushNewlines(boolean significant) {
        if (++depth == newlineStack.length) newlineStack = java.util.Arrays.copyOf(newlineStack, depth * 2);
        newlineStack[depth] = significant;
    }

    void popNewlines() {
        depth--;
    }

    int nesting() {
        return depth;
    }

    void resetNesting(int to) {
        depth = to;
    }

    SourceRange range(Token t) {
        return new SourceRange(file, t.start(), t.end());
    }

    SourceRange range(SourcePos start, SourcePos end) {
        return new SourceRange(file, start, end);
    }

    /** Reports an error at {@code t} (unless the lexer already did, for an invalid character) and unwinds. */
    ParseError fail(String summary, String detail, Token t) {
        if (!t.is(TokenType.INVALID)) diags.error(summary, detail, range(t));
        return new ParseError(depth);
    }

    Token expect(TokenType type, String summary, String detail) {
        Token t = peek();
        if (!t.is(type)) throw fail(summary, detail + " Found " + t.type().describe() + ".", t);
        return next();
    }

    /**
     * Skips the rest of a broken body item: up to and including the next newline outside brackets,
     * stopping before a closing brace that would end the enclosing body.
     */
    void recoverAfterBodyItem(int open) {
        int nest = Math.max(0, open);
        while (true) {
            Token t = tokens.get(index);
            switch (t.type()) {
                case EOF -> {
                    return;
                }
                case NEWLINE -> {
                    if (nest == 0) {
                        index++;
                        return;
                    }
                }
                case CBRACE -> {
                    if (nest == 0) return;
                    nest--;
                }
                case OBRACE, OBRACK, OPAREN, OQUOTE, OHEREDOC, TEMPLATE_INTERP, TEMPLATE_CONTROL -> nest++;
                case CBRACK, CPAREN, CQUOTE, CHEREDOC, TEMPLATE_SEQ_END -> nest = Math.max(0, nest - 1);
                default -> {
                }
            }
            index++;
        }
    }

    /** Skips to and past the closing brace that balances an already-consumed opening brace. */
    void skipPastClosingBrace() {
        int nest = 0;
        while (true) {
            Token t = tokens.get(index);
            switch (t.type()) {
                case EOF -> {
                    return;
                }
                case CBRACE -> {
                    if (nest == 0) {
                        index++;
                        return;
                    }
                    nest--;
                }
                case OBRACE, OBRACK, OPAREN, OQUOTE, OHEREDOC, TEMPLATE_INTERP, TEMPLATE_CONTROL -> nest++;
                case CBRACK, CPAREN, CQUOTE, CHEREDOC, TEMPLATE_SEQ_END -> nest = Math.max(0, nest - 1);
                default -> {
                }
            }
            index++;
        }
    }
}
