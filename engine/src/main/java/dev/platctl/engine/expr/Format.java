package dev.platctl.engine.expr;

import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.NullValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The {@code format} function's verbs: {@code %s %d %f %t %v %q %%}, with flags {@code -0+}, width and precision. */
final class Format {
    private Format() {
    }

    static String apply(String spec, List<Value> values) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int j = i + 1;
            boolean left = false, zero = false, plus = false;
            for (; j < spec.length() && "-0+".indexOf(spec.charAt(j)) >= 0; j++) {
                char f = spec.charAt(j);
                left |= f == '-';
                zero |= f == '0';
                plus |= f == '+';
            }
            int width = 0;
            for (; j < spec.length() && Character.isDigit(spec.charAt(j)); j++) width = width * 10 + spec.charAt(j) - '0';
            int precision = -1;
            if (j < spec.length() && spec.charAt(j) == '.') {
                precision = 0;
                for (j++; j < spec.length() && Character.isDigit(spec.charAt(j)); j++)
                    precision = precision * 10 + spec.charAt(j) - '0';
            }
            if (j >= spec.length()) throw new FunctionException("format spec ends with an incomplete verb");
            char verb = spec.charAt(j);
            i = j;
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (next >= values.size()) throw new FunctionException("not enough arguments for the verbs in the spec");
            String text = verb(verb, values.get(next++), precision, plus);
            pad(out, text, width, left, zero && !left && "df".indexOf(verb) >= 0);
        }
        if (next < values.size()) throw new FunctionException("too many arguments; the spec uses only " + next);
        return out.toString();
    }

    private static String verb(char verb, Value v, int precision, boolean plus) {
        switch (verb) {
            case 's' -> {
                String s = Args.asString(v).orElseThrow(() -> Args.wrong("%s value", "a string", v));
                return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
            }
            case 'd' -> {
                BigDecimal n = Args.asNumber(v).orElseThrow(() -> Args.wrong("%d value", "a number", v));
                if (n.stripTrailingZeros().scale() > 0) throw new FunctionException("%d requires a whole number, got " + n.toPlainString());
                return sign(n, plus) + n.setScale(0, RoundingMode.UNNECESSARY).abs().toPlainString();
            }
            case 'f' -> {
                BigDecimal n = Args.asNumber(v).orElseThrow(() -> Args.wrong("%f value", "a number", v));
                return sign(n, plus) + n.abs().setScale(precision < 0 ? 6 : precision, RoundingMode.HALF_EVEN).toPlainString();
            }
            case 't' -> {
                return Boolean.toString(Args.asBool(v).orElseThrow(() -> Args.wrong("%t value", "a bool", v)));
            }
            case 'v' -> {
                if (v instanceof StringValue || v instanceof NumberValue || v instanceof BoolValue) return Args.asString(v).orElseThrow();
                if (v instanceof NullValue) return "null";
                return EncodingFunctions.json(v);
            }
            case 'q' -> {
                String s = Args.asString(v).orElseThrow(() -> Args.wrong("%q value", "a string", v));
                return EncodingFunctions.json(new StringValue(s));
            }
            default -> throw new FunctionException("unsupported format verb %" + verb);
        }
    }

    private static String sign(BigDecimal n, boolean plus) {
        return n.signum() < 0 ? "-" : plus ? "+" : "";
    }

    private static void pad(StringBuilder out, String text, int width, boolean left, boolean zero) {
        int missing = width - text.codePointCount(0, text.length());
        if (missing <= 0) {
            out.append(text);
        } else if (left) {
            out.append(text).append(" ".repeat(missing));
        } else if (zero && (text.startsWith("-") || text.startsWith("+"))) {
            out.append(text.charAt(0)).append("0".repeat(missing)).append(text, 1, text.length());
        } else {
            out.append((zero ? "0" : " ").repeat(missing)).append(text);
        }
    }
}
