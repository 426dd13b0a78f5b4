package dev.platctl.engine.value;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Carries sensitive marks from one value onto another of the same shape (e.g. planned onto applied), and finds the
 * secrets a value holds.
 */
public final class Marks {
    private Marks() {
    }

    /** {@code values} with every top-level attribute marked sensitive that is sensitive in {@code template}. */
    public static ObjectValue remark(ObjectValue template, ObjectValue values) {
        if (!template.containsSensitive()) return values;
        Map<String, Value> out = new TreeMap<>();
        values.attributes().forEach((k, v) -> {
            Value t = template.attributes().get(k);
            out.put(k, t != null && t.containsSensitive() && !v.containsSensitive() ? v.sensitive() : v);
        });
        return new ObjectValue(out);
    }

    /** The value with sensitive marks removed, typed as an object. */
    public static ObjectValue unmarked(ObjectValue v) {
        return (ObjectValue) v.unmarked();
    }

    /** Secrets shorter than this are not looked for in text: replacing every "on" or "80" would garble it, not hide it. */
    public static final int SHORTEST_SECRET = 4;

    /**
     * The sensitive strings in {@code v} that an API could quote back in an error: every string marked sensitive itself
     * (a password, a secret's value) and every string item of a sensitive flat map or list (a Secret's {@code data}, a
     * sensitive object input of host, port and password), at least {@link #SHORTEST_SECRET} long. The strings of a
     * sensitive object that nests objects or lists (a whole manifest, or an attribute marked whole because a part of it is
     * sensitive) are not taken: its names and kinds would be too; its parts that were marked themselves are.
     */
    public static void sensitiveStrings(Value v, Set<String> into) {
        if (v instanceof SensitiveValue s) {
            Value inner = s.value();
            if (inner instanceof StringValue str) add(str, into);
            else if (flat(inner)) items(inner).stream().map(Value::unmarked).filter(StringValue.class::isInstance)
                    .forEach(x -> add((StringValue) x, into));
            else sensitiveStrings(inner, into);
        } else if (v instanceof ObjectValue o) {
            o.attributes().values().forEach(x -> sensitiveStrings(x, into));
        } else if (v instanceof ListValue l) {
            l.items().forEach(x -> sensitiveStrings(x, into));
        }
    }

    private static void add(StringValue s, Set<String> into) {
        if (s.value().length() >= SHORTEST_SECRET) into.add(s.value());
    }

    /** A map or list of plain items (strings, numbers, bools, nulls): none of them an object or a list. */
    private static boolean flat(Value v) {
        return (v instanceof ObjectValue || v instanceof ListValue)
                && items(v).stream().map(Value::unmarked).noneMatch(x -> x instanceof ObjectValue || x instanceof ListValue);
    }

    private static Collection<Value> items(Value v) {
        return v instanceof ObjectValue o ? o.attributes().values() : v instanceof ListValue l ? l.items() : List.of();
    }
}
