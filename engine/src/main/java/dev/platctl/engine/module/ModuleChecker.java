package dev.platctl.engine.module;

import dev.platctl.engine.config.InputDecl;
import dev.platctl.engine.config.InputRule;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.OutputDecl;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.ResourceDecl;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.expr.Functions;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Traversal;
import dev.platctl.engine.plan.Expander;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Type-checks a module without any request: every expression is evaluated with its inputs, the request
 * and every resource attribute unknown, so a reference to an undeclared input, resource, resource
 * attribute or request field, a wrong function call or an impossible operation is reported with its
 * position, and every resource's arguments are checked against its provider's schema.
 */
public final class ModuleChecker {

    private final Providers providers;

    public ModuleChecker(Providers providers) {
        this.providers = providers;
    }

    /** Checks {@code m}; every problem goes to {@code diags}. */
    public void check(ModuleConfig m, Diagnostics diags) {
        Functions functions = Functions.standard(m.dir());
        for (ResourceDecl d : m.resources()) {
            if (!checkArguments(d, diags)) continue;
            EvalContext ctx = context(m, functions, Expander.references(d));
            if (d.count().isPresent()) ctx = ctx.withVariables(Map.of("count", new ObjectValue(Map.of("index", Value.UNKNOWN))));
            if (d.forEach().isPresent())
                ctx = ctx.withVariables(Map.of("each", new ObjectValue(Map.of("key", Value.UNKNOWN, "value", Value.UNKNOWN))));
            d.count().ifPresent(e -> Evaluator.evaluate(e, context(m, functions, Evaluator.references(e)), diags));
            d.forEach().ifPresent(e -> Evaluator.evaluate(e, context(m, functions, Evaluator.references(e)), diags));
            for (Attribute a : d.attributes()) Evaluator.evaluate(a.expression(), ctx, diags);
            for (Block b : d.nestedBlocks()) evaluateBlock(b, ctx, diags);
        }
        for (OutputDecl o : m.outputs())
            Evaluator.evaluate(o.value(), context(m, functions, Evaluator.references(o.value())), diags);
        m.connectionSecret().ifPresent(cs -> {
            for (Attribute key : cs.keys())
                Evaluator.evaluate(key.expression(), context(m, functions, Evaluator.references(key.expression())), diags);
        });
        for (InputDecl in : m.inputs())
            for (InputRule rule : in.rules())
                if (rule instanceof InputRule.Validation v)
                    Evaluator.evaluate(v.condition(), new EvalContext(Map.of("input", inputs(m)), functions), diags);
    }

    private void evaluateBlock(Block b, EvalContext ctx, Diagnostics diags) {
        for (Attribute a : b.body().attributes()) Evaluator.evaluate(a.expression(), ctx, diags);
        for (Block nb : b.body().blocks()) evaluateBlock(nb, ctx, diags);
    }

    /** Arguments the resource type does not have, or only computes, and required ones left out; false when the type is unknown. */
    private boolean checkArguments(ResourceDecl d, Diagnostics diags) {
        Optional<ResourceSchema> schema = providers.resourceType(d.type()).map(t -> t.schema());
        if (schema.isEmpty()) {
            List<String> known = providers.typeNames();
            diags.error("Unknown resource type \"" + d.type() + "\"", "no provider serves " + d.type() + "."
                    + Suggestions.didYouMean(d.type(), known) + " Known types: " + String.join(", ", known) + ".", d.typeRange());
            return false;
        }
        List<String> settable = schema.get().attributes().stream().filter(AttributeSchema::settable).map(AttributeSchema::name).toList();
        for (Attribute a : d.attributes()) {
            Optional<AttributeSchema> as = schema.get().attribute(a.name());
            if (as.isEmpty())
                diags.error("Unsupported argument \"" + a.name() + "\"", d.type() + " has no argument \"" + a.name() + "\"."
                        + Suggestions.didYouMean(a.name(), settable) + " Its arguments are: " + String.join(", ", settable) + ".", a.nameRange());
            else if (!as.get().settable())
                diags.error("Computed attribute \"" + a.name() + "\" cannot be set", d.type() + " computes " + a.name()
                        + "; a module can read it (" + d.local() + "." + a.name() + ") but not set it.", a.nameRange());
        }
        for (AttributeSchema as : schema.get().attributes())
            if (as.required() && d.attributes().stream().noneMatch(a -> a.name().equals(as.name()))
                    && d.nestedBlocks().stream().noneMatch(b -> b.type().equals(as.name())))
                diags.error("Missing required argument \"" + as.name() + "\"", d.type() + " requires " + as.name() + ".", d.typeRange());
        return true;
    }

    /** {@code input}, {@code request} and one object per resource type, every value unknown. */
    private EvalContext context(ModuleConfig m, Functions functions, List<Traversal> refs) {
        Map<String, Value> vars = new HashMap<>();
        vars.put("input", inputs(m));
        Map<String, Value> request = new TreeMap<>();
        for (String f : RequestConfig.ATTRIBUTES) request.put(f, Value.UNKNOWN);
        for (Traversal t : refs)
            if (t.rootName().equals("request") && !t.attrName(1).isEmpty() && !RequestConfig.ATTRIBUTES.contains(t.attrName(1)))
                request.put(t.attrName(1), new ObjectValue(Map.of("outputs", Value.UNKNOWN)));
        vars.put("request", new ObjectValue(request));
        Map<String, Map<String, Value>> byType = new TreeMap<>();
        for (ResourceDecl d : m.resources()) byType.computeIfAbsent(d.type(), k -> new TreeMap<>()).put(d.name(), resourceValue(d));
        byType.forEach((type, byName) -> vars.put(type, new ObjectValue(byName)));
        return new EvalContext(vars, functions);
    }

    /** A single resource is an object of its schema's attributes (so a misspelt attribute is caught); a repeated one is unknown. */
    private Value resourceValue(ResourceDecl d) {
        Optional<ResourceSchema> schema = providers.resourceType(d.type()).map(t -> t.schema());
        if (schema.isEmpty() || d.repeated()) return Value.UNKNOWN;
        Map<String, Value> attrs = new TreeMap<>();
        for (AttributeSchema a : schema.get().attributes()) attrs.put(a.name(), a.sensitive() ? Value.UNKNOWN.sensitive() : Value.UNKNOWN);
        return new ObjectValue(attrs);
    }

    private static ObjectValue inputs(ModuleConfig m) {
        Map<String, Value> in = new TreeMap<>();
        for (InputDecl i : m.inputs()) in.put(i.name(), i.sensitive() ? Value.UNKNOWN.sensitive() : Value.UNKNOWN);
        return new ObjectValue(in);
    }

    private static List<Traversal> references(ResourceDecl d) {
        return Expander.references(d);
    }
}
