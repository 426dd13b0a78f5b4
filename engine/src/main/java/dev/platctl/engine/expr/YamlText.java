package dev.platctl.engine.expr;

import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NullValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.Map;

/**
 * Block-style YAML in Terraform's yamlencode layout: keys and strings double-quoted, sorted keys,
 * {@code []} and {@code {}} for empty collections, one trailing newline.
 */
final class YamlText {
    private YamlText() {
    }

    static String of(Value v) {
        StringBuilder sb = new StringBuilder();
        if (isBlock(v)) block(sb, v, "");
        else sb.append(scalar(v)).append('\n');
        return sb.toString();
    }

    private static boolean isBlock(Value v) {
        return v instanceof ListValue l && !l.items().isEmpty() || v instanceof ObjectValue o && !o.attributes().isEmpty();
    }

    private static void block(StringBuilder sb, Value v, String indent) {
        if (v instanceof ListValue l) {
            for (Value item : l.items()) {
                sb.append(indent).append("- ");
                item(sb, item, indent + "  ");
            }
        } else {
            for (Map.Entry<String, Value> e : ((ObjectValue) v).attributes().entrySet()) {
                sb.append(indent).append(quote(e.getKey())).append(':');
                if (isBlock(e.getValue())) {
                    sb.append('\n');
                    block(sb, e.getValue(), e.getValue() instanceof ListValue ? indent : indent + "  ");
                } else {
                    sb.append(' ').append(scalar(e.getValue())).append('\n');
                }
            }
        }
    }

    /** A list item: a scalar on the dash's line, or a block whose first line shares it. */
    private static void item(StringBuilder sb, Value item, String indent) {
        if (!isBlock(item)) {
            sb.append(scalar(item)).append('\n');
            return;
        }
        StringBuilder inner = new StringBuilder();
        block(inner, item, indent);
        sb.append(inner, indent.length(), inner.length());
    }

    private static String scalar(Value v) {
        if (v instanceof NullValue) return "null";
        if (v instanceof BoolValue b) return Boolean.toString(b.value());
        if (v instanceof NumberValue n) return n.text();
        if (v instanceof StringValue s) return quote(s.value());
        if (v instanceof ListValue) return "[]";
        if (v instanceof ObjectValue) return "{}";
        throw new FunctionException("cannot encode " + Args.describe(v) + " as YAML");
    }

    /** A YAML double-quoted scalar; JSON's escapes are valid in it. */
    private static String quote(String s) {
        return EncodingFunctions.json(new StringValue(s));
    }
}
