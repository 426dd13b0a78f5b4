package dev.platctl.engine.expr;

import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.Map;

/** Deep equality of known, unmarked values as {@code ==} sees it: different types are never equal. */
public final class Equality {
    private Equality() {
    }

    public static boolean equal(Value a, Value b) {
        a = a.unwrap();
        b = b.unwrap();
        if (a instanceof NumberValue x && b instanceof NumberValue y) return x.value().compareTo(y.value()) == 0;
        if (a instanceof ListValue x && b instanceof ListValue y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!equal(x.items().get(i), y.items().get(i))) return false;
            return true;
        }
        if (a instanceof ObjectValue x && b instanceof ObjectValue y) {
            if (!x.attributes().keySet().equals(y.attributes().keySet())) return false;
            for (Map.Entry<String, Value> e : x.attributes().entrySet())
                if (!equal(e.getValue(), y.attributes().get(e.getKey()))) return false;
            return true;
        }
        return a.equals(b);
    }
}
