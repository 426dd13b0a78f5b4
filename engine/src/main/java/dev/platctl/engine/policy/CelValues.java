package dev.platctl.engine.policy;

import dev.cel.runtime.CelAttribute;
import dev.cel.runtime.CelAttributePattern;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NullValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns platctl values into the Java objects CEL evaluates: strings, {@code long} or {@code double}
 * numbers, booleans, CEL's null, lists and maps. Sensitive values are unwrapped (rules may check them;
 * their messages never show them); each unknown value becomes an attribute pattern, so a condition that
 * reads it evaluates to "unknown" instead of a guess.
 */
final class CelValues {
    private CelValues() {
    }

    /** {@code v} as a CEL value; the path of every unknown inside it is added to {@code unknowns}. */
    static Object toCel(Value v, CelAttributePattern path, List<CelAttributePattern> unknowns) {
        if (v instanceof SensitiveValue s) return toCel(s.value(), path, unknowns);
        if (v instanceof UnknownValue) {
            unknowns.add(path);
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        if (v instanceof NullValue) return dev.cel.common.values.NullValue.NULL_VALUE;
        if (v instanceof StringValue s) return s.value();
        if (v instanceof BoolValue b) return b.value();
        if (v instanceof NumberValue n) return number(n.value());
        if (v instanceof ListValue l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++)
                out.add(toCel(l.items().get(i), path.qualify(CelAttribute.Qualifier.ofInt(i)), unknowns));
            return out;
        }
        ObjectValue o = (ObjectValue) v;
        Map<String, Object> out = new LinkedHashMap<>();
        o.attributes().forEach((k, x) -> out.put(k, toCel(x, path.qualify(CelAttribute.Qualifier.ofString(k)), unknowns)));
        return out;
    }

    private static Object number(BigDecimal n) {
        if (n.scale() <= 0 && n.toBigInteger().bitLength() < 64) return n.longValueExact();
        return n.doubleValue();
    }
}
