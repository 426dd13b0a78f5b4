package dev.platctl.engine.expr;

import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NullValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** cty-like conversions between primitive values, and typed access to function arguments. */
final class Args {
    private Args() {
    }

    /** A string, a number's canonical digits, or "true"/"false"; empty for null and collections. */
    static Optional<String> asString(Value v) {
        if (v instanceof StringValue s) return Optional.of(s.value());
        if (v instanceof NumberValue n) return Optional.of(n.text());
        if (v instanceof BoolValue b) return Optional.of(Boolean.toString(b.value()));
        return Optional.empty();
    }

    /** A number, or a string holding one. */
    static Optional<BigDecimal> asNumber(Value v) {
        if (v instanceof NumberValue n) return Optional.of(n.value());
        if (v instanceof StringValue s) {
            String t = s.value().trim();
            if (t.isEmpty() || !t.equals(s.value())) return Optional.empty();
            try {
                return Optional.of(new BigDecimal(t));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A bool, or the string "true" or "false". */
    static Optional<Boolean> asBool(Value v) {
        if (v instanceof BoolValue b) return Optional.of(b.value());
        if (v instanceof StringValue s && (s.value().equals("true") || s.value().equals("false")))
            return Optional.of(Boolean.parseBoolean(s.value()));
        return Optional.empty();
    }

    /** The type name used in messages, with the value when it is a short primitive. */
    static String describe(Value v) {
        Value u = v.unwrap();
        if (u instanceof NullValue) return "null";
        if (u instanceof ListValue l) return "a list of " + l.size() + (l.size() == 1 ? " element" : " elements");
        if (u instanceof ObjectValue) return "an object";
        return "a " + u.typeName();
    }

    static String string(List<Value> args, int i, String param) {
        return asString(args.get(i)).orElseThrow(() -> wrong(param, "a string", args.get(i)));
    }

    static BigDecimal number(List<Value> args, int i, String param) {
        return asNumber(args.get(i)).orElseThrow(() -> wrong(param, "a number", args.get(i)));
    }

    static int integer(List<Value> args, int i, String param) {
        BigDecimal n = number(args, i, param);
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new FunctionException(param + " must be a whole number, got " + n.toPlainString());
        }
    }

    static boolean bool(List<Value> args, int i, String param) {
        return asBool(args.get(i)).orElseThrow(() -> wrong(param, "a bool", args.get(i)));
    }

    static List<Value> list(List<Value> args, int i, String param) {
        if (args.get(i) instanceof ListValue l) return l.items();
        throw wrong(param, "a list", args.get(i));
    }

    static ObjectValue object(List<Value> args, int i, String param) {
        if (args.get(i) instanceof ObjectValue o) return o;
        throw wrong(param, "a map or object", args.get(i));
    }

    static FunctionException wrong(String param, String expected, Value got) {
        return new FunctionException(param + " must be " + expected + ", got " + describe(got));
    }
}
