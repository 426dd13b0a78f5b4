package dev.platctl.engine.expr;

import dev.platctl.engine.value.NullValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.List;

/** Functions converting between primitive types: tostring, tonumber, tobool. */
final class ConversionFunctions {
    private ConversionFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                FunctionDef.of("tostring(value)", 1, 1, a -> a.get(0) instanceof NullValue ? Value.NULL
                        : new StringValue(Args.string(a, 0, "value"))),
                FunctionDef.of("tonumber(value)", 1, 1, a -> a.get(0) instanceof NullValue ? Value.NULL
                        : Value.of(Args.number(a, 0, "value"))),
                FunctionDef.of("tobool(value)", 1, 1, a -> a.get(0) instanceof NullValue ? Value.NULL
                        : Value.of(Args.bool(a, 0, "value"))));
    }
}
