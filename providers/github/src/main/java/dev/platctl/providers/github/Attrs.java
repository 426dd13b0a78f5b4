package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Optional;
import java.util.TreeSet;

/** Typed, known attribute values of a resource, read through sensitive marks; empty when null or unknown. */
final class Attrs {
    private Attrs() {
    }

    static Optional<String> string(ObjectValue o, String name) {
        return o.getOrNull(name).unwrap() instanceof StringValue s ? Optional.of(s.value()) : Optional.empty();
    }

    static Optional<Long> number(ObjectValue o, String name) {
        return o.getOrNull(name).unwrap() instanceof NumberValue n && n.isInteger()
                ? Optional.of(n.value().longValueExact()) : Optional.empty();
    }

    static Optional<Boolean> bool(ObjectValue o, String name) {
        return o.getOrNull(name).unwrap() instanceof BoolValue b ? Optional.of(b.value()) : Optional.empty();
    }

    /** The strings of a list attribute, in order; empty when null or unknown. */
    static List<String> strings(ObjectValue o, String name) {
        List<String> out = new ArrayList<>();
        if (o.getOrNull(name).unmarked() instanceof ListValue l)
            for (Value v : l.items()) if (v instanceof StringValue s) out.add(s.value());
        return out;
    }

    /** The whole numbers of a list attribute; empty when null or unknown. */
    static List<Long> numbers(ObjectValue o, String name) {
        List<Long> out = new ArrayList<>();
        if (o.getOrNull(name).unmarked() instanceof ListValue l)
            for (Value v : l.items()) if (v instanceof NumberValue n && n.isInteger()) out.add(n.value().longValueExact());
        return out;
    }

    static String requireString(String type, ObjectValue o, String name) {
        return string(o, name).orElseThrow(() -> ProviderException.of(
                "use", type, null, "attribute \"" + name + "\" is not a known string", false, null));
    }

    /** A known list of strings, sorted and without duplicates, so that order written in a module is not a change. */
    static Value sortedStrings(Value v) {
        if (!(v.unwrap() instanceof ListValue l) || !l.isWhollyKnown()) return v;
        TreeSet<String> set = new TreeSet<>();
        for (Value x : l.items()) {
            if (!(x.unwrap() instanceof StringValue s)) return v;
            set.add(s.value());
        }
        return Value.list(set.stream().map(Value::of).toList());
    }

    /** A known list of whole numbers, sorted and without duplicates. */
    static Value sortedNumbers(Value v) {
        if (!(v.unwrap() instanceof ListValue l) || !l.isWhollyKnown()) return v;
        TreeSet<BigDecimal> set = new TreeSet<>();
        for (Value x : l.items()) {
            if (!(x.unwrap() instanceof NumberValue n)) return v;
            set.add(n.value());
        }
        return Value.list(set.stream().map(Value::of).toList());
    }

    static Value text(JsonNode node, String field) {
        JsonNode n = node.path(field);
        return n.isNull() || n.isMissingNode() ? Value.NULL : Value.of(n.asText());
    }

    static Value strings(JsonNode array) {
        TreeSet<String> set = new TreeSet<>();
        array.forEach(n -> set.add(n.asText()));
        return Value.list(set.stream().map(Value::of).toList());
    }

    static Value numbers(List<Long> ids) {
        return Value.list(new TreeSet<>(ids).stream().map(Value::of).toList());
    }
}
