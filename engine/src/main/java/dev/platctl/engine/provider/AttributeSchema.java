package dev.platctl.engine.provider;

import java.util.Objects;

/**
 * One attribute of a resource type. {@code required}: the configuration must set it; {@code optional}:
 * it may; {@code computed}: the provider sets it (when also optional, only if the configuration does
 * not); {@code sensitive}: never printed; {@code forceNew}: changing it replaces the resource.
 */
public record AttributeSchema(String name, AttributeType type, String description, boolean required,
                              boolean optional, boolean computed, boolean sensitive, boolean forceNew) {
    public AttributeSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        if (required && (optional || computed))
            throw new IllegalArgumentException("attribute " + name + ": required excludes optional and computed");
        if (!required && !optional && !computed)
            throw new IllegalArgumentException("attribute " + name + ": must be required, optional or computed");
    }

    public static AttributeSchema required(String name, AttributeType type, String description) {
        return new AttributeSchema(name, type, description, true, false, false, false, false);
    }

    public static AttributeSchema optional(String name, AttributeType type, String description) {
        return new AttributeSchema(name, type, description, false, true, false, false, false);
    }

    public static AttributeSchema computed(String name, AttributeType type, String description) {
        return new AttributeSchema(name, type, description, false, false, true, false, false);
    }

    public AttributeSchema asSensitive() {
        return new AttributeSchema(name, type, description, required, optional, computed, true, forceNew);
    }

    public AttributeSchema asForceNew() {
        return new AttributeSchema(name, type, description, required, optional, computed, sensitive, true);
    }

    /** Optional and computed: the provider fills it in when the configuration leaves it unset. */
    public AttributeSchema asOptionalComputed() {
        return new AttributeSchema(name, type, description, false, true, true, sensitive, forceNew);
    }

    /** Whether the configuration may set it. */
    public boolean settable() {
        return required || optional;
    }
}
