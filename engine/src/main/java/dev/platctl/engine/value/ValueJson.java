package dev.platctl.engine.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts values to and from JSON. Plain JSON carries no marks; unknown and sensitive marks travel
 * beside it as "mark trees" in the shape of Terraform's {@code after_unknown}/{@code after_sensitive}:
 * {@code true} where the mark applies, objects and arrays mirroring the value's structure, elsewhere
 * omitted (objects) or {@code false} (arrays).
 */
public final class ValueJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ValueJson() {
    }

    /** Plain JSON: unknowns become null, sensitive values are written in clear (callers decide). */
    public static JsonNode toJson(Value v) {
        if (v instanceof SensitiveValue s) return toJson(s.value());
        if (v instanceof NullValue || v instanceof UnknownValue) return F.nullNode();
        if (v instanceof StringValue s) return F.textNode(s.value());
        if (v instanceof NumberValue n) return F.numberNode(n.value());
        if (v instanceof BoolValue b) return F.booleanNode(b.value());
        if (v instanceof ListValue l) {
            ArrayNode a = F.arrayNode();
            for (Value item : l.items()) a.add(toJson(item));
            return a;
        }
        ObjectNode o = F.objectNode();
        ((ObjectValue) v).attributes().forEach((k, x) -> o.set(k, toJson(x)));
        return o;
    }

    public static Value fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return Value.NULL;
        if (n.isTextual()) return new StringValue(n.textValue());
        if (n.isBoolean()) return Value.of(n.booleanValue());
        if (n.isNumber()) return new NumberValue(n.decimalValue());
        if (n.isArray()) {
            List<Value> items = new ArrayList<>(n.size());
            for (JsonNode c : n) items.add(fromJson(c));
            return new ListValue(items);
        }
        Map<String, Value> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), fromJson(e.getValue()));
        }
        return new ObjectValue(m);
    }

    /** The tree of unknown marks; {@code false} when nothing is unknown. */
    public static JsonNode unknownTree(Value v) {
        return markTree(v, false);
    }

    /** The tree of sensitive marks; {@code false} when nothing is sensitive. */
    public static JsonNode sensitiveTree(Value v) {
        return markTree(v, true);
    }

    private static JsonNode markTree(Value v, boolean sensitive) {
        if (sensitive && v instanceof SensitiveValue) return BooleanNode.TRUE;
        if (v instanceof SensitiveValue s) return markTree(s.value(), false);
        if (!sensitive && v instanceof UnknownValue) return BooleanNode.TRUE;
        if (v instanceof ListValue l) {
            if (sensitive ? !l.containsSensitive() : l.isWhollyKnown()) return BooleanNode.FALSE;
            ArrayNode a = F.arrayNode();
            for (Value item : l.items()) a.add(markTree(item, sensitive));
            return a;
        }
        if (v instanceof ObjectValue o) {
            if (sensitive ? !o.containsSensitive() : o.isWhollyKnown()) return BooleanNode.FALSE;
            ObjectNode out = F.objectNode();
            o.attributes().forEach((k, x) -> {
                JsonNode t = markTree(x, sensitive);
                if (!(t.isBoolean() && !t.booleanValue())) out.set(k, t);
            });
            return out;
        }
        return BooleanNode.FALSE;
    }

    /** Rebuilds a marked value from plain JSON and its two mark trees (either may be null). */
    public static Value fromJson(JsonNode plain, JsonNode unknownTree, JsonNode sensitiveTree) {
        Value v;
        if (isTrue(unknownTree)) {
            v = Value.UNKNOWN;
        } else if (plain != null && plain.isArray()) {
            List<Value> items = new ArrayList<>(plain.size());
            for (int i = 0; i < plain.size(); i++)
                items.add(fromJson(plain.get(i), child(unknownTree, i), child(sensitiveTree, i)));
            v = new ListValue(items);
        } else if (plain != null && plain.isObject()) {
            Map<String, Value> m = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = plain.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), fromJson(e.getValue(), child(unknownTree, e.getKey()), child(sensitiveTree, e.getKey())));
            }
            // unknown attributes whose plain value was written as null, when the object itself is absent
            if (unknownTree != null && unknownTree.isObject()) {
                for (Iterator<String> it = unknownTree.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!m.containsKey(k) && isTrue(unknownTree.get(k))) m.put(k, Value.UNKNOWN);
                }
            }
            v = new ObjectValue(m);
        } else {
            v = fromJson(plain);
        }
        return isTrue(sensitiveTree) ? v.sensitive() : v;
    }

    private static boolean isTrue(JsonNode n) {
        return n != null && n.isBoolean() && n.booleanValue();
    }

    private static JsonNode child(JsonNode tree, int i) {
        return tree != null && tree.isArray() && i < tree.size() ? tree.get(i) : null;
    }

    private static JsonNode child(JsonNode tree, String k) {
        return tree != null && tree.isObject() ? tree.get(k) : null;
    }

    /** Converts a Java value made of maps, lists, strings, numbers and booleans (e.g. from YAML). */
    public static Value fromJava(Object o) {
        if (o == null) return Value.NULL;
        if (o instanceof Value v) return v;
        if (o instanceof String s) return new StringValue(s);
        if (o instanceof Boolean b) return Value.of(b);
        if (o instanceof BigDecimal d) return new NumberValue(d);
        if (o instanceof Number n) return new NumberValue(new BigDecimal(n.toString()));
        if (o instanceof List<?> l) {
            List<Value> items = new ArrayList<>(l.size());
            for (Object x : l) items.add(fromJava(x));
            return new ListValue(items);
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Value> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), fromJava(x)));
            return new ObjectValue(out);
        }
        return new StringValue(o.toString());
    }
}
