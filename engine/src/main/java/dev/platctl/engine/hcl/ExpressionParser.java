package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.hcl.Expression.Operator;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses expressions by precedence climbing: conditional, binary operators, unary, postfix, primaries. */
final class ExpressionParser {
    private final TokenStream ts;
    private final TemplateParser templates;

    ExpressionParser(TokenStream ts) {
        this.ts = ts;
        this.templates = new TemplateParser(ts, this);
    }

    Expression parseExpression() {
        Expression cond = parseBinary(1);
        if (!ts.peek().is(TokenType.QUESTION)) return cond;
        ts.next();
        Expression whenTrue = parseExpression();
        ts.expect(TokenType.COLON, "Missing false expression in conditional",
                "The conditional operator (...?...:...) requires a false expression, delimited by a colon.");
        Expression whenFalse = parseExpression();
        return new Expression.Conditional(cond, whenTrue, whenFalse, span(cond, whenFalse));
    }

    private Expression parseBinary(int minPrecedence) {
        Expression left = parseUnary();
        while (true) {
            Operator op = binaryOperator(ts.peek().type());
            if (op == null || op.precedence < minPrecedence) return left;
            ts.next();
            Expression right = parseBinary(op.precedence + 1);
            left = new Expression.BinaryOp(op, left, right, span(left, right));
        }
    }

    private static Operator binaryOperator(TokenType t) {
        return switch (t) {
            case OR -> Operator.OR;
            case AND -> Operator.AND;
            case EQ_OP -> Operator.EQUAL;
            case NOT_EQ -> Operator.NOT_EQUAL;
            case LT -> Operator.LESS;
            case LTE -> Operator.LESS_EQ;
            case GT -> Operator.GREATER;
            case GTE -> Operator.GREATER_EQ;
            case PLUS -> Operator.ADD;
            case MINUS -> Operator.SUBTRACT;
            case STAR -> Operator.MULTIPLY;
            case SLASH -> Operator.DIVIDE;
            case PERCENT -> Operator.MODULO;
            default -> null;
        };
    }

    private Expression parseUnary() {
        Token t = ts.peek();
        if (t.is(TokenType.BANG) || t.is(TokenType.MINUS)) {
            ts.next();
            Expression operand = parseUnary();
            return new Expression.UnaryOp(t.is(TokenType.BANG) ? '!' : '-', operand,
                    ts.range(t.start(), operand.range().end()));
        }
        return parsePostfix(parsePrimary(), false);
    }

    /** Attribute access, indexing and splats after {@code e}; {@code attrOnly} for the steps of a {@code .*} splat. */
    private Expression parsePostfix(Expression e, boolean attrOnly) {
        while (true) {
            Token t = ts.peek();
            if (t.is(TokenType.DOT)) {
                Token after = ts.peekSecond();
                if (attrOnly && !(after.is(TokenType.IDENT) || after.is(TokenType.NUMBER))) return e;
                ts.next();
                Token step = ts.next();
                switch (step.type()) {
                    case IDENT -> e = withStep(e, new Traverser.Attr(step.text(), ts.range(step)));
                    case NUMBER -> e = withStep(e, new Traverser.Index(
                            new NumberValue(new BigDecimal(step.text())), ts.range(t.start(), step.end())));
                    case STAR -> {
                        Expression each = parsePostfix(splatItem(t, step), true);
                        e = new Expression.Splat(e, each, span(e, each, step));
                    }
                    default -> throw ts.fail("Invalid attribute name",
                            "An attribute name is required after a dot; found " + step.type().describe() + ".", step);
                }
            } else if (t.is(TokenType.OBRACK) && !attrOnly) {
                ts.next();
                ts.pushNewlines(false);
                if (ts.peek().is(TokenType.STAR) && ts.peekSecond().is(TokenType.CBRACK)) {
                    ts.next();
                    Token close = ts.next();
                    ts.popNewlines();
                    Expression each = parsePostfix(splatItem(t, close), false);
                    e = new Expression.Splat(e, each, span(e, each, close));
                } else {
                    Expression key = parseExpression();
                    Token close = ts.expect(TokenType.CBRACK, "Missing close bracket on index",
                            "The index operator must end with a closing bracket (\"]\").");
                    ts.popNewlines();
                    SourceRange r = ts.range(t.start(), close.end());
                    if (key instanceof Expression.Literal lit && (lit.value() instanceof NumberValue
                            || lit.value() instanceof StringValue)) {
                        e = withStep(e, new Traverser.Index(lit.value(), r));
                    } else {
                        e = new Expression.Index(e, key, ts.range(e.range().start(), close.end()));
                    }
                }
            } else {
                return e;
            }
        }
    }

    private Expression splatItem(Token from, Token to) {
        SourceRange r = ts.range(from.start(), to.end());
        return new Expression.ScopeTraversal(
                new Traversal(List.of(new Traverser.Root(Expression.Splat.ITEM, r)), r), r);
    }

    private SourceRange span(Expression from, Expression each, Token opEnd) {
        var end = each.range().end().offset() > opEnd.end().offset() ? each.range().end() : opEnd.end();
        return ts.range(from.range().start(), end);
    }

    private Expression withStep(Expression e, Traverser step) {
        SourceRange r = ts.range(e.range().start(), step.range().end());
        if (e instanceof Expression.ScopeTraversal st) {
            List<Traverser> steps = new ArrayList<>(st.traversal().steps());
            steps.add(step);
            return new Expression.ScopeTraversal(new Traversal(steps, r), r);
        }
        if (e instanceof Expression.RelativeTraversal rt) {
            List<Traverser> steps = new ArrayList<>(rt.steps());
            steps.add(step);
            return new Expression.RelativeTraversal(rt.source(), steps, r);
        }
        return new Expression.RelativeTraversal(e, List.of(step), r);
    }

    Expression parsePrimary() {
        Token t = ts.peek();
        switch (t.type()) {
            case NUMBER -> {
                ts.next();
                return new Expression.Literal(number(t), ts.range(t));
            }
            case IDENT -> {
                return identifier();
            }
            case OQUOTE, OHEREDOC -> {
                return templates.parse();
            }
            case OPAREN -> {
                ts.next();
                ts.pushNewlines(false);
                Expression inner = parseExpression();
                Token close = ts.expect(TokenType.CPAREN, "Unbalanced parentheses",
                        "Expected a closing parenthesis to terminate the expression.");
                ts.popNewlines();
                return new Expression.Parentheses(inner, ts.range(t.start(), close.end()));
            }
            case OBRACK -> {
                return tuple();
            }
            case OBRACE -> {
                return object();
            }
            default -> throw ts.fail("Invalid expression",
                    "Expected the start of an expression, but found " + t.type().describe() + ".", t);
        }
    }

    private Value number(Token t) {
        try {
            return new NumberValue(new BigDecimal(t.text()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw ts.fail("Invalid number", "\"" + t.text() + "\" is not a number this language can represent.", t);
        }
    }

    private Expression identifier() {
        Token t = ts.next();
        SourceRange r = ts.range(t);
        switch (t.text()) {
            case "true" -> {
                return new Expression.Literal(Value.TRUE, r);
            }
            case "false" -> {
                return new Expression.Literal(Value.FALSE, r);
            }
            case "null" -> {
                return new Expression.Literal(Value.NULL, r);
            }
            default -> {
            }
        }
        if (ts.peek().is(TokenType.OPAREN)) return call(t);
        return new Expression.ScopeTraversal(new Traversal(List.of(new Traverser.Root(t.text(), r)), r), r);
    }

    private Expression call(Token name) {
        ts.next();
        ts.pushNewlines(false);
        List<Expression> args = new ArrayList<>();
        boolean expand = false;
        while (!ts.peek().is(TokenType.CPAREN)) {
            args.add(parseExpression());
            Token sep = ts.peek();
            if (sep.is(TokenType.ELLIPSIS)) {
                ts.next();
                expand = true;
                if (!ts.peek().is(TokenType.CPAREN)) {
                    throw ts.fail("Missing closing parenthesis", "An expanded function argument (with \"...\") "
                            + "must be immediately followed by closing parentheses.", ts.peek());
                }
            } else if (sep.is(TokenType.COMMA)) {
                ts.next();
            } else if (!sep.is(TokenType.CPAREN)) {
                throw ts.fail("Missing argument separator", "A comma is required to separate each function "
                        + "argument from the next; found " + sep.type().describe() + ".", sep);
            }
        }
        Token close = ts.next();
        ts.popNewlines();
        return new Expression.FunctionCall(name.text(), args, expand, ts.range(name),
                ts.range(name.start(), close.end()));
    }

    private Expression tuple() {
        Token open = ts.next();
        ts.pushNewlines(false);
        if (ts.peek().isKeyword("for") && !ts.peekSecond().is(TokenType.CBRACK)) return forExpression(open, false);
        List<Expression> items = new ArrayList<>();
        while (!ts.peek().is(TokenType.CBRACK)) {
            items.add(parseExpression());
            Token sep = ts.peek();
            if (sep.is(TokenType.COMMA)) {
                ts.next();
            } else if (!sep.is(TokenType.CBRACK)) {
                throw ts.fail("Missing item separator", "Expected a comma to mark the beginning of the next item; "
                        + "found " + sep.type().describe() + ".", sep);
            }
        }
        Token close = ts.next();
        ts.popNewlines();
        return new Expression.Tuple(items, ts.range(open.start(), close.end()));
    }

    private Expression object() {
        Token open = ts.next();
        ts.pushNewlines(true);
        skipNewlines();
        if (ts.peek().isKeyword("for") && ts.peekSecond().is(TokenType.IDENT)) {
            ts.pushNewlines(false);
            Expression e = forExpression(open, true);
            ts.popNewlines();
            return e;
        }
        List<Expression.ObjectCons.Item> items = new ArrayList<>();
        while (!ts.peek().is(TokenType.CBRACE)) {
            Expression key = objectKey();
            Token eq = ts.peek();
            if (!eq.is(TokenType.EQUAL) && !eq.is(TokenType.COLON)) {
                throw ts.fail("Missing key/value separator", "Expected an equals sign (\"=\") to mark the beginning "
                        + "of the attribute value; found " + eq.type().describe() + ".", eq);
            }
            ts.next();
            items.add(new Expression.ObjectCons.Item(key, parseExpression()));
            Token sep = ts.peek();
            if (sep.is(TokenType.COMMA) || sep.is(TokenType.NEWLINE)) {
                ts.next();
                skipNewlines();
            } else if (!sep.is(TokenType.CBRACE)) {
                throw ts.fail("Missing attribute separator", "Expected a newline or comma to mark the beginning of "
                        + "the next attribute; found " + sep.type().describe() + ".", sep);
            }
        }
        Token close = ts.next();
        ts.popNewlines();
        return new Expression.ObjectCons(items, ts.range(open.start(), close.end()));
    }

    private Expression objectKey() {
        Token t = ts.peek();
        Token after = ts.peekSecond();
        if (t.is(TokenType.IDENT) && (after.is(TokenType.EQUAL) || after.is(TokenType.COLON))) {
            ts.next();
            return new Expression.Literal(new StringValue(t.text()), ts.range(t));
        }
        return parseExpression();
    }

    private void skipNewlines() {
        while (ts.peekRaw().is(TokenType.NEWLINE)) ts.nextRaw();
    }

    /** {@code [for ...]} or {@code {for ...}}; the caller has consumed the opening bracket or brace. */
    private Expression forExpression(Token open, boolean object) {
        ts.next();
        Token first = ts.expect(TokenType.IDENT, "Invalid 'for' expression",
                "For expression requires a variable name after 'for'.");
        Optional<String> keyVar = Optional.empty();
        String valueVar = first.text();
        if (ts.peek().is(TokenType.COMMA)) {
            ts.next();
            Token second = ts.expect(TokenType.IDENT, "Invalid 'for' expression",
                    "For expression requires a value variable name after the comma.");
            keyVar = Optional.of(valueVar);
            valueVar = second.text();
        }
        Token in = ts.peek();
        if (!in.isKeyword("in")) {
            throw ts.fail("Invalid 'for' expression", "For expression requires the 'in' keyword after its names; "
                    + "found " + in.type().describe() + ".", in);
        }
        ts.next();
        Expression collection = parseExpression();
        ts.expect(TokenType.COLON, "Invalid 'for' expression",
                "For expression requires a colon after the collection expression.");
        Optional<Expression> keyResult = Optional.empty();
        if (object) {
            keyResult = Optional.of(parseExpression());
            ts.expect(TokenType.FAT_ARROW, "Invalid 'for' expression",
                    "For expression producing an object requires \"=>\" between the key and the value.");
        }
        Expression value = parseExpression();
        boolean grouping = false;
        if (object && ts.peek().is(TokenType.ELLIPSIS)) {
            ts.next();
            grouping = true;
        }
        Optional<Expression> condition = Optional.empty();
        if (ts.peek().isKeyword("if")) {
            ts.next();
            condition = Optional.of(parseExpression());
        }
        TokenType closer = object ? TokenType.CBRACE : TokenType.CBRACK;
        Token close = ts.expect(closer, "Invalid 'for' expression", "Expected " + closer.describe()
                + " to end the for expression.");
        ts.popNewlines();
        return new Expression.For(keyVar, valueVar, collection, keyResult, value, condition, grouping,
                ts.range(open.start(), close.end()));
    }

    private SourceRange span(Expression a, Expression b) {
        return ts.range(a.range().start(), b.range().end());
    }
}
