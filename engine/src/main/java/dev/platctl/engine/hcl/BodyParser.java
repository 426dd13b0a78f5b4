package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.diag.SourceRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses bodies: attributes one per line, blocks with labels, and one-line blocks; recovers per item. */
final class BodyParser {
    private final TokenStream ts;
    private final ExpressionParser exprs;

    BodyParser(TokenStream ts) {
        this.ts = ts;
        this.exprs = new ExpressionParser(ts);
    }

    Body parseFile() {
        return parseBody(null);
    }

    /** The items up to the brace closing {@code open}, or to the end of the file when {@code open} is null. */
    private Body parseBody(Token open) {
        List<Attribute> attributes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        Map<String, Attribute> seen = new HashMap<>();
        SourcePos start = open == null ? SourcePos.START : open.start();
        while (true) {
            Token t = ts.peekRaw();
            switch (t.type()) {
                case NEWLINE -> ts.nextRaw();
                case EOF -> {
                    if (open != null) {
                        ts.diags().error("Unclosed configuration block",
                                "There is no closing brace for this block before the end of the file. "
                                        + "This may be caused by incorrect brace nesting elsewhere in this file.",
                                ts.range(open));
                    }
                    return new Body(attributes, blocks, ts.range(start, t.end()));
                }
                case CBRACE -> {
                    ts.nextRaw();
                    if (open != null) return new Body(attributes, blocks, ts.range(start, t.end()));
                    ts.diags().error("Unexpected closing brace",
                            "This closing brace has no matching opening brace.", ts.range(t));
                }
                case IDENT -> parseItem(attributes, blocks, seen);
                default -> {
                    ts.nextRaw();
                    if (!t.is(TokenType.INVALID)) {
                        ts.diags().error("Argument or block definition required",
                                "An argument or block definition is required here; found " + t.type().describe()
                                        + ".", ts.range(t));
                    }
                    ts.recoverAfterBodyItem(0);
                }
            }
        }
    }

    private void parseItem(List<Attribute> attributes, List<Block> blocks, Map<String, Attribute> seen) {
        int base = ts.nesting();
        try {
            Token name = ts.nextRaw();
            Token after = ts.peekRaw();
            if (after.is(TokenType.EQUAL)) {
                Attribute a = parseAttribute(name);
                endOfItem("Missing newline after argument", "An argument definition must end with a newline.");
                addAttribute(a, attributes, seen);
            } else if (after.is(TokenType.OQUOTE) || after.is(TokenType.IDENT) || after.is(TokenType.OBRACE)) {
                blocks.add(parseBlock(name));
                endOfItem("Missing newline after block definition", "A block definition must end with a newline.");
            } else {
                throw ts.fail("Missing equals sign", "An argument definition needs \"=\" between the name \""
                        + name.text() + "\" and its value; a block definition needs \"{\". Found "
                        + after.type().describe() + ".", after);
            }
        } catch (ParseError e) {
            ts.resetNesting(base);
            ts.recoverAfterBodyItem(e.depth - base);
        }
    }

    private void endOfItem(String summary, String detail) {
        Token end = ts.peekRaw();
        if (end.is(TokenType.NEWLINE)) {
            ts.nextRaw();
        } else if (!end.is(TokenType.EOF)) {
            if (end.is(TokenType.COMMA) && summary.contains("argument")) {
                throw ts.fail("Unexpected comma after argument",
                        "Argument definitions must be separated by newlines, not commas. " + detail, end);
            }
            throw ts.fail(summary, detail, end);
        }
    }

    private void addAttribute(Attribute a, List<Attribute> attributes, Map<String, Attribute> seen) {
        Attribute first = seen.putIfAbsent(a.name(), a);
        if (first == null) {
            attributes.add(a);
            return;
        }
        SourcePos p = first.nameRange().start();
        ts.diags().error("Attribute redefined", "The argument \"" + a.name() + "\" was already set at "
                + first.nameRange().file() + ":" + p.line() + ":" + p.column()
                + ". Each argument may be set only once.", a.nameRange());
    }

    private Attribute parseAttribute(Token name) {
        ts.nextRaw();
        Expression value = exprs.parseExpression();
        SourceRange nameRange = ts.range(name);
        return new Attribute(name.text(), value, nameRange, ts.range(name.start(), value.range().end()));
    }

    private Block parseBlock(Token type) {
        List<String> labels = new ArrayList<>();
        List<SourceRange> labelRanges = new ArrayList<>();
        while (true) {
            Token t = ts.peekRaw();
            if (t.is(TokenType.IDENT)) {
                ts.nextRaw();
                labels.add(t.text());
                labelRanges.add(ts.range(t));
            } else if (t.is(TokenType.OQUOTE)) {
                Expression label = exprs.parsePrimary();
                if (!(label instanceof Expression.Literal lit) || !(lit.value() instanceof dev.platctl.engine.value.StringValue s)) {
                    ts.diags().error("Invalid block label", "A block label must be a plain quoted string, "
                            + "without interpolations or directives.", label.range());
                    labels.add("");
                } else {
                    labels.add(s.value());
                }
                labelRanges.add(label.range());
            } else if (t.is(TokenType.OBRACE)) {
                break;
            } else {
                throw ts.fail("Invalid block definition", "Either a quoted string block label or an opening brace "
                        + "(\"{\") is expected here; found " + t.type().describe() + ".", t);
            }
        }
        Token open = ts.nextRaw();
        Token first = ts.peekRaw();
        Body body = first.is(TokenType.NEWLINE) || first.is(TokenType.EOF) || first.is(TokenType.CBRACE)
                ? parseBody(open) : parseSingleLineBody(open);
        return new Block(type.text(), labels, body, ts.range(type), labelRanges,
                ts.range(type.start(), body.range().end()));
    }

    private Body parseSingleLineBody(Token open) {
        Token name = ts.nextRaw();
        if (!name.is(TokenType.IDENT)) {
            reportSingleLine(name, "Argument or block definition required",
                    "An argument definition is required here; found " + name.type().describe() + ".");
            return emptyBody(open);
        }
        Token after = ts.peekRaw();
        if (after.is(TokenType.OQUOTE) || after.is(TokenType.OBRACE) || after.is(TokenType.IDENT)) {
            ts.diags().error("Argument definition required", "A single-line block definition can contain only "
                    + "a single argument. To define a nested block, place it on a line of its own within its "
                    + "parent block.", ts.range(name.start(), after.end()));
            ts.skipPastClosingBrace();
            return emptyBody(open);
        }
        if (!after.is(TokenType.EQUAL)) {
            reportSingleLine(after, "Missing equals sign", "An argument definition needs \"=\" between the name \""
                    + name.text() + "\" and its value.");
            return emptyBody(open);
        }
        int base = ts.nesting();
        Attribute a;
        try {
            a = parseAttribute(name);
        } catch (ParseError e) {
            ts.resetNesting(base);
            ts.skipPastClosingBrace();
            return emptyBody(open);
        }
        Token close = ts.peekRaw();
        if (close.is(TokenType.CBRACE)) {
            ts.nextRaw();
            return new Body(List.of(a), List.of(), ts.range(open.start(), close.end()));
        }
        if (close.is(TokenType.COMMA)) {
            reportSingleLine(close, "Only one argument is allowed in a single-line block definition",
                    "A single-line block definition can contain only a single argument; put each argument on a "
                            + "line of its own.");
        } else if (close.is(TokenType.NEWLINE)) {
            reportSingleLine(close, "Missing closing brace",
                    "The closing brace for a single-line block definition must be on the same line.");
        } else {
            reportSingleLine(close, "Missing closing brace", "A single-line block definition must end with \"}\"; "
                    + "found " + close.type().describe() + ".");
        }
        return new Body(List.of(a), List.of(), ts.range(open.start(), ts.lastEnd()));
    }

    private void reportSingleLine(Token at, String summary, String detail) {
        if (!at.is(TokenType.INVALID)) ts.diags().error(summary, detail, ts.range(at));
        ts.skipPastClosingBrace();
    }

    private Body emptyBody(Token open) {
        return new Body(List.of(), List.of(), ts.range(open.start(), ts.lastEnd()));
    }
}
