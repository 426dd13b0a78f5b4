package dev.platctl.engine.hcl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the tokens of a quoted template or heredoc into {@link TemplatePart}s and hands them to the builder. */
final class TemplateParser {
    private final TokenStream ts;
    private final ExpressionParser exprs;

    TemplateParser(TokenStream ts, ExpressionParser exprs) {
        this.ts = ts;
        this.exprs = exprs;
    }

    Expression parse() {
        Token open = ts.next();
        boolean heredoc = open.is(TokenType.OHEREDOC);
        boolean flush = heredoc && open.text().startsWith("<<-");
        TokenType closer = heredoc ? TokenType.CHEREDOC : TokenType.CQUOTE;
        List<TemplatePart> parts = new ArrayList<>();
        while (true) {
            Token t = ts.peekRaw();
            if (t.is(closer)) break;
            switch (t.type()) {
                case TEMPLATE_LIT -> {
                    ts.nextRaw();
                    parts.add(new TemplatePart.Lit(t.text(), t, ts.range(t)));
                }
                case TEMPLATE_INTERP -> parts.add(interpolation());
                case TEMPLATE_CONTROL -> parts.add(directive());
                default -> throw ts.fail("Invalid template", "Unexpected " + t.type().describe()
                        + " inside a template.", t);
            }
        }
        Token close = ts.nextRaw();
        return new TemplateBuilder(ts.file(), ts.diags(), !heredoc, flush)
                .build(parts, ts.range(open.start(), close.end()));
    }

    private TemplatePart interpolation() {
        Token open = ts.nextRaw();
        ts.pushNewlines(false);
        Expression e = exprs.parseExpression();
        Token close = ts.expect(TokenType.TEMPLATE_SEQ_END, "Extra characters after interpolation expression",
                "Expected a closing brace to end the interpolation expression.");
        ts.popNewlines();
        if (e instanceof Expression.For) e = new Expression.Parentheses(e, e.range());
        return new TemplatePart.Interp(e, open.text().endsWith("~"), close.text().startsWith("~"),
                ts.range(open.start(), close.end()));
    }

    private TemplatePart directive() {
        Token open = ts.nextRaw();
        ts.pushNewlines(false);
        Token word = ts.peek();
        Optional<Expression> expr = Optional.empty();
        Optional<String> keyVar = Optional.empty();
        String valueVar = "";
        switch (word.text()) {
            case "if" -> {
                ts.next();
                expr = Optional.of(exprs.parseExpression());
            }
            case "for" -> {
                ts.next();
                valueVar = ts.expect(TokenType.IDENT, "Invalid template directive",
                        "A for directive requires a variable name after 'for'.").text();
                if (ts.peek().is(TokenType.COMMA)) {
                    ts.next();
                    keyVar = Optional.of(valueVar);
                    valueVar = ts.expect(TokenType.IDENT, "Invalid template directive",
                            "A for directive requires a value variable name after the comma.").text();
                }
                if (!ts.peek().isKeyword("in")) {
                    throw ts.fail("Invalid template directive", "A for directive requires the 'in' keyword after "
                            + "its names.", ts.peek());
                }
                ts.next();
                expr = Optional.of(exprs.parseExpression());
            }
            case "else", "endif", "endfor" -> ts.next();
            default -> throw ts.fail("Invalid template directive", "A template directive keyword (\"if\", "
                    + "\"for\", \"else\", \"endif\" or \"endfor\") is expected after \"%{\".", word);
        }
        Token close = ts.expect(TokenType.TEMPLATE_SEQ_END, "Extra characters in template directive",
                "Expected a closing brace to end the template directive.");
        ts.popNewlines();
        return new TemplatePart.Directive(word.text(), expr, keyVar, valueVar, open.text().endsWith("~"),
                close.text().startsWith("~"), ts.range(open.start(), close.end()));
    }
}
