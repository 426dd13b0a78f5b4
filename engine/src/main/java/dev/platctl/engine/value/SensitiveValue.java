package dev.platctl.engine.value;

import java.util.Objects;

/** A value that must never be printed; operations on it give sensitive results. */
public record SensitiveValue(Value value) implements Value {
    public SensitiveValue {
        Objects.requireNonNull(value, "value");
        if (value instanceof SensitiveValue s) value = s.value;
    }

    @Override
    public String typeName() {
        return value.typeName();
    }

    @Override
    public boolean isNull() {
        return value.isNull();
    }

    @Override
    public boolean isWhollyKnown() {
        return value.isWhollyKnown();
    }

    @Override
    public boolean containsSensitive() {
        return true;
    }

    @Override
    public Value unmarked() {
        return value.unmarked();
    }

    @Override
    public Value unwrap() {
        return value;
    }

    @Override
    public Value sensitive() {
        return this;
    }

    @Override
    public String toString() {
        return "(sensitive value)";
    }
}
