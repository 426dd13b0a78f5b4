package dev.platctl.providers.aws;

import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Typed, known attribute values of a resource, read through sensitive marks; empty when null or unknown. */
final class Attrs {
    private Attrs() {
    }

    static Optional<String> string(ObjectValue o, String name) {
        return o.getOrNull(name).unwrap() instanceof StringValue s ? Optional.of(s.value()) : Optional.empty();
    }

    static Optional<Integer> integer(ObjectValue o, String name) {
        return o.getOrNull(name).unwrap() instanceof NumberValue n && n.isInteger()
                && n.value().abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                ? Optional.of(n.value().intValueExact()) : Optional.empty();
    }

    static Optional<Boolean> bool(ObjectValue o, String name) {
        return o.getOrNull(name).unwrap() instanceof BoolValue b ? Optional.of(b.value()) : Optional.empty();
    }

    /** A map of strings; empty when null or unknown; values that are not strings are taken as their text. */
    static Map<String, String> stringMap(ObjectValue o, String name) {
        Map<String, String> out = new TreeMap<>();
        if (o.getOrNull(name).unmarked() instanceof ObjectValue m)
            m.attributes().forEach((k, v) -> {
                if (v instanceof StringValue s) out.put(k, s.value());
                else if (!v.isNull()) out.put(k, v.toString());
            });
        return out;
    }

    /**
     * A list of strings in a nested object (a rule, an index) at {@code at}; what is not one is added to {@code problems}
     * so that every mistake is reported at once. Empty when absent.
     */
    static List<String> strings(ObjectValue o, String name, String at, List<String> problems) {
        List<String> out = new ArrayList<>();
        Value v = o.getOrNull(name).unmarked();
        if (v.isNull()) return out;
        if (!(v instanceof ListValue l)) {
            problems.add(at + "." + name + " must be a list of strings, got " + v.typeName());
            return out;
        }
        for (Value item : l.items()) {
            if (item instanceof StringValue s) out.add(s.value());
            else problems.add(at + "." + name + " must hold strings, got " + item.typeName());
        }
        return out;
    }

    static String requireString(String type, ObjectValue o, String name) {
        return string(o, name).orElseThrow(() -> missing(type, name, "string"));
    }

    static Value ofMap(Map<String, String> m) {
        Map<String, Value> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, Value.of(v)));
        return new ObjectValue(out);
    }

    private static ProviderException missing(String type, String name, String kind) {
        return ProviderException.of("use", type, null, "attribute \"" + name + "\" is not a known " + kind, false, null);
    }
}
