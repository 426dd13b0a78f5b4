package dev.platctl.engine.expr;

import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Functions over numbers: min, max, abs, ceil, floor. */
final class NumericFunctions {
    private NumericFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                FunctionDef.of("min(numbers...)", 1, FunctionDef.VARIADIC, a -> extreme(a, -1)),
                FunctionDef.of("max(numbers...)", 1, FunctionDef.VARIADIC, a -> extreme(a, 1)),
                FunctionDef.of("abs(num)", 1, 1, a -> Value.of(Args.number(a, 0, "num").abs())),
                FunctionDef.of("ceil(num)", 1, 1, a -> Value.of(Args.number(a, 0, "num").setScale(0, RoundingMode.CEILING))),
                FunctionDef.of("floor(num)", 1, 1, a -> Value.of(Args.number(a, 0, "num").setScale(0, RoundingMode.FLOOR))));
    }

    private static Value extreme(List<Value> a, int sign) {
        BigDecimal best = Args.number(a, 0, "numbers");
        for (int i = 1; i < a.size(); i++) {
            BigDecimal n = Args.number(a, i, "numbers");
            if (n.compareTo(best) * sign > 0) best = n;
        }
        return Value.of(best);
    }
}
