package dev.platctl.providers.kubernetes;

import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of a live object platctl manages, the live values at exactly the paths platctl applied, so that
 * server defaults and other managers' fields never show as changes while a managed field someone changed or
 * removed shows as drift.
 */
final class Projection {
    private Projection() {
    }

    /** The live object seen through the shape of the applied one; absent live fields are left out. */
    static Value project(Value applied, Object live) {
        Value shape = applied.unmarked();
        if (shape instanceof ObjectValue o && live instanceof Map<?, ?> m) {
            Map<String, Value> out = new TreeMap<>();
            o.attributes().forEach((k, v) -> {
                if (v.isNull() || !m.containsKey(k) || m.get(k) == null) return;
                out.put(k, project(v, m.get(k)));
            });
            return new ObjectValue(out);
        }
        if (shape instanceof ListValue l && live instanceof List<?> items) {
            List<Value> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++)
                out.add(i < l.size() ? project(l.items().get(i), items.get(i)) : Manifests.fromJava(items.get(i)));
            return new ListValue(out);
        }
        return Manifests.fromJava(live);
    }
}
