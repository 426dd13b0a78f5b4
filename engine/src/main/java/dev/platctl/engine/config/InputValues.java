package dev.platctl.engine.config;

import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.Map;
import java.util.TreeMap;

/** The {@code input} object a request gives its module: parameters converted to their types, defaults, sensitive marks. */
public final class InputValues {
    private InputValues() {
    }

    public static ObjectValue of(RequestConfig r, ModuleConfig m) {
        Map<String, Value> in = new TreeMap<>();
        for (InputDecl d : m.inputs()) {
            Value v = r.parameters().containsKey(d.name())
                    ? d.type().convert(r.parameters().get(d.name())).orElse(Value.NULL)
                    : d.defaultValue().orElse(Value.NULL);
            in.put(d.name(), d.sensitive() ? v.sensitive() : v);
        }
        return new ObjectValue(in);
    }
}
