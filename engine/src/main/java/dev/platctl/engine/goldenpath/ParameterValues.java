package dev.platctl.engine.goldenpath;

import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Turns what a person typed ({@code --set k=v}, a prompt answer) into typed parameter values, and fills in defaults. */
public final class ParameterValues {
    private ParameterValues() {
    }

    /**
     * Reads text as the parameter's declared type; text that does not parse stays a string, so the schema
     * check reports the type error with the field's name.
     */
    public static Value parse(Template template, String name, String text) {
        String type = template.parameter(name).map(TemplateParameter::type).orElse("string");
        switch (type) {
            case "integer", "number" -> {
                try {
                    return new NumberValue(new BigDecimal(text.trim()));
                } catch (NumberFormatException e) {
                    return Value.of(text);
                }
            }
            case "boolean" -> {
                String t = text.trim().toLowerCase();
                if (t.equals("true") || t.equals("yes")) return Value.TRUE;
                if (t.equals("false") || t.equals("no")) return Value.FALSE;
                return Value.of(text);
            }
            case "array" -> {
                return new ListValue(Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Value::of).toList());
            }
            default -> {
                return Value.of(text);
            }
        }
    }

    /** The given values plus every default the template declares for a parameter not given. */
    public static ObjectValue withDefaults(Template template, Map<String, Value> given) {
        Map<String, Value> out = new TreeMap<>(given);
        for (TemplateParameter p : template.parameters())
            if (!out.containsKey(p.name())) p.defaultValue().ifPresent(v -> out.put(p.name(), v));
        return new ObjectValue(out);
    }
}
