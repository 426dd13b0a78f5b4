package dev.platctl.engine.value;

import java.math.BigDecimal;
import java.util.Objects;

/** An arbitrary-precision number; equal numbers are equal regardless of scale ({@code 1.0 == 1}). */
public record NumberValue(BigDecimal value) implements Value {
    public NumberValue {
        Objects.requireNonNull(value, "value");
        value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (value.scale() < 0) value = value.setScale(0);
    }

    @Override
    public String typeName() {
        return "number";
    }

    public boolean isInteger() {
        return value.scale() <= 0;
    }

    /** The canonical text form: plain digits, no exponent, no trailing zeros. */
    public String text() {
        return value.toPlainString();
    }

    @Override
    public String toString() {
        return text();
    }
}
