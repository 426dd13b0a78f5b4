package dev.platctl.engine.plan;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.config.Lifecycle;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code lifecycle.ignore_changes}: the proposed value keeps the prior object's value at every
 * ignored path, so neither configuration changes nor drift there become a diff.
 */
public final class IgnoreChanges {
    private IgnoreChanges() {
    }

    public static ObjectValue apply(Lifecycle lifecycle, ObjectValue proposed, Value prior) {
        if (!(prior instanceof ObjectValue p)) return proposed;
        if (lifecycle.ignoreAll()) {
            ObjectValue out = proposed;
            for (String k : proposed.attributes().keySet()) out = out.with(k, p.getOrNull(k));
            return out;
        }
        Value out = proposed;
        for (Lifecycle.Ignored i : lifecycle.ignoreChanges()) out = set(out, i.path().steps(), get(p, i.path().steps()));
        return (ObjectValue) out;
    }

    /** The value at {@code path} in {@code v}; null where the path does not exist. */
    static Value at(Value v, AttributePath path) {
        return get(v, path.steps());
    }

    private static Value get(Value v, List<AttributePath.Step> steps) {
        for (AttributePath.Step s : steps) {
            Value u = v.unwrap();
            if (s instanceof AttributePath.Key k && u instanceof ObjectValue o) v = o.getOrNull(k.name());
            else if (s instanceof AttributePath.Index i && u instanceof ListValue l && i.index() < l.size()) v = l.items().get(i.index());
            else return Value.NULL;
        }
        return v;
    }

    /** {@code v} with the value at {@code steps} replaced; a path that does not exist in {@code v} leaves it unchanged. */
    private static Value set(Value v, List<AttributePath.Step> steps, Value replacement) {
        if (steps.isEmpty()) return replacement;
        AttributePath.Step s = steps.get(0);
        List<AttributePath.Step> rest = steps.subList(1, steps.size());
        Value u = v.unwrap();
        if (s instanceof AttributePath.Key k && u instanceof ObjectValue o) {
            Value inner = o.getOrNull(k.name());
            if (!rest.isEmpty() && inner.isNull()) return v;
            return remark(v, o.with(k.name(), set(inner, rest, replacement)));
        }
        if (s instanceof AttributePath.Index i && u instanceof ListValue l && i.index() < l.size()) {
            List<Value> items = new ArrayList<>(l.items());
            items.set(i.index(), set(items.get(i.index()), rest, replacement));
            return remark(v, new ListValue(items));
        }
        return v;
    }

    private static Value remark(Value original, Value changed) {
        return original == original.unwrap() ? changed : changed.sensitive();
    }
}
