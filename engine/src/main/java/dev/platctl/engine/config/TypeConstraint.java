package dev.platctl.engine.config;

import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import dev.platctl.engine.diag.Suggestions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The declared type of a module input: {@code string}, {@code number}, {@code bool}, {@code any},
 * {@code list(T)}, {@code map(T)} or {@code object({name = T, size = optional(T, default)})}.
 */
public record TypeConstraint(Kind kind, Optional<TypeConstraint> element, Map<String, Attr> attributes) {

    /** The type's outer kind. */
    public enum Kind { STRING, NUMBER, BOOL, ANY, LIST, MAP, OBJECT }

    /** One attribute of an object type; an optional one may be left out and then takes its default (or null). */
    public record Attr(TypeConstraint type, boolean optional, Optional<Value> defaultValue) {
    }

    public static final TypeConstraint STRING = new TypeConstraint(Kind.STRING, Optional.empty());
    public static final TypeConstraint NUMBER = new TypeConstraint(Kind.NUMBER, Optional.empty());
    public static final TypeConstraint BOOL = new TypeConstraint(Kind.BOOL, Optional.empty());
    public static final TypeConstraint ANY = new TypeConstraint(Kind.ANY, Optional.empty());

    public TypeConstraint {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    public TypeConstraint(Kind kind, Optional<TypeConstraint> element) {
        this(kind, element, Map.of());
    }

    public static TypeConstraint object(Map<String, Attr> attributes) {
        return new TypeConstraint(Kind.OBJECT, Optional.empty(), attributes);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LIST, MAP -> kind.name().toLowerCase() + "(" + element.orElse(ANY) + ")";
            case OBJECT -> "object({" + attributes.entrySet().stream()
                    .map(e -> e.getKey() + " = " + (e.getValue().optional() ? "optional(" + e.getValue().type() + ")" : e.getValue().type()))
                    .collect(Collectors.joining(", ")) + "})";
            default -> kind.name().toLowerCase();
        };
    }

    /**
     * Why {@code v} does not convert to this type, naming the attribute or element at fault
     * ({@code attribute "size": expected number, got string "big"}); empty when it converts.
     */
    public Optional<String> mismatch(Value v) {
        if (convert(v).isPresent()) return Optional.empty();
        Value u = v.unwrap();
        if (kind == Kind.OBJECT && u instanceof ObjectValue o) {
            for (String k : o.attributes().keySet())
                if (!attributes.containsKey(k))
                    return Optional.of("it has no attribute \"" + k + "\""
                            + Suggestions.closest(k, attributes.keySet()).map(c -> " (did you mean \"" + c + "\"?)").orElse(""));
            for (Map.Entry<String, Attr> e : attributes.entrySet()) {
                Value item = o.attributes().get(e.getKey());
                if (item == null) {
                    if (!e.getValue().optional()) return Optional.of("attribute \"" + e.getKey() + "\" is required");
                    continue;
                }
                Optional<String> inner = e.getValue().type().mismatch(item);
                if (inner.isPresent()) return Optional.of("attribute \"" + e.getKey() + "\": " + inner.get());
            }
        }
        if (kind == Kind.LIST && u instanceof ListValue l) {
            for (int i = 0; i < l.size(); i++) {
                Optional<String> inner = element.orElse(ANY).mismatch(l.items().get(i));
                if (inner.isPresent()) return Optional.of("element " + i + ": " + inner.get());
            }
        }
        if (kind == Kind.MAP && u instanceof ObjectValue o) {
            for (Map.Entry<String, Value> e : o.attributes().entrySet()) {
                Optional<String> inner = element.orElse(ANY).mismatch(e.getValue());
                if (inner.isPresent()) return Optional.of("key \"" + e.getKey() + "\": " + inner.get());
            }
        }
        return Optional.of("expected " + this + ", got " + (u instanceof StringValue s ? "string \"" + s.value() + "\"" : u.typeName()));
    }

    /**
     * Converts a value to this type the way HCL does (numbers and bools to strings, numeric strings
     * to numbers, "true"/"false" to bools); empty when it cannot. Unknown values pass unchanged.
     */
    public Optional<Value> convert(Value v) {
        if (!v.isWhollyKnown() && v.unwrap() instanceof dev.platctl.engine.value.UnknownValue) return Optional.of(v);
        if (v instanceof dev.platctl.engine.value.SensitiveValue s) return convert(s.value()).map(Value::sensitive);
        if (v.isNull()) return Optional.of(v);
        switch (kind) {
            case ANY:
                return Optional.of(v);
            case STRING:
                if (v instanceof StringValue) return Optional.of(v);
                if (v instanceof NumberValue n) return Optional.of(new StringValue(n.text()));
                if (v instanceof BoolValue b) return Optional.of(new StringValue(Boolean.toString(b.value())));
                return Optional.empty();
            case NUMBER:
                if (v instanceof NumberValue) return Optional.of(v);
                if (v instanceof StringValue s) {
                    try {
                        return Optional.of(new NumberValue(new BigDecimal(s.value().trim())));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
                return Optional.empty();
            case BOOL:
                if (v instanceof BoolValue) return Optional.of(v);
                if (v instanceof StringValue s && (s.value().equals("true") || s.value().equals("false")))
                    return Optional.of(Value.of(Boolean.parseBoolean(s.value())));
                return Optional.empty();
            case LIST: {
                if (!(v instanceof ListValue l)) return Optional.empty();
                TypeConstraint el = element.orElse(ANY);
                List<Value> out = new ArrayList<>();
                for (Value item : l.items()) {
                    Optional<Value> c = el.convert(item);
                    if (c.isEmpty()) return Optional.empty();
                    out.add(c.get());
                }
                return Optional.of(new ListValue(out));
            }
            case MAP: {
                if (!(v instanceof ObjectValue o)) return Optional.empty();
                TypeConstraint el = element.orElse(ANY);
                Map<String, Value> out = new TreeMap<>();
                for (Map.Entry<String, Value> e : o.attributes().entrySet()) {
                    Optional<Value> c = el.convert(e.getValue());
                    if (c.isEmpty()) return Optional.empty();
                    out.put(e.getKey(), c.get());
                }
                return Optional.of(new ObjectValue(out));
            }
            case OBJECT: {
                if (!(v instanceof ObjectValue o)) return Optional.empty();
                if (!attributes.keySet().containsAll(o.attributes().keySet())) return Optional.empty();
                Map<String, Value> out = new TreeMap<>();
                for (Map.Entry<String, Attr> e : attributes.entrySet()) {
                    Value item = o.attributes().get(e.getKey());
                    if (item == null) {
                        if (!e.getValue().optional()) return Optional.empty();
                        out.put(e.getKey(), e.getValue().defaultValue().orElse(Value.NULL));
                        continue;
                    }
                    Optional<Value> c = e.getValue().type().convert(item);
                    if (c.isEmpty()) return Optional.empty();
                    out.put(e.getKey(), c.get());
                }
                return Optional.of(new ObjectValue(out));
            }
            default:
                return Optional.empty();
        }
    }
}
