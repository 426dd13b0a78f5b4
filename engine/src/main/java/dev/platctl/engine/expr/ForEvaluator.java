package dev.platctl.engine.expr;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NullValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Evaluates {@code [for ...]} and {@code {for ...}} expressions, including filtering and grouping. */
final class ForEvaluator {
    private final Evaluator evaluator;
    private final Diagnostics diags;

    ForEvaluator(Evaluator evaluator, Diagnostics diags) {
        this.evaluator = evaluator;
        this.diags = diags;
    }

    Value evaluate(Expression.For f, EvalContext ctx) {
        Value source = evaluator.eval(f.collection(), ctx);
        boolean sensitive = source instanceof SensitiveValue;
        Value coll = source.unwrap();
        if (coll instanceof UnknownValue) return Operations.mark(Value.UNKNOWN, sensitive);
        List<Value> keys = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        if (coll instanceof ListValue l) {
            for (int i = 0; i < l.size(); i++) {
                keys.add(Value.of(i));
                values.add(l.items().get(i));
            }
        } else if (coll instanceof ObjectValue o) {
            o.attributes().forEach((k, v) -> {
                keys.add(new StringValue(k));
                values.add(v);
            });
        } else {
            diags.error(coll instanceof NullValue ? "Iteration over null value" : "Iteration over non-iterable value",
                    "A value for the collection of a 'for' expression must be a list or a map, got "
                            + Args.describe(coll) + ".", f.collection().range());
            return Value.UNKNOWN;
        }
        List<Value> tuple = new ArrayList<>();
        Map<String, Value> object = new LinkedHashMap<>();
        Map<String, List<Value>> groups = new LinkedHashMap<>();
        boolean unknown = false;
        for (int i = 0; i < keys.size(); i++) {
            Map<String, Value> vars = new HashMap<>();
            Value key = keys.get(i);
            f.keyVar().ifPresent(k -> vars.put(k, key));
            vars.put(f.valueVar(), values.get(i));
            EvalContext child = ctx.withVariables(vars);
            if (f.condition().isPresent()) {
                Value c = evaluator.eval(f.condition().get(), child);
                sensitive |= c.containsSensitive();
                c = c.unmarked();
                if (c instanceof UnknownValue) {
                    unknown = true;
                    continue;
                }
                Optional<Boolean> keep = Args.asBool(c);
                if (keep.isEmpty()) {
                    diags.error("Invalid 'for' condition", "The filter expression must be a bool, got "
                            + Args.describe(c) + ".", f.condition().get().range());
                    return Value.UNKNOWN;
                }
                if (!keep.get()) continue;
            }
            if (f.keyResult().isEmpty()) {
                tuple.add(evaluator.eval(f.valueResult(), child));
                continue;
            }
            Value k = evaluator.eval(f.keyResult().get(), child);
            Value v = evaluator.eval(f.valueResult(), child);
            sensitive |= k.containsSensitive();
            k = k.unmarked();
            if (k instanceof UnknownValue) {
                unknown = true;
                continue;
            }
            Optional<String> name = Args.asString(k);
            if (name.isEmpty()) {
                diags.error("Invalid object key", "The key expression of a 'for' expression must produce a string, got "
                        + Args.describe(k) + ".", f.keyResult().get().range());
                return Value.UNKNOWN;
            }
            if (f.grouping()) {
                groups.computeIfAbsent(name.get(), x -> new ArrayList<>()).add(v);
            } else if (object.putIfAbsent(name.get(), v) != null) {
                diags.error("Duplicate object key", "Two different items produced the key \"" + name.get() + "\" in "
                        + "this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value "
                        + "expression to enable grouping by key.", f.keyResult().get().range());
                return Value.UNKNOWN;
            }
        }
        if (unknown) return Operations.mark(Value.UNKNOWN, sensitive);
        Value result;
        if (f.keyResult().isEmpty()) {
            result = new ListValue(tuple);
        } else if (f.grouping()) {
            Map<String, Value> grouped = new LinkedHashMap<>();
            groups.forEach((k, vs) -> grouped.put(k, new ListValue(vs)));
            result = new ObjectValue(grouped);
        } else {
            result = new ObjectValue(object);
        }
        return Operations.mark(result, sensitive);
    }
}
