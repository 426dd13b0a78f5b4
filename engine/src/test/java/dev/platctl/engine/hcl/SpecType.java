package dev.platctl.engine.hcl;

import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NullValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cty type written as an HCL type expression ({@code map(string)}, {@code object({a = bool})}) in the spec suite. */
record SpecType(String kind, Optional<SpecType> element, Map<String, SpecType> attributes) {
    static SpecType parse(Expression e) {
        if (e instanceof Expression.ScopeTraversal s) return new SpecType(s.traversal().rootName(), Optional.empty(), Map.of());
        if (e instanceof Expression.FunctionCall f && f.args().size() == 1) {
            Expression arg = f.args().get(0);
            if (f.name().equals("object")) {
                Map<String, SpecType> attrs = new LinkedHashMap<>();
                for (Expression.ObjectCons.Item i : ((Expression.ObjectCons) arg).items()) {
                    attrs.put(((StringValue) ((Expression.Literal) i.key()).value()).value(), parse(i.value()));
                }
                return new SpecType("object", Optional.empty(), attrs);
            }
            return new SpecType(f.name(), Optional.of(parse(arg)), Map.of());
        }
        throw new IllegalArgumentException("unsupported type expression " + e);
    }

    /** {@code v} converted to this type, or empty when it cannot be. */
    Optional<Value> convert(Value v) {
        if (v instanceof NullValue || v instanceof UnknownValue || kind.equals("any")) return Optional.of(v);
        switch (kind) {
            case "string" -> {
                if (v instanceof StringValue) return Optional.of(v);
                if (v instanceof NumberValue n) return Optional.of(new StringValue(n.text()));
                if (v instanceof BoolValue b) return Optional.of(new StringValue(Boolean.toString(b.value())));
                return Optional.empty();
            }
            case "number" -> {
                if (v instanceof NumberValue) return Optional.of(v);
                if (v instanceof StringValue s) {
                    try {
                        return Optional.of(new NumberValue(new BigDecimal(s.value())));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
                return Optional.empty();
            }
            case "bool" -> {
                if (v instanceof BoolValue) return Optional.of(v);
                if (v instanceof StringValue s && (s.value().equals("true") || s.value().equals("false")))
                    return Optional.of(Value.of(Boolean.parseBoolean(s.value())));
                return Optional.empty();
            }
            case "list", "set" -> {
                if (!(v instanceof ListValue l)) return Optional.empty();
                List<Value> out = new ArrayList<>();
                for (Value item : l.items()) {
                    Optional<Value> c = element.orElseThrow().convert(item);
                    if (c.isEmpty()) return Optional.empty();
                    out.add(c.get());
                }
                return Optional.of(new ListValue(out));
            }
            case "map", "object" -> {
                if (!(v instanceof ObjectValue o)) return Optional.empty();
                if (kind.equals("object") && !attributes.keySet().equals(o.attributes().keySet())) return Optional.empty();
                Map<String, Value> out = new LinkedHashMap<>();
                for (Map.Entry<String, Value> a : o.attributes().entrySet()) {
                    SpecType t = kind.equals("map") ? element.orElseThrow() : attributes.get(a.getKey());
                    Optional<Value> c = t.convert(a.getValue());
                    if (c.isEmpty()) return Optional.empty();
                    out.put(a.getKey(), c.get());
                }
                return Optional.of(new ObjectValue(out));
            }
            default -> throw new IllegalArgumentException("unsupported type " + kind);
        }
    }

    /** True when {@code v} already has this type (null fits every type). */
    boolean conforms(Value v) {
        if (v instanceof NullValue || kind.equals("any")) return true;
        return switch (kind) {
            case "string" -> v instanceof StringValue;
            case "number" -> v instanceof NumberValue;
            case "bool" -> v instanceof BoolValue;
            case "list", "set" -> v instanceof ListValue l && l.items().stream().allMatch(i -> element.orElseThrow().conforms(i));
            case "map" -> v instanceof ObjectValue o
                    && o.attributes().values().stream().allMatch(i -> element.orElseThrow().conforms(i));
            case "object" -> v instanceof ObjectValue o && o.attributes().keySet().equals(attributes.keySet())
                    && attributes.entrySet().stream().allMatch(a -> a.getValue().conforms(o.attributes().get(a.getKey())));
            default -> false;
        };
    }
}
