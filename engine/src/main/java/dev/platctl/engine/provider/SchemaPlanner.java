package dev.platctl.engine.provider;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The planning every provider needs from its schema alone: validates the configuration, fills in every
 * attribute (unknown, carried over or null) and finds the changed attributes that force replacement.
 */
public final class SchemaPlanner {
    private final ResourceSchema schema;

    public SchemaPlanner(ResourceSchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    public ResourceSchema schema() {
        return schema;
    }

    /**
     * The configuration with each attribute it leaves absent or null set to its default, so that a
     * default is compared with the prior state like any value the user wrote.
     */
    public static ObjectValue withDefaults(ObjectValue proposed, Map<String, ? extends Value> defaults) {
        Map<String, Value> out = new TreeMap<>(proposed.attributes());
        defaults.forEach((name, value) -> {
            if (proposed.getOrNull(name).isNull()) out.put(name, value);
        });
        return new ObjectValue(out);
    }

    /** Problems with the configuration: unknown or computed attributes set, required ones missing, wrong types. */
    public Diagnostics validate(ObjectValue proposed) {
        Diagnostics diags = new Diagnostics();
        proposed.attributes().forEach((name, value) -> {
            Optional<AttributeSchema> attr = schema.attribute(name);
            if (attr.isEmpty()) {
                diags.add(Diagnostic.error("Unsupported attribute \"" + name + "\"",
                        "resource type " + schema.type() + " has no attribute \"" + name + "\"; it accepts "
                                + settableNames() + "."));
            } else if (!attr.get().settable() && !value.isNull()) {
                diags.add(Diagnostic.error("Cannot set computed attribute \"" + name + "\"",
                        schema.type() + "." + name + " is set by the provider, not by the configuration."));
            } else if (!hasType(value, attr.get().type())) {
                diags.add(Diagnostic.error("Incorrect attribute type for \"" + name + "\"",
                        schema.type() + "." + name + " must be " + attr.get().type().displayName()
                                + ", got " + value.unmarked().typeName() + "."));
            }
        });
        for (AttributeSchema a : schema.attributes())
            if (a.required() && proposed.getOrNull(a.name()).isNull())
                diags.add(Diagnostic.error("Missing required attribute \"" + a.name() + "\"",
                        "resource type " + schema.type() + " requires \"" + a.name() + "\"."));
        return diags;
    }

    /**
     * Plans from the schema alone: attributes the configuration sets are taken as proposed; computed ones
     * it leaves unset are unknown on create and on replacement and carried over from the prior state on
     * update; optional ones it leaves unset are null. Sensitive attributes come back marked sensitive.
     */
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        Diagnostics diags = validate(proposed);
        Map<String, Value> planned = new TreeMap<>();
        for (AttributeSchema a : schema.attributes()) {
            Value p = proposed.getOrNull(a.name());
            if (a.settable() && !p.isNull()) planned.put(a.name(), p);
            else if (!a.computed()) planned.put(a.name(), Value.NULL);
        }
        Set<AttributePath> replace = new TreeSet<>();
        prior.ifPresent(before -> {
            for (AttributeSchema a : schema.attributes()) {
                Value after = planned.get(a.name());
                if (a.forceNew() && after != null && differs(before.getOrNull(a.name()), after))
                    replace.add(AttributePath.of(a.name()));
            }
        });
        for (AttributeSchema a : schema.attributes()) {
            if (planned.containsKey(a.name())) continue;
            Value carried = prior.isPresent() && replace.isEmpty()
                    ? prior.get().get(a.name()).orElse(Value.UNKNOWN)
                    : Value.UNKNOWN;
            planned.put(a.name(), carried);
        }
        for (AttributeSchema a : schema.attributes()) {
            Value v = planned.get(a.name());
            if (a.sensitive() && !v.isNull()) planned.put(a.name(), v.sensitive());
        }
        return new PlanResult(new ObjectValue(planned), replace, diags);
    }

    /** Whether a planned value changes the prior one; a value not yet wholly known may. */
    private static boolean differs(Value before, Value after) {
        if (!after.isWhollyKnown()) return true;
        return !before.unmarked().equals(after.unmarked());
    }

    private static boolean hasType(Value value, AttributeType type) {
        Value v = value.unwrap();
        if (v.isNull() || v instanceof UnknownValue) return true;
        return switch (type) {
            case STRING -> v instanceof StringValue;
            case NUMBER -> v instanceof NumberValue;
            case BOOL -> v instanceof BoolValue;
            case LIST -> v instanceof ListValue;
            case MAP, OBJECT -> v instanceof ObjectValue;
            case ANY -> true;
        };
    }

    private String settableNames() {
        return schema.attributes().stream().filter(AttributeSchema::settable).map(AttributeSchema::name)
                .sorted().collect(Collectors.joining(", "));
    }
}
