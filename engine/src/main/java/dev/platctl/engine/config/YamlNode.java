package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A YAML node with the position it came from, so request errors can point at file:line. */
public record YamlNode(Kind kind, Value scalar, Map<String, YamlNode> fields, List<YamlNode> items,
                       SourceRange range, SourceRange keyRange) {

    /** The shape of a node. */
    public enum Kind { SCALAR, MAPPING, SEQUENCE }

    public YamlNode {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        items = List.copyOf(items);
    }

    public Optional<YamlNode> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public boolean isMapping() {
        return kind == Kind.MAPPING;
    }

    /** The node as a plain value (mappings become objects, sequences lists). */
    public Value toValue() {
        return switch (kind) {
            case SCALAR -> scalar;
            case SEQUENCE -> {
                List<Value> out = new ArrayList<>(items.size());
                for (YamlNode n : items) out.add(n.toValue());
                yield new ListValue(out);
            }
            case MAPPING -> {
                Map<String, Value> out = new TreeMap<>();
                fields.forEach((k, n) -> out.put(k, n.toValue()));
                yield new ObjectValue(out);
            }
        };
    }

    /** What a person calls this kind of node in an error message. */
    public String describe() {
        return switch (kind) {
            case SCALAR -> scalar.isNull() ? "null" : scalar.typeName();
            case SEQUENCE -> "a list";
            case MAPPING -> "a mapping";
        };
    }
}
