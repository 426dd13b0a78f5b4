package dev.platctl.engine.value;

import java.util.Objects;

/** A string. */
public record StringValue(String value) implements Value {
    public StringValue {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String toString() {
        return '"' + value + '"';
    }
}
