package dev.platctl.providers.kubernetes;

import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

/** Reads one field of a typed resource's {@code spec} attribute, to find changes that force replacement. */
final class SpecFields {
    private SpecFields() {
    }

    /** The field as the attributes set it, or null when the spec or the field is not set. */
    static Value get(ObjectValue attributes, String key) {
        return attributes.getOrNull("spec").unmarked() instanceof ObjectValue spec ? spec.getOrNull(key).unmarked() : Value.NULL;
    }

    /** Whether a known planned value of the field differs from the prior one. */
    static boolean changed(ObjectValue prior, ObjectValue planned, String key) {
        Value now = get(planned, key);
        return now.isWhollyKnown() && !now.equals(get(prior, key));
    }
}
