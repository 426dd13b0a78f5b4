package dev.platctl.engine.plan;

import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.InputValues;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.OutputDecl;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.ResourceDecl;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.expr.Functions;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Traversal;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Evaluates a module's expressions for one request: a resource's attributes (the "proposed" values
 * sent to the provider) and the module's outputs. Resource references resolve through a lookup of
 * other resources' current values, which may hold unknowns at plan time. One instance serves one
 * plan or apply of one configuration (it caches each request's scope).
 */
public final class ResourceEvaluator {
    private final Map<String, ObjectValue> requestScopes = new ConcurrentHashMap<>();
    private final Map<java.nio.file.Path, Functions> functions = new ConcurrentHashMap<>();

    /** The {@code input} object of a request: parameters converted to their types, defaults, sensitive marks. */
    public ObjectValue inputs(RequestConfig r, ModuleConfig m) {
        return requestScopes.computeIfAbsent("input:" + r.name(), k -> InputValues.of(r, m));
    }

    /** The {@code request} object: name, team, stack, labels and golden_path ({@code {name, version}} resolved, or null). */
    public ObjectValue request(RequestConfig r) {
        return requestScopes.computeIfAbsent("request:" + r.name(), k -> {
            Map<String, Value> labels = new TreeMap<>();
            r.labels().forEach((lk, lv) -> labels.put(lk, new StringValue(lv)));
            Value goldenPath = r.goldenPath().flatMap(g -> g.resolved().map(v -> (Value) new ObjectValue(Map.of(
                    "name", new StringValue(g.name()), "version", new StringValue(v.toString()))))).orElse(Value.NULL);
            return new ObjectValue(Map.of("name", new StringValue(r.name()), "team", new StringValue(r.team()),
                    "stack", new StringValue(r.stack()), "labels", new ObjectValue(labels), ModuleConfig.GOLDEN_PATH, goldenPath));
        });
    }

    /** Evaluates a desired resource's attributes and nested blocks; errors go to {@code diags}. */
    public ObjectValue evaluate(DesiredResource d, Function<ResourceAddress, Optional<Value>> values, Diagnostics diags) {
        List<Traversal> refs = Expander.references(d.decl());
        EvalContext ctx = context(d.request(), d.module(), d.siblings(), refs, values);
        if (!d.referencedRequests().isEmpty())
            ctx = ctx.withVariables(Map.of("request", withOtherRequests(d, refs, values, diags)));
        if (!d.scope().isEmpty()) ctx = ctx.withVariables(d.scope());
        Map<String, Value> out = new LinkedHashMap<>();
        for (Attribute a : d.decl().attributes()) out.put(a.name(), Evaluator.evaluate(a.expression(), ctx, diags));
        Map<String, List<Value>> blocks = new LinkedHashMap<>();
        for (Block b : d.decl().nestedBlocks()) blocks.computeIfAbsent(b.type(), k -> new ArrayList<>()).add(block(b, ctx, diags));
        blocks.forEach((type, list) -> out.put(type, list.size() == 1 ? list.get(0) : new ListValue(list)));
        return new ObjectValue(out);
    }

    private ObjectValue block(Block b, EvalContext ctx, Diagnostics diags) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (Attribute a : b.body().attributes()) out.put(a.name(), Evaluator.evaluate(a.expression(), ctx, diags));
        for (Block nb : b.body().blocks()) out.put(nb.type(), block(nb, ctx, diags));
        return new ObjectValue(out);
    }

    /**
     * The {@code request} object extended with {@code <other>.outputs} for each request {@code d} reads, holding
     * the outputs it names, computed from the values known now (unknown until the other request is applied).
     */
    private ObjectValue withOtherRequests(DesiredResource d, List<Traversal> refs, Function<ResourceAddress, Optional<Value>> values,
                                          Diagnostics diags) {
        Map<String, Value> fields = new TreeMap<>(request(d.request()).attributes());
        d.referencedRequests().forEach((name, rr) -> {
            Map<String, Value> outputs = new TreeMap<>();
            for (OutputDecl o : rr.module().outputs()) {
                boolean read = refs.stream().anyMatch(t -> CrossRequestReferences.isCrossRequest(t)
                        && t.attrName(1).equals(name) && t.attrName(3).equals(o.name()));
                if (!read) continue;
                EvalContext ctx = context(rr.request(), rr.module(), rr.instances(), Evaluator.references(o.value()), values);
                Value v = Evaluator.evaluate(o.value(), ctx, diags);
                outputs.put(o.name(), o.sensitive() ? v.sensitive() : v);
            }
            fields.put(name, new ObjectValue(Map.of("outputs", new ObjectValue(outputs))));
        });
        return new ObjectValue(fields);
    }

    /** Evaluates a request's module outputs; sensitive outputs are marked. */
    public Map<String, Value> outputs(RequestConfig r, ModuleConfig m, RequestInstances instances,
                                      Function<ResourceAddress, Optional<Value>> values, Diagnostics diags) {
        Map<String, Value> out = new TreeMap<>();
        for (OutputDecl o : m.outputs()) {
            EvalContext ctx = context(r, m, instances, Evaluator.references(o.value()), values);
            Value v = Evaluator.evaluate(o.value(), ctx, diags);
            out.put(o.name(), o.sensitive() ? v.sensitive() : v);
        }
        return out;
    }

    /**
     * A scope with {@code input}, {@code request} and, for each resource type referenced, an object of
     * the referenced resources' values: one value per single block, a list for count, a map for for_each.
     * Only referenced resources are included, so evaluating one resource costs O(its references), not
     * O(resources in the module).
     */
    private EvalContext context(RequestConfig r, ModuleConfig m, RequestInstances instances, List<Traversal> refs,
                                Function<ResourceAddress, Optional<Value>> values) {
        Map<String, Value> vars = new HashMap<>();
        vars.put("input", inputs(r, m));
        vars.put("request", request(r));
        Map<String, Map<String, Value>> byType = new TreeMap<>();
        for (ResourceDecl rd : m.resources()) byType.putIfAbsent(rd.type(), new TreeMap<>());
        for (Traversal t : refs) {
            Optional<ResourceDecl> rd = m.resource(t.rootName(), t.attrName(1));
            if (rd.isEmpty()) continue;
            byType.get(rd.get().type()).put(rd.get().name(), collection(r, rd.get(), instances.of(rd.get().local()), values));
        }
        byType.forEach((type, byName) -> vars.put(type, new ObjectValue(byName)));
        return new EvalContext(vars, functions(m));
    }

    private static Value collection(RequestConfig r, ResourceDecl d, ResourceInstances instances,
                                    Function<ResourceAddress, Optional<Value>> values) {
        Function<InstanceKey, Value> value = k -> values.apply(new ResourceAddress(r.name(), d.type(), d.name(), k)).orElse(Value.UNKNOWN);
        return switch (instances.mode()) {
            case SINGLE -> value.apply(InstanceKey.NONE);
            case COUNT -> new ListValue(instances.instances().stream().map(i -> value.apply(i.key())).toList());
            case FOR_EACH -> {
                Map<String, Value> byKey = new TreeMap<>();
                for (ResourceInstances.Instance i : instances.instances()) byKey.put(((InstanceKey.StringKey) i.key()).key(), value.apply(i.key()));
                yield new ObjectValue(byKey);
            }
        };
    }

    Functions functions(ModuleConfig m) {
        return functions.computeIfAbsent(m.dir(), Functions::standard);
    }
}
