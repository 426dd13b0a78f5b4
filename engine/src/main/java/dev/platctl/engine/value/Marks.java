package dev.platctl.engine.value;

import java.util.Map;
import java.util.TreeMap;

/** Carries sensitive marks from one value onto another of the same shape (e.g. planned onto applied). */
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
}
