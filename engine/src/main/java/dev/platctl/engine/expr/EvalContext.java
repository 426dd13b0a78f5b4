package dev.platctl.engine.expr;

import dev.platctl.engine.value.Value;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The names an expression may refer to and the functions it may call. Immutable; {@link #withVariables}
 * makes a child scope that shares its parent instead of copying it, so for-expressions stay cheap.
 */
public final class EvalContext {
    private final Map<String, Value> own;
    private final Functions functions;
    private final EvalContext parent;

    public EvalContext(Map<String, Value> variables, Functions functions) {
        this(Map.copyOf(variables), functions, null);
    }

    private EvalContext(Map<String, Value> own, Functions functions, EvalContext parent) {
        this.own = own;
        this.functions = functions;
        this.parent = parent;
    }

    /** A child scope: {@code more} shadows this context's names of the same name. */
    public EvalContext withVariables(Map<String, Value> more) {
        return new EvalContext(Map.copyOf(more), functions, this);
    }

    /** Every visible name, child scopes shadowing their parents, sorted by name. */
    public Map<String, Value> variables() {
        TreeMap<String, Value> all = parent == null ? new TreeMap<>() : new TreeMap<>(parent.variables());
        all.putAll(own);
        return java.util.Collections.unmodifiableMap(all);
    }

    public Functions functions() {
        return functions;
    }

    /** The value of {@code name} in this scope or the nearest enclosing one that defines it. */
    public Optional<Value> lookup(String name) {
        for (EvalContext c = this; c != null; c = c.parent) {
            Value v = c.own.get(name);
            if (v != null) return Optional.of(v);
        }
        return Optional.empty();
    }
}
