package dev.platctl.engine.value;

/** The absence of a value. */
public record NullValue() implements Value {
    public static final NullValue INSTANCE = new NullValue();

    @Override
    public String typeName() {
        return "null";
    }

    @Override
    public String toString() {
        return "null";
    }
}
