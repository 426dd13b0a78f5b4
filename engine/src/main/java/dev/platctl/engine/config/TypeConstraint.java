package dev.platctl.engine.config;

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

/** The declared type of a module input: {@code string}, {@code number}, {@code bool}, {@code any}, {@code list(T)}, {@code map(T)}. */
public record TypeConstraint(Kind kind, Optional<TypeConstraint> element) {

    /** The type's outer kind. */
    public enum Kind { STRING, NUMBER, BOOL, ANY, LIST, MAP }

    public static final TypeConstraint STRING = new TypeConstraint(Kind.STRING, Optional.empty());
    public static final TypeConstraint NUMBER = new TypeConstraint(Kind.NUMBER, Optional.empty());
    public static final TypeConstraint BOOL = new TypeConstraint(Kind.BOOL, Optional.empty());
    public static final TypeConstraint ANY = new TypeConstraint(Kind.ANY, Optional.empty());

    @Override
    public String toString() {
        return switch (kind) {
            case LIST, MAP -> kind.name().toLowerCase() + "(" + element.orElse(ANY) + ")";
            default -> kind.name().toLowerCase();
        };
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
            default:
                return Optional.empty();
        }
    }
}
