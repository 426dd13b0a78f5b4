package dev.platctl.engine.value;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A configuration or resource value. Unknown values stand for what is only known after apply;
 * sensitive values are wrapped so that every renderer can hide them.
 */
public sealed interface Value
        permits NullValue, StringValue, NumberValue, BoolValue, ListValue, ObjectValue, UnknownValue, SensitiveValue {

    Value NULL = NullValue.INSTANCE;
    Value UNKNOWN = UnknownValue.INSTANCE;
    Value TRUE = BoolValue.TRUE;
    Value FALSE = BoolValue.FALSE;

    static Value of(String s) {
        return s == null ? NULL : new StringValue(s);
    }

    static Value of(long n) {
        return new NumberValue(BigDecimal.valueOf(n));
    }

    static Value of(BigDecimal n) {
        return n == null ? NULL : new NumberValue(n);
    }

    static Value of(boolean b) {
        return b ? BoolValue.TRUE : BoolValue.FALSE;
    }

    static ListValue list(List<? extends Value> items) {
        return new ListValue(List.copyOf(items));
    }

    static ObjectValue object(Map<String, ? extends Value> attrs) {
        return new ObjectValue(new java.util.TreeMap<String, Value>(attrs));
    }

    /** A short type name for messages: string, number, bool, list, object, null, unknown. */
    String typeName();

    default boolean isNull() {
        return this instanceof NullValue;
    }

    /** True when this value and everything inside it is known. */
    default boolean isWhollyKnown() {
        return true;
    }

    /** True when this value or anything inside it is sensitive. */
    default boolean containsSensitive() {
        return false;
    }

    /** This value with every sensitive mark removed (deeply). */
    default Value unmarked() {
        return this;
    }

    /** This value with its top-level sensitive mark removed. */
    default Value unwrap() {
        return this;
    }

    /** Marks this value sensitive. */
    default Value sensitive() {
        return new SensitiveValue(this);
    }
}
