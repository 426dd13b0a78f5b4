package dev.platctl.engine.expr;

import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NullValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Functions over lists and maps: length, lookup, merge, concat, coalesce, contains, keys, values, element, range. */
final class CollectionFunctions {
    private static final int MAX_RANGE = 1024 * 1024;

    private CollectionFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                FunctionDef.of("length(value)", 1, 1, CollectionFunctions::length).acceptingUnknown(),
                FunctionDef.of("lookup(map, key, default)", 2, 3, CollectionFunctions::lookup),
                FunctionDef.of("merge(maps...)", 0, FunctionDef.VARIADIC, CollectionFunctions::merge),
                FunctionDef.of("concat(lists...)", 0, FunctionDef.VARIADIC, CollectionFunctions::concat),
                FunctionDef.of("coalesce(values...)", 1, FunctionDef.VARIADIC, CollectionFunctions::coalesce),
                FunctionDef.of("contains(list, value)", 2, 2, a -> {
                    for (Value v : Args.list(a, 0, "list")) if (Equality.equal(v, a.get(1))) return Value.TRUE;
                    return Value.FALSE;
                }),
                FunctionDef.of("keys(map)", 1, 1, a -> {
                    List<Value> out = new ArrayList<>();
                    for (String k : Args.object(a, 0, "map").attributes().keySet()) out.add(new StringValue(k));
                    return new ListValue(out);
                }),
                FunctionDef.of("values(map)", 1, 1,
                        a -> new ListValue(new ArrayList<>(Args.object(a, 0, "map").attributes().values()))),
                FunctionDef.of("element(list, index)", 2, 2, CollectionFunctions::element),
                FunctionDef.of("range(start, limit, step)", 1, 3, CollectionFunctions::range));
    }

    private static Value length(List<Value> a) {
        Value v = a.get(0);
        if (v instanceof UnknownValue) return Value.UNKNOWN;
        if (v instanceof ListValue l) return Value.of(l.size());
        if (v instanceof ObjectValue o) return Value.of(o.attributes().size());
        if (v instanceof StringValue s) return Value.of(s.value().codePointCount(0, s.value().length()));
        throw Args.wrong("value", "a string, list or map", v);
    }

    private static Value lookup(List<Value> a) {
        ObjectValue m = Args.object(a, 0, "map");
        String key = Args.string(a, 1, "key");
        Value v = m.attributes().get(key);
        if (v != null) return v;
        if (a.size() == 3) return a.get(2);
        throw new FunctionException("the map has no element for the key \"" + key + "\" and no default was given");
    }

    private static Value merge(List<Value> a) {
        Map<String, Value> out = new TreeMap<>();
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) instanceof NullValue) continue;
            out.putAll(Args.object(a, i, "maps").attributes());
        }
        return new ObjectValue(out);
    }

    private static Value concat(List<Value> a) {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) out.addAll(Args.list(a, i, "lists"));
        return new ListValue(out);
    }

    private static Value coalesce(List<Value> a) {
        for (Value v : a) {
            if (v instanceof NullValue) continue;
            if (v instanceof StringValue s && s.value().isEmpty()) continue;
            return v;
        }
        throw new FunctionException("no non-null, non-empty argument");
    }

    private static Value element(List<Value> a) {
        List<Value> l = Args.list(a, 0, "list");
        int i = Args.integer(a, 1, "index");
        if (l.isEmpty()) throw new FunctionException("cannot use element on an empty list");
        if (i < 0) throw new FunctionException("index must not be negative, got " + i);
        return l.get(i % l.size());
    }

    private static Value range(List<Value> a) {
        BigDecimal start = a.size() == 1 ? BigDecimal.ZERO : Args.number(a, 0, "start");
        BigDecimal limit = Args.number(a, a.size() == 1 ? 0 : 1, "limit");
        BigDecimal step = a.size() == 3 ? Args.number(a, 2, "step")
                : BigDecimal.valueOf(start.compareTo(limit) <= 0 ? 1 : -1);
        if (step.signum() == 0) throw new FunctionException("step must not be zero");
        List<Value> out = new ArrayList<>();
        for (BigDecimal v = start; step.signum() > 0 ? v.compareTo(limit) < 0 : v.compareTo(limit) > 0; v = v.add(step)) {
            if (out.size() == MAX_RANGE) throw new FunctionException("more than " + MAX_RANGE + " elements requested");
            out.add(Value.of(v));
        }
        return new ListValue(out);
    }
}
