package dev.platctl.cli.view;

import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Renders a value on one line the way HCL would write it, hiding sensitive values. */
public final class ValueFormatter {
    public static final String SENSITIVE = "(sensitive value)";
    public static final String UNKNOWN = "(known after apply)";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private ValueFormatter() {
    }

    /** {@code "text"}, {@code 42}, {@code true}, {@code null}, {@code ["a", 1]}, {@code { a = 1 }}. */
    public static String inline(Value v) {
        if (v instanceof SensitiveValue) return SENSITIVE;
        if (v instanceof UnknownValue) return UNKNOWN;
        if (v instanceof StringValue s) return quote(s.value());
        if (v instanceof NumberValue n) return n.text();
        if (v instanceof BoolValue b) return Boolean.toString(b.value());
        if (v instanceof ListValue l) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            for (Value item : l.items()) j.add(inline(item));
            return j.toString();
        }
        if (v instanceof ObjectValue o) {
            if (o.attributes().isEmpty()) return "{}";
            StringJoiner j = new StringJoiner(", ", "{ ", " }");
            for (Map.Entry<String, Value> e : o.attributes().entrySet())
                j.add(key(e.getKey()) + " = " + inline(e.getValue()));
            return j.toString();
        }
        return "null";
    }

    /** A double-quoted string with backslash escapes for quotes, backslashes and control characters. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /** An object key: bare when it is an identifier, quoted otherwise. */
    public static String key(String k) {
        return IDENTIFIER.matcher(k).matches() ? k : quote(k);
    }

    /** True for strings a person reads better as a heredoc. */
    static boolean isMultiLine(Value v) {
        return v instanceof StringValue s && s.value().indexOf('\n') >= 0;
    }
}
