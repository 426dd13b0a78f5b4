package dev.platctl.engine.expr;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.hcl.Traversal;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NullValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates HCL expressions to values, cty-style: unknown values propagate, sensitive values mark what is
 * computed from them, and every error is a diagnostic at the expression with an unknown result.
 */
public final class Evaluator {
    private final Diagnostics diags;
    private final Operations operations;
    private final Traversals traversals;
    private final Calls calls;

    private Evaluator(Diagnostics diags) {
        this.diags = diags;
        this.operations = new Operations(diags);
        this.traversals = new Traversals(diags);
        this.calls = new Calls(this, diags);
    }

    /** The value of {@code e}; on error a diagnostic is added and {@link Value#UNKNOWN} returned. */
    public static Value evaluate(Expression e, EvalContext ctx, Diagnostics diags) {
        return new Evaluator(diags).eval(e, ctx);
    }

    /** Every variable {@code e} refers to, in source order, leaving out names its for-expressions and splats bind. */
    public static List<Traversal> references(Expression e) {
        return References.of(e);
    }

    Value eval(Expression e, EvalContext ctx) {
        if (e instanceof Expression.Literal l) return l.value();
        if (e instanceof Expression.Template t) return template(t, ctx);
        if (e instanceof Expression.TemplateWrap w) return eval(w.wrapped(), ctx);
        if (e instanceof Expression.ScopeTraversal s) return traversals.scope(s.traversal(), ctx);
        if (e instanceof Expression.RelativeTraversal r) {
            return traversals.apply(eval(r.source(), ctx), r.steps(), "The value");
        }
        if (e instanceof Expression.Index ix) {
            return traversals.index(eval(ix.collection(), ctx), eval(ix.key(), ctx), "The collection", ix.key().range());
        }
        if (e instanceof Expression.FunctionCall f) return calls.call(f, ctx);
        if (e instanceof Expression.Tuple t) {
            List<Value> items = new ArrayList<>(t.items().size());
            for (Expression item : t.items()) items.add(eval(item, ctx));
            return new ListValue(items);
        }
        if (e instanceof Expression.ObjectCons o) return object(o, ctx);
        if (e instanceof Expression.BinaryOp b) {
            return operations.binary(b.op(), eval(b.left(), ctx), eval(b.right(), ctx), b.left().range(),
                    b.right().range(), b.range());
        }
        if (e instanceof Expression.UnaryOp u) return operations.unary(u.op(), eval(u.operand(), ctx), u.operand().range());
        if (e instanceof Expression.Conditional c) return conditional(c, ctx);
        if (e instanceof Expression.Parentheses p) return eval(p.inner(), ctx);
        if (e instanceof Expression.For f) return new ForEvaluator(this, diags).evaluate(f, ctx);
        return splat((Expression.Splat) e, ctx);
    }

    private Value template(Expression.Template t, EvalContext ctx) {
        StringBuilder sb = new StringBuilder();
        boolean unknown = false, sensitive = false, failed = false;
        for (Expression part : t.parts()) {
            Value v = eval(part, ctx);
            sensitive |= v.containsSensitive();
            v = v.unmarked();
            if (!v.isWhollyKnown()) {
                unknown = true;
                continue;
            }
            if (part instanceof Expression.For && v instanceof ListValue l) {
                for (Value item : l.items()) failed |= !append(sb, item, part);
            } else {
                failed |= !append(sb, v, part);
            }
        }
        if (failed) return Value.UNKNOWN;
        return Operations.mark(unknown ? Value.UNKNOWN : new StringValue(sb.toString()), sensitive);
    }

    private boolean append(StringBuilder sb, Value v, Expression part) {
        Optional<String> s = Args.asString(v);
        if (s.isPresent()) {
            sb.append(s.get());
            return true;
        }
        if (v instanceof NullValue) {
            diags.error("Invalid template interpolation value", "The expression result is null; a null value "
                    + "cannot be included in a string template.", part.range());
        } else {
            diags.error("Invalid template interpolation value", "Cannot include " + Args.describe(v)
                    + " in a string template: a string, number or bool is required.", part.range());
        }
        return false;
    }

    private Value object(Expression.ObjectCons o, EvalContext ctx) {
        Map<String, Value> out = new LinkedHashMap<>();
        boolean unknown = false, sensitive = false;
        for (Expression.ObjectCons.Item item : o.items()) {
            Value k = eval(item.key(), ctx);
            Value v = eval(item.value(), ctx);
            sensitive |= k.containsSensitive();
            k = k.unmarked();
            if (k instanceof UnknownValue) {
                unknown = true;
                continue;
            }
            Optional<String> key = Args.asString(k);
            if (key.isEmpty()) {
                diags.error("Invalid object key", "An object key must be a string, got " + Args.describe(k) + ".",
                        item.key().range());
                unknown = true;
                continue;
            }
            out.put(key.get(), v);
        }
        return Operations.mark(unknown ? Value.UNKNOWN : new ObjectValue(out), sensitive);
    }

    private Value conditional(Expression.Conditional c, EvalContext ctx) {
        Value cond = eval(c.condition(), ctx);
        boolean sensitive = cond.containsSensitive();
        Value u = cond.unmarked();
        if (u instanceof UnknownValue) {
            eval(c.trueResult(), ctx);
            eval(c.falseResult(), ctx);
            return Operations.mark(Value.UNKNOWN, sensitive);
        }
        Optional<Boolean> b = Args.asBool(u);
        if (b.isEmpty()) {
            diags.error("Incorrect condition type", "The condition expression must be a bool, got "
                    + Args.describe(u) + ".", c.condition().range());
            return Value.UNKNOWN;
        }
        Value result = eval(b.get() ? c.trueResult() : c.falseResult(), ctx);
        return sensitive ? result.sensitive() : result;
    }

    private Value splat(Expression.Splat s, EvalContext ctx) {
        Value source = eval(s.source(), ctx);
        boolean sensitive = source instanceof SensitiveValue;
        Value v = source.unwrap();
        if (v instanceof UnknownValue) return Operations.mark(Value.UNKNOWN, sensitive);
        if (v instanceof NullValue) return Operations.mark(ListValue.EMPTY, sensitive);
        List<Value> items = v instanceof ListValue l ? l.items() : List.of(v);
        List<Value> out = new ArrayList<>(items.size());
        for (Value item : items) out.add(eval(s.each(), ctx.withVariables(Map.of(Expression.Splat.ITEM, item))));
        return Operations.mark(new ListValue(out), sensitive);
    }
}
