package dev.platctl.engine.value;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A string-keyed collection of values (HCL object or map). Keys are kept sorted so that every
 * rendering and serialisation is deterministic.
 */
public record ObjectValue(Map<String, Value> attributes) implements Value {
    public static final ObjectValue EMPTY = new ObjectValue(Map.of());

    public ObjectValue {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    @Override
    public String typeName() {
        return "object";
    }

    public Optional<Value> get(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /** The attribute, or null-value when absent. */
    public Value getOrNull(String key) {
        Value v = attributes.get(key);
        return v == null ? Value.NULL : v;
    }

    public ObjectValue with(String key, Value value) {
        TreeMap<String, Value> m = new TreeMap<>(attributes);
        m.put(key, value);
        return new ObjectValue(m);
    }

    public ObjectValue without(String key) {
        if (!attributes.containsKey(key)) return this;
        TreeMap<String, Value> m = new TreeMap<>(attributes);
        m.remove(key);
        return new ObjectValue(m);
    }

    @Override
    public boolean isWhollyKnown() {
        for (Value v : attributes.values()) if (!v.isWhollyKnown()) return false;
        return true;
    }

    @Override
    public boolean containsSensitive() {
        for (Value v : attributes.values()) if (v.containsSensitive()) return true;
        return false;
    }

    @Override
    public Value unmarked() {
        if (!containsSensitive()) return this;
        TreeMap<String, Value> m = new TreeMap<>();
        attributes.forEach((k, v) -> m.put(k, v.unmarked()));
        return new ObjectValue(m);
    }

    @Override
    public String toString() {
        return attributes.toString();
    }
}
