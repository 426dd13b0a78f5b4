package dev.platctl.engine.value;

/** true or false. */
public record BoolValue(boolean value) implements Value {
    public static final BoolValue TRUE = new BoolValue(true);
    public static final BoolValue FALSE = new BoolValue(false);

    @Override
    public String typeName() {
        return "bool";
    }

    @Override
    public String toString() {
        return Boolean.toString(value);
    }
}
