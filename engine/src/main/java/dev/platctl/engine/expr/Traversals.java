package dev.platctl.engine.expr;

import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.hcl.Traversal;
import dev.platctl.engine.hcl.Traverser;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NullValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Looks up root names and applies attribute and index steps, explaining what is missing when a step fails. */
final class Traversals {
    private final Diagnostics diags;

    Traversals(Diagnostics diags) {
        this.diags = diags;
    }

    Value scope(Traversal t, EvalContext ctx) {
        Traverser.Root root = (Traverser.Root) t.steps().get(0);
        Optional<Value> v = ctx.lookup(root.name());
        if (v.isEmpty()) {
            var names = ctx.variables().keySet().stream().filter(n -> !n.equals(Expression.Splat.ITEM)).toList();
            String available = names.isEmpty() ? "No names are available here."
                    : "Available names: " + String.join(", ", names) + ".";
            diags.error("Reference to undeclared name \"" + root.name() + "\"", "There is no variable named \""
                    + root.name() + "\"." + Suggestions.didYouMean(root.name(), names) + " " + available, root.range());
            return Value.UNKNOWN;
        }
        String what = root.name().equals(Expression.Splat.ITEM) ? "The element" : root.name();
        return apply(v.get(), t.steps().subList(1, t.steps().size()), what);
    }

    /** Applies {@code steps} to {@code v}; {@code what} names {@code v} in messages. */
    Value apply(Value v, List<Traverser> steps, String what) {
        StringBuilder path = new StringBuilder(what);
        for (Traverser s : steps) {
            if (s instanceof Traverser.Attr a) {
                v = attribute(v, a, path.toString());
                path.append('.').append(a.name());
            } else if (s instanceof Traverser.Index ix) {
                v = index(v, ix.key(), path.toString(), ix.range());
                path.append('[').append(ix.key()).append(']');
            }
            if (v instanceof UnknownValue) return v;
            if (v.unwrap() instanceof UnknownValue) return v;
        }
        return v;
    }

    private Value attribute(Value container, Traverser.Attr a, String what) {
        boolean sensitive = container instanceof SensitiveValue;
        Value c = container.unwrap();
        if (c instanceof UnknownValue) return Operations.mark(Value.UNKNOWN, sensitive);
        if (c instanceof ObjectValue o) {
            Value v = o.attributes().get(a.name());
            if (v != null) return Operations.mark(v, sensitive);
            var known = o.attributes().keySet();
            String list = known.isEmpty() ? "It has no attributes." : "Known attributes: " + String.join(", ", known) + ".";
            diags.error("Unsupported attribute \"" + a.name() + "\"", what + " has no attribute \"" + a.name() + "\"."
                    + Suggestions.didYouMean(a.name(), known) + " " + list, a.range());
        } else if (c instanceof NullValue) {
            diags.error("Attempt to get attribute from null value", what + " is null, so it has no attribute \""
                    + a.name() + "\".", a.range());
        } else if (c instanceof ListValue) {
            diags.error("Unsupported attribute \"" + a.name() + "\"", what + " is a list, so it has no attribute \""
                    + a.name() + "\". Use an index ([0]) to pick one element, or a splat ([*]." + a.name()
                    + ") to get it from every element.", a.range());
        } else {
            diags.error("Unsupported attribute \"" + a.name() + "\"", what + " is " + Args.describe(c)
                    + ", which has no attributes.", a.range());
        }
        return Value.UNKNOWN;
    }

    Value index(Value container, Value key, String what, SourceRange range) {
        boolean sensitive = container instanceof SensitiveValue || key.containsSensitive();
        Value c = container.unwrap();
        Value k = key.unmarked();
        if (c instanceof UnknownValue || k instanceof UnknownValue) return Operations.mark(Value.UNKNOWN, sensitive);
        if (c instanceof ListValue l) {
            Optional<BigDecimal> n = Args.asNumber(k);
            if (n.isEmpty()) {
                return invalidIndex(what + " is a list; its index must be a number, got " + Args.describe(k) + ".", range);
            }
            int i;
            try {
                i = n.get().intValueExact();
            } catch (ArithmeticException e) {
                return invalidIndex("The index " + n.get().toPlainString() + " is not a whole number.", range);
            }
            if (i < 0 || i >= l.size()) {
                return invalidIndex("The index " + i + " is out of range for " + what + ", which has "
                        + l.size() + (l.size() == 1 ? " element." : " elements."), range);
            }
            return Operations.mark(l.items().get(i), sensitive);
        }
        if (c instanceof ObjectValue o) {
            Optional<String> s = Args.asString(k);
            if (s.isEmpty()) return invalidIndex("A map key must be a string, got " + Args.describe(k) + ".", range);
            Value v = o.attributes().get(s.get());
            if (v == null) {
                return invalidIndex(what + " has no element with the key \"" + s.get() + "\"."
                        + Suggestions.didYouMean(s.get(), o.attributes().keySet()), range);
            }
            return Operations.mark(v, sensitive);
        }
        if (c instanceof NullValue) {
            diags.error("Attempt to index null value", what + " is null, so it cannot be indexed.", range);
            return Value.UNKNOWN;
        }
        return invalidIndex(what + " is " + Args.describe(c) + ", which cannot be indexed.", range);
    }

    private Value invalidIndex(String detail, SourceRange range) {
        diags.error("Invalid index", detail, range);
        return Value.UNKNOWN;
    }
}
