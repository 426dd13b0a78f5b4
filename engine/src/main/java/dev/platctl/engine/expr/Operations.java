package dev.platctl.engine.expr;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.hcl.Expression.Operator;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.function.Function;

/**
 * The unary and binary operators over values: unknown operands give unknown, sensitive operands give a
 * sensitive result, and unsuitable operands give an "Invalid operand" diagnostic.
 */
final class Operations {
    /** Precision of quotients that have no exact decimal form (34 digits, IEEE decimal128). */
    private static final MathContext DIVISION = MathContext.DECIMAL128;

    private final Diagnostics diags;

    Operations(Diagnostics diags) {
        this.diags = diags;
    }

    Value binary(Operator op, Value left, Value right, SourceRange leftRange, SourceRange rightRange, SourceRange all) {
        boolean sensitive = left.containsSensitive() || right.containsSensitive();
        return mark(compute(op, left.unmarked(), right.unmarked(), leftRange, rightRange, all), sensitive);
    }

    private Value compute(Operator op, Value l, Value r, SourceRange lr, SourceRange rr, SourceRange all) {
        switch (op) {
            case EQUAL, NOT_EQUAL -> {
                if (!l.isWhollyKnown() || !r.isWhollyKnown()) return Value.UNKNOWN;
                return Value.of(Equality.equal(l, r) == (op == Operator.EQUAL));
            }
            case AND, OR -> {
                Optional<Boolean> a = operand(op, "left", l, lr, Args::asBool, "a bool");
                Optional<Boolean> b = operand(op, "right", r, rr, Args::asBool, "a bool");
                if (a == null || b == null) return Value.UNKNOWN;
                if (a.isEmpty() || b.isEmpty()) return Value.UNKNOWN;
                return Value.of(op == Operator.AND ? a.get() && b.get() : a.get() || b.get());
            }
            default -> {
                Optional<BigDecimal> a = operand(op, "left", l, lr, Args::asNumber, "a number");
                Optional<BigDecimal> b = operand(op, "right", r, rr, Args::asNumber, "a number");
                if (a == null || b == null || a.isEmpty() || b.isEmpty()) return Value.UNKNOWN;
                return arithmetic(op, a.get(), b.get(), rr, all);
            }
        }
    }

    private Value arithmetic(Operator op, BigDecimal a, BigDecimal b, SourceRange rr, SourceRange all) {
        switch (op) {
            case LESS -> {
                return Value.of(a.compareTo(b) < 0);
            }
            case LESS_EQ -> {
                return Value.of(a.compareTo(b) <= 0);
            }
            case GREATER -> {
                return Value.of(a.compareTo(b) > 0);
            }
            case GREATER_EQ -> {
                return Value.of(a.compareTo(b) >= 0);
            }
            case ADD -> {
                return Value.of(a.add(b));
            }
            case SUBTRACT -> {
                return Value.of(a.subtract(b));
            }
            case MULTIPLY -> {
                return Value.of(a.multiply(b));
            }
            default -> {
                if (b.signum() == 0) {
                    diags.error("Division by zero", "The right operand of \"" + op.symbol + "\" is zero.", rr);
                    return Value.UNKNOWN;
                }
                if (op == Operator.MODULO) return Value.of(a.remainder(b));
                try {
                    return Value.of(a.divide(b));
                } catch (ArithmeticException e) {
                    return Value.of(a.divide(b, DIVISION));
                }
            }
        }
    }

    Value unary(char op, Value operand, SourceRange range) {
        boolean sensitive = operand.containsSensitive();
        Value v = operand.unmarked();
        String symbol = String.valueOf(op);
        if (op == '!') {
            Optional<Boolean> b = operand(symbol, "", v, range, Args::asBool, "a bool");
            return mark(b == null || b.isEmpty() ? Value.UNKNOWN : Value.of(!b.get()), sensitive);
        }
        Optional<BigDecimal> n = operand(symbol, "", v, range, Args::asNumber, "a number");
        return mark(n == null || n.isEmpty() ? Value.UNKNOWN : Value.of(n.get().negate()), sensitive);
    }

    /** The converted operand; empty when unknown; null (after a diagnostic) when unsuitable. */
    private <T> Optional<T> operand(Operator op, String side, Value v, SourceRange range,
                                    Function<Value, Optional<T>> convert, String expected) {
        return operand(op.symbol, side, v, range, convert, expected);
    }

    private <T> Optional<T> operand(String symbol, String side, Value v, SourceRange range,
                                    Function<Value, Optional<T>> convert, String expected) {
        if (v instanceof UnknownValue) return Optional.empty();
        Optional<T> converted = convert.apply(v);
        if (converted.isPresent()) return converted;
        String which = side.isEmpty() ? "operand" : side + " operand";
        diags.error("Invalid operand", "Unsuitable value for " + which + " of \"" + symbol + "\": " + expected
                + " is required, got " + Args.describe(v) + ".", range);
        return null;
    }

    static Value mark(Value v, boolean sensitive) {
        return sensitive ? v.sensitive() : v;
    }
}
