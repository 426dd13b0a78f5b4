package dev.platctl.cli.view;

import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spreads sensitive marks from one side of a change to the other, so that an unmarked old value cannot
 * reveal the new secret it equals (nor the reverse).
 */
final class SensitiveMarks {
    private SensitiveMarks() {
    }

    /**
     * {@code v} marked sensitive wherever {@code other} is. Lists are matched conservatively: when the other
     * list holds any sensitive element, every element of this one is marked, since elements may have moved.
     */
    static Value alike(Value v, Value other) {
        if (v instanceof SensitiveValue || v.isNull() || !other.containsSensitive()) return v;
        if (other instanceof SensitiveValue) return v.sensitive();
        if (v instanceof ObjectValue o && other instanceof ObjectValue oo) {
            Map<String, Value> m = new TreeMap<>();
            o.attributes().forEach((k, x) -> m.put(k, alike(x, oo.getOrNull(k))));
            return new ObjectValue(m);
        }
        if (v instanceof ListValue l && other instanceof ListValue) {
            List<Value> items = new ArrayList<>(l.size());
            for (Value item : l.items()) items.add(item.isNull() ? item : item.sensitive());
            return new ListValue(items);
        }
        return v;
    }
}
