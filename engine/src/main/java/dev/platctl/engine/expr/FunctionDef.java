package dev.platctl.engine.expr;

import dev.platctl.engine.value.Value;

import java.util.List;

/**
 * One callable function: its name, a signature for messages ({@code substr(str, offset, length)}), how
 * many arguments it takes, and whether it wants to see unknown arguments instead of yielding unknown.
 */
public record FunctionDef(String name, String signature, int minArgs, int maxArgs, boolean acceptsUnknown,
                          Body body) {
    /** Marks the maximum of a function that takes any number of trailing arguments. */
    public static final int VARIADIC = Integer.MAX_VALUE;

    /** Computes the result from arguments without sensitive marks; throws {@link FunctionException} on bad input. */
    @FunctionalInterface
    public interface Body {
        Value call(List<Value> args);
    }

    public static FunctionDef of(String signature, int minArgs, int maxArgs, Body body) {
        return new FunctionDef(signature.substring(0, signature.indexOf('(')), signature, minArgs, maxArgs, false, body);
    }

    public FunctionDef acceptingUnknown() {
        return new FunctionDef(name, signature, minArgs, maxArgs, true, body);
    }

    /** "1 argument", "2 to 3 arguments", "at least 1 argument". */
    String arity() {
        if (maxArgs == VARIADIC) return "at least " + plural(minArgs);
        if (minArgs == maxArgs) return plural(minArgs);
        return minArgs + " to " + plural(maxArgs);
    }

    private static String plural(int n) {
        return n + (n == 1 ? " argument" : " arguments");
    }
}
