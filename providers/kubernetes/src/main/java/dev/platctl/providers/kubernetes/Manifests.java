package dev.platctl.providers.kubernetes;

import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import dev.platctl.engine.value.ValueJson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Conversions between platctl values and Kubernetes objects held as plain maps, and reads of common fields. */
final class Manifests {
    private Manifests() {
    }

    /** The value as maps, lists, strings, numbers and booleans; nulls are left out, as the API server would. */
    static Object toJava(Value v) {
        Value u = v.unmarked();
        if (u instanceof ObjectValue o) {
            Map<String, Object> m = new LinkedHashMap<>();
            o.attributes().forEach((k, x) -> {
                if (!x.isNull()) m.put(k, toJava(x));
            });
            return m;
        }
        if (u instanceof ListValue l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Value x : l.items()) out.add(toJava(x));
            return out;
        }
        if (u instanceof StringValue s) return s.value();
        if (u instanceof BoolValue b) return b.value();
        if (u instanceof NumberValue n) return n.isInteger() ? (Object) n.value().toBigIntegerExact() : n.value();
        return null;
    }

    static Value fromJava(Object o) {
        if (o instanceof Double || o instanceof Float) return Value.of(new BigDecimal(o.toString()));
        return ValueJson.fromJava(o);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    static Map<String, Object> metadata(Map<String, Object> object) {
        return map(object.get("metadata"));
    }

    static Optional<String> string(Map<String, Object> object, String key) {
        return object.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    static String name(Map<String, Object> object) {
        return string(metadata(object), "name").orElse("");
    }

    static Optional<String> namespace(Map<String, Object> object) {
        return string(metadata(object), "namespace");
    }

    static Map<String, Object> labels(Map<String, Object> object) {
        return map(metadata(object).get("labels"));
    }

    static Map<String, Object> annotations(Map<String, Object> object) {
        return map(metadata(object).get("annotations"));
    }

    static String uid(Map<String, Object> object) {
        return string(metadata(object), "uid").orElse("");
    }

    static List<String> finalizers(Map<String, Object> object) {
        return metadata(object).get("finalizers") instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
