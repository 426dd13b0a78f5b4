package dev.platctl.engine.value;

/** A value that will only be known after apply ("known after apply"). */
public record UnknownValue() implements Value {
    public static final UnknownValue INSTANCE = new UnknownValue();

    @Override
    public String typeName() {
        return "unknown";
    }

    @Override
    public boolean isWhollyKnown() {
        return false;
    }

    @Override
    public String toString() {
        return "(known after apply)";
    }
}
