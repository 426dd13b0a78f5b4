package dev.platctl.providers.builtin;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.Optional;

/** Typed, known attribute values of a resource, read through sensitive marks; empty when null or unknown. */
final class AttributeValues {
    private AttributeValues() {
    }

    static Optional<String> string(ObjectValue o, String name) {
        return o.getOrNull(name).unwrap() instanceof StringValue s ? Optional.of(s.value()) : Optional.empty();
    }

    static Optional<BigDecimal> number(ObjectValue o, String name) {
        return o.getOrNull(name).unwrap() instanceof NumberValue n ? Optional.of(n.value()) : Optional.empty();
    }

    static Optional<Boolean> bool(ObjectValue o, String name) {
        return o.getOrNull(name).unwrap() instanceof BoolValue b ? Optional.of(b.value()) : Optional.empty();
    }

    static String requireString(String type, ObjectValue o, String name) {
        return string(o, name).orElseThrow(() -> missing(type, name, "string"));
    }

    static int requireInt(String type, ObjectValue o, String name) {
        return number(o, name).map(BigDecimal::intValueExact).orElseThrow(() -> missing(type, name, "number"));
    }

    static boolean requireBool(String type, ObjectValue o, String name) {
        return bool(o, name).orElseThrow(() -> missing(type, name, "bool"));
    }

    /** Adds an error when the attribute is a known number that is not a whole number of at least {@code min}. */
    static void checkWholeNumber(String type, ObjectValue o, String name, int min, Diagnostics diags) {
        Optional<BigDecimal> n = number(o, name);
        if (n.isEmpty()) return;
        boolean whole = n.get().scale() <= 0 && n.get().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
        if (!whole || n.get().compareTo(BigDecimal.valueOf(min)) < 0)
            diags.add(Diagnostic.error("Invalid value for \"" + name + "\"",
                    type + "." + name + " must be a whole number of at least " + min + ", got " + n.get().toPlainString() + "."));
    }

    /** The value marked sensitive when {@code like} is. */
    static Value markedLike(Value like, Value value) {
        return like.containsSensitive() && !value.isNull() ? value.sensitive() : value;
    }

    private static ProviderException missing(String type, String name, String kind) {
        return new ProviderException("cannot use " + type + ": attribute \"" + name + "\" is not a known " + kind);
    }
}
