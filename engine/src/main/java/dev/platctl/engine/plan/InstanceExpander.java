package dev.platctl.engine.plan;

import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.ResourceDecl;
import dev.platctl.engine.config.TypeConstraint;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.hcl.Traversal;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides the instances of a resource block for one request by evaluating its {@code count} or
 * {@code for_each} at plan time, with inputs and request in scope; a value that depends on other
 * resources is unknown then, and is reported instead of guessed.
 */
final class InstanceExpander {
    /** More instances than this from one block is a mistake in the module, not a plan to make. */
    static final int MAX_COUNT = 100_000;

    private final ResourceEvaluator evaluator;

    InstanceExpander(ResourceEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** The block's instances; empty when its count or for_each is unusable (reported to {@code diags}). */
    Optional<ResourceInstances> expand(RequestConfig r, ModuleConfig m, ResourceDecl d, Diagnostics diags) {
        if (d.count().isPresent()) return count(d.count().get(), context(r, m, d.count().get()), diags);
        if (d.forEach().isPresent()) return forEach(d.forEach().get(), context(r, m, d.forEach().get()), diags);
        return Optional.of(ResourceInstances.SINGLE);
    }

    private Optional<ResourceInstances> count(Expression e, EvalContext ctx, Diagnostics diags) {
        Diagnostics local = new Diagnostics();
        Value v = Evaluator.evaluate(e, ctx, local).unmarked();
        diags.addAll(local);
        if (local.hasErrors()) return Optional.empty();
        if (!v.isWhollyKnown()) return unknown("count", "how many instances will be created", "Derive count from inputs", e.range(), diags);
        if (v instanceof StringValue s) v = TypeConstraint.NUMBER.convert(s).orElse(v);
        if (!(v instanceof NumberValue n) || !n.isInteger()) {
            diags.error("Invalid count argument", "count must be a whole number, got " + describe(v) + ".", e.range());
            return Optional.empty();
        }
        if (n.value().signum() < 0 || n.value().compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0) {
            diags.error("Invalid count argument", "count must be between 0 and " + MAX_COUNT + ", got " + n.text() + ".", e.range());
            return Optional.empty();
        }
        List<ResourceInstances.Instance> out = new ArrayList<>();
        for (int i = 0; i < n.value().intValue(); i++)
            out.add(new ResourceInstances.Instance(new InstanceKey.IntKey(i), Map.of("count", new ObjectValue(Map.of("index", Value.of(i))))));
        return Optional.of(new ResourceInstances(ResourceInstances.Mode.COUNT, out));
    }

    private Optional<ResourceInstances> forEach(Expression e, EvalContext ctx, Diagnostics diags) {
        Diagnostics local = new Diagnostics();
        Value raw = Evaluator.evaluate(e, ctx, local);
        diags.addAll(local);
        if (local.hasErrors()) return Optional.empty();
        if (raw.containsSensitive()) {
            diags.error("Invalid for_each argument", "for_each cannot use sensitive values: its keys become part of resource addresses"
                    + " and would be shown in every plan.", e.range());
            return Optional.empty();
        }
        Map<String, Value> entries = new TreeMap<>();
        if (raw instanceof UnknownValue) return unknown("for_each", "which instances will be created", "Derive for_each from inputs", e.range(), diags);
        if (raw instanceof ObjectValue o) {
            entries.putAll(o.attributes());
        } else if (raw instanceof ListValue l) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < l.size(); i++) {
                Value item = l.items().get(i);
                if (item instanceof UnknownValue)
                    return unknown("for_each", "which instances will be created", "Derive for_each from inputs", e.range(), diags);
                if (!(item instanceof StringValue s)) {
                    diags.error("Invalid for_each argument", "for_each takes a map or a list of strings; element " + i + " is " + describe(item) + ".",
                            e.range());
                    return Optional.empty();
                }
                if (!seen.add(s.value())) {
                    diags.error("Invalid for_each argument", "for_each keys must be unique; \"" + s.value() + "\" appears more than once.", e.range());
                    return Optional.empty();
                }
                entries.put(s.value(), s);
            }
        } else {
            diags.error("Invalid for_each argument", "for_each takes a map or a list of strings, got " + describe(raw) + ".", e.range());
            return Optional.empty();
        }
        List<ResourceInstances.Instance> out = new ArrayList<>();
        entries.forEach((k, v) -> out.add(new ResourceInstances.Instance(new InstanceKey.StringKey(k),
                Map.of("each", new ObjectValue(Map.of("key", new StringValue(k), "value", v))))));
        return Optional.of(new ResourceInstances(ResourceInstances.Mode.FOR_EACH, out));
    }

    private static Optional<ResourceInstances> unknown(String what, String predict, String fix, SourceRange at, Diagnostics diags) {
        diags.error("Invalid " + what + " argument", "The " + what + " value depends on resource attributes that cannot be determined until"
                + " apply, so platctl cannot predict " + predict + ". " + fix + " (and the request), not from other resources.", at);
        return Optional.empty();
    }

    /** Inputs and request as usual; every resource of the module is unknown, since nothing is planned yet. */
    private EvalContext context(RequestConfig r, ModuleConfig m, Expression e) {
        Map<String, Value> vars = new HashMap<>();
        for (Traversal t : Evaluator.references(e)) {
            String name = t.attrName(1);
            if (!name.isEmpty() && m.resource(t.rootName(), name).isPresent()) {
                Map<String, Value> byName = new TreeMap<>();
                for (ResourceDecl rd : m.resources()) if (rd.type().equals(t.rootName())) byName.put(rd.name(), Value.UNKNOWN);
                vars.put(t.rootName(), new ObjectValue(byName));
            }
        }
        vars.put("input", evaluator.inputs(r, m));
        vars.put("request", evaluator.request(r));
        return new EvalContext(vars, evaluator.functions(m));
    }

    private static String describe(Value v) {
        if (v.isNull()) return "null";
        if (v instanceof StringValue s) return "string \"" + s.value() + "\"";
        if (v instanceof NumberValue n) return "number " + n.text();
        return v.typeName();
    }
}
