package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.diag.SourceRange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits HCL native-syntax text into tokens in one linear pass, switching between expression, quoted
 * template and heredoc modes the way hashicorp/hcl's scanner does.
 */
final class Lexer {
    private enum Mode { EXPR, QUOTE, HEREDOC }

    /** One lexing mode on the stack; templates nest expressions, which nest templates. */
    private static final class Frame {
        final Mode mode;
        final Token opener;
        final String marker;
        int braces;
        boolean atLineStart = true;

        Frame(Mode mode, Token opener, String marker) {
            this.mode = mode;
            this.opener = opener;
            this.marker = marker;
        }
    }

    private final String file;
    private final String src;
    private final Diagnostics diags;
    private final List<Token> out = new ArrayList<>();
    private final Deque<Frame> frames = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    private int col = 1;

    private Lexer(String file, String src, Diagnostics diags) {
        this.file = file;
        this.src = src;
        this.diags = diags;
        frames.push(new Frame(Mode.EXPR, null, null));
    }

    /** The tokens of {@code src}, ending with EOF; lexical errors go to {@code diags}. */
    static List<Token> tokenize(String file, String src, Diagnostics diags) {
        Lexer lx = new Lexer(file, src, diags);
        lx.run();
        return lx.out;
    }

    private void run() {
        while (pos < src.length()) {
            Frame f = frames.peek();
            switch (f.mode) {
                case EXPR -> lexExpr(f);
                case QUOTE -> lexQuoted();
                case HEREDOC -> lexHeredoc(f);
            }
        }
        closeAtEof();
        SourcePos p = here();
        out.add(new Token(TokenType.EOF, "", p, p));
    }

    private void closeAtEof() {
        boolean reported = false;
        while (frames.size() > 1) {
            Frame f = frames.pop();
            SourcePos p = here();
            switch (f.mode) {
                case EXPR -> out.add(new Token(TokenType.TEMPLATE_SEQ_END, "", p, p));
                case QUOTE -> {
                    if (!reported) error("Unterminated template string",
                            "There is no closing quote for this string before the end of the file.", f.opener);
                    reported = true;
                    out.add(new Token(TokenType.CQUOTE, "", p, p));
                }
                case HEREDOC -> {
                    if (!reported) error("Unterminated heredoc", "There is no line \"" + f.marker
                            + "\" closing this heredoc before the end of the file.", f.opener);
                    reported = true;
                    out.add(new Token(TokenType.CHEREDOC, "", p, p));
                }
            }
        }
    }

    private void lexExpr(Frame f) {
        char c = src.charAt(pos);
        switch (c) {
            case ' ', '\t', '\r' -> advance(1);
            case '\n' -> emit(TokenType.NEWLINE, 1);
            case '#' -> skipLineComment();
            case '/' -> {
                if (peekIs(1, '/')) skipLineComment();
                else if (peekIs(1, '*')) skipBlockComment();
                else emit(TokenType.SLASH, 1);
            }
            case '"' -> {
                Token t = emit(TokenType.OQUOTE, 1);
                frames.push(new Frame(Mode.QUOTE, t, null));
            }
            case '{' -> {
                f.braces++;
                emit(TokenType.OBRACE, 1);
            }
            case '}' -> closeBrace(f, 1);
            case '~' -> {
                if (peekIs(1, '}') && f.braces == 0 && frames.size() > 1) closeBrace(f, 2);
                else invalid();
            }
            case '[' -> emit(TokenType.OBRACK, 1);
            case ']' -> emit(TokenType.CBRACK, 1);
            case '(' -> emit(TokenType.OPAREN, 1);
            case ')' -> emit(TokenType.CPAREN, 1);
            case ',' -> emit(TokenType.COMMA, 1);
            case ':' -> emit(TokenType.COLON, 1);
            case '?' -> emit(TokenType.QUESTION, 1);
            case '+' -> emit(TokenType.PLUS, 1);
            case '-' -> emit(TokenType.MINUS, 1);
            case '*' -> emit(TokenType.STAR, 1);
            case '%' -> emit(TokenType.PERCENT, 1);
            case '.' -> {
                if (peekIs(1, '.') && peekIs(2, '.')) emit(TokenType.ELLIPSIS, 3);
                else emit(TokenType.DOT, 1);
            }
            case '=' -> {
                if (peekIs(1, '=')) emit(TokenType.EQ_OP, 2);
                else if (peekIs(1, '>')) emit(TokenType.FAT_ARROW, 2);
                else emit(TokenType.EQUAL, 1);
            }
            case '!' -> emit(peekIs(1, '=') ? TokenType.NOT_EQ : TokenType.BANG, peekIs(1, '=') ? 2 : 1);
            case '>' -> emit(peekIs(1, '=') ? TokenType.GTE : TokenType.GT, peekIs(1, '=') ? 2 : 1);
            case '<' -> {
                if (peekIs(1, '<') && heredocStart()) return;
                emit(peekIs(1, '=') ? TokenType.LTE : TokenType.LT, peekIs(1, '=') ? 2 : 1);
            }
            case '&' -> {
                if (peekIs(1, '&')) emit(TokenType.AND, 2);
                else invalid();
            }
            case '|' -> {
                if (peekIs(1, '|')) emit(TokenType.OR, 2);
                else invalid();
            }
            default -> {
                if (c >= '0' && c <= '9') number();
                else if (isIdentStart(src.codePointAt(pos))) ident();
                else invalid();
            }
        }
    }

    private void closeBrace(Frame f, int width) {
        if (f.braces == 0 && frames.size() > 1) {
            emit(TokenType.TEMPLATE_SEQ_END, width);
            frames.pop();
        } else {
            f.braces = Math.max(0, f.braces - 1);
            emit(TokenType.CBRACE, width);
        }
    }

    private void number() {
        boolean afterDot = !out.isEmpty() && out.get(out.size() - 1).is(TokenType.DOT);
        int i = pos;
        i = digits(i);
        if (!afterDot) {
            if (i + 1 < src.length() && src.charAt(i) == '.' && isDigit(src.charAt(i + 1))) i = digits(i + 1);
            if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
                int j = i + 1;
                if (j < src.length() && (src.charAt(j) == '+' || src.charAt(j) == '-')) j++;
                if (j < src.length() && isDigit(src.charAt(j))) i = digits(j);
            }
        }
        emit(TokenType.NUMBER, i - pos);
    }

    private int digits(int i) {
        while (i < src.length() && isDigit(src.charAt(i))) i++;
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void ident() {
        int i = pos + Character.charCount(src.codePointAt(pos));
        while (i < src.length()) {
            int cp = src.codePointAt(i);
            if (!isIdentPart(cp)) break;
            i += Character.charCount(cp);
        }
        emit(TokenType.IDENT, i - pos);
    }

    static boolean isIdentStart(int cp) {
        return cp == '_' || Character.isUnicodeIdentifierStart(cp);
    }

    static boolean isIdentPart(int cp) {
        return cp == '-' || cp == '_' || (Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp));
    }

    /** {@code <<EOF} or {@code <<-EOF} followed by a newline opens a heredoc; anything else is not one. */
    private boolean heredocStart() {
        int i = pos + 2;
        if (i < src.length() && src.charAt(i) == '-') i++;
        int nameStart = i;
        if (i >= src.length() || !isIdentStart(src.codePointAt(i))) return false;
        while (i < src.length() && isIdentPart(src.codePointAt(i))) i += Character.charCount(src.codePointAt(i));
        String marker = src.substring(nameStart, i);
        if (i < src.length() && src.charAt(i) == '\r') i++;
        if (i >= src.length() || src.charAt(i) != '\n') return false;
        Token t = emit(TokenType.OHEREDOC, i + 1 - pos);
        frames.push(new Frame(Mode.HEREDOC, t, marker));
        return true;
    }

    private void lexQuoted() {
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"' || c == '\n' || (c == '\r' && peekIs(1, '\n'))) break;
            if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) != '\n') {
                pos += 2;
                continue;
            }
            if ((c == '$' || c == '%') && peekIs(1, c) && peekIs(2, '{')) {
                pos += 3;
                continue;
            }
            if ((c == '$' || c == '%') && peekIs(1, '{')) break;
            pos++;
        }
        int end = pos;
        pos = start;
        if (end > start) emit(TokenType.TEMPLATE_LIT, end - start);
        if (pos >= src.length()) return;
        char c = src.charAt(pos);
        if (c == '"') {
            emit(TokenType.CQUOTE, 1);
            frames.pop();
        } else if (c == '$' || c == '%') {
            openInterpolation(c == '$' ? TokenType.TEMPLATE_INTERP : TokenType.TEMPLATE_CONTROL);
        } else {
            Frame f = frames.pop();
            error("Unterminated template string",
                    "A quoted string must end with a closing quote on the same line; use a heredoc for multi-line text.",
                    f.opener);
            SourcePos p = here();
            out.add(new Token(TokenType.CQUOTE, "", p, p));
        }
    }

    private void openInterpolation(TokenType type) {
        emit(type, peekIs(2, '~') ? 3 : 2);
        Frame inner = new Frame(Mode.EXPR, out.get(out.size() - 1), null);
        inner.atLineStart = false;
        frames.peek().atLineStart = false;
        frames.push(inner);
    }

    private void lexHeredoc(Frame f) {
        if (f.atLineStart && closingMarkerHere(f.marker)) return;
        f.atLineStart = false;
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                pos++;
                f.atLineStart = true;
                break;
            }
            if ((c == '$' || c == '%') && peekIs(1, c) && peekIs(2, '{')) {
                pos += 3;
                continue;
            }
            if ((c == '$' || c == '%') && peekIs(1, '{')) break;
            pos++;
        }
        int end = pos;
        pos = start;
        if (end > start) emit(TokenType.TEMPLATE_LIT, end - start);
        if (pos < src.length() && !f.atLineStart) {
            openInterpolation(src.charAt(pos) == '$' ? TokenType.TEMPLATE_INTERP : TokenType.TEMPLATE_CONTROL);
        }
    }

    private boolean closingMarkerHere(String marker) {
        int i = pos;
        while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) i++;
        if (!src.startsWith(marker, i)) return false;
        int j = i + marker.length();
        if (j < src.length() && src.charAt(j) == '\r') j++;
        if (j < src.length() && src.charAt(j) != '\n') return false;
        int len = i + marker.length() - pos;
        emit(TokenType.CHEREDOC, len);
        frames.pop();
        return true;
    }

    private void skipLineComment() {
        while (pos < src.length() && src.charAt(pos) != '\n') advance(1);
    }

    private void skipBlockComment() {
        SourcePos start = here();
        int close = src.indexOf("*/", pos + 2);
        if (close < 0) {
            diags.error("Unterminated comment", "There is no \"*/\" closing this comment before the end of the file.",
                    new SourceRange(file, start, advanceTo(Math.min(pos + 2, src.length()))));
            advanceTo(src.length());
            return;
        }
        advanceTo(close + 2);
    }

    private void invalid() {
        int start = pos;
        int i = pos;
        do {
            i += Character.charCount(src.codePointAt(i));
        } while (i < src.length() && !startsToken(src.charAt(i)));
        Token t = emit(TokenType.INVALID, i - start);
        error("Invalid character", "This character is not used within the language.", t);
    }

    private boolean startsToken(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || "{}[]()\",=.#".indexOf(c) >= 0
                || (c >= '0' && c <= '9') || isIdentStart(c);
    }

    private boolean peekIs(int ahead, char c) {
        return pos + ahead < src.length() && src.charAt(pos + ahead) == c;
    }

    private Token emit(TokenType type, int length) {
        SourcePos start = here();
        String text = src.substring(pos, pos + length);
        SourcePos end = advanceTo(pos + length);
        Token t = new Token(type, text, start, end);
        out.add(t);
        return t;
    }

    private void advance(int n) {
        advanceTo(pos + n);
    }

    private SourcePos advanceTo(int target) {
        while (pos < target) {
            char c = src.charAt(pos++);
            if (c == '\n') {
                line++;
                col = 1;
            } else if (!Character.isLowSurrogate(c)) {
                col++;
            }
        }
        return here();
    }

    private SourcePos here() {
        return new SourcePos(line, col, pos);
    }

    private void error(String summary, String detail, Token at) {
        diags.error(summary, detail, new SourceRange(file, at.start(), at.end()));
    }
}
