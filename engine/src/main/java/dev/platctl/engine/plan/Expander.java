package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.Lifecycle;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.ReplaceTrigger;
import dev.platctl.engine.config.ResourceDecl;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.graph.Cycles;
import dev.platctl.engine.graph.Dag;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Traversal;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.provider.ResourceSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands every request through its module into desired resources, finds the references between them,
 * and builds the dependency graph; unknown resource types and cycles are diagnostics.
 */
public final class Expander {
    private Expander() {
    }

    public static Optional<Expansion> expand(Configuration cfg, Providers providers, Diagnostics diags) {
        Map<ResourceAddress, DesiredResource> out = new HashMap<>();
        Dag.Builder<ResourceAddress> graph = Dag.builder();
        Diagnostics mine = new Diagnostics();
        List<String> known = providers.typeNames();
        Set<String> reported = new HashSet<>();
        InstanceExpander instanceExpander = new InstanceExpander(new ResourceEvaluator());
        Map<String, RequestInstances> instancesByRequest = new HashMap<>();
        for (RequestConfig r : cfg.requests()) {
            ModuleConfig m = cfg.moduleOfRequest().get(r.name());
            if (m == null) continue;
            Map<String, ResourceInstances> byBlock = new HashMap<>();
            for (ResourceDecl d : ConnectionSecretResource.blocks(r, m)) {
                if (providers.resourceType(d.type()).isEmpty()) {
                    if (reported.add(m.ref() + " " + d.local())) mine.error("Unknown resource type \"" + d.type() + "\"", "no provider serves " + d.type() + "."
                            + Suggestions.didYouMean(d.type(), known) + " Known types: " + String.join(", ", known) + ".", d.typeRange());
                    continue;
                }
                if (reported.add("lifecycle " + m.ref() + " " + d.local())) {
                    checkIgnoreChanges(d, providers, mine);
                    checkTriggerAttributes(d, m, providers, mine);
                }
                instanceExpander.expand(r, m, d, mine).ifPresent(i -> byBlock.put(d.local(), i));
            }
            instancesByRequest.put(r.name(), new RequestInstances(byBlock));
        }
        CrossRequestReferences crossRequest = new CrossRequestReferences(cfg, instancesByRequest);
        for (RequestConfig r : cfg.requests()) {
            ModuleConfig m = cfg.moduleOfRequest().get(r.name());
            if (m == null) continue;
            RequestInstances siblings = instancesByRequest.get(r.name());
            for (ResourceDecl d : ConnectionSecretResource.blocks(r, m)) {
                ResourceInstances own = siblings.byBlock().get(d.local());
                if (own == null) continue;
                List<ResourceAddress> deps = new ArrayList<>(dependencies(r, m, d, siblings, mine));
                Map<String, ReferencedRequest> referenced = crossRequest.of(r, d, mine);
                deps.addAll(crossRequest.dependencies(d, referenced));
                for (ResourceInstances.Instance i : own.instances()) {
                    ResourceAddress a = new ResourceAddress(r.name(), d.type(), d.name(), i.key());
                    out.put(a, new DesiredResource(r.stack(), a, r, m, d, deps, i.scope(), siblings, referenced));
                    graph.addNode(a);
                    for (ResourceAddress dep : deps) graph.addDependency(a, dep);
                }
            }
        }
        out.putAll(ConnectionSecretResource.orderAfterNamespaces(out, graph));
        Dag<ResourceAddress> dag = graph.build();
        Cycles.findCycle(dag).ifPresent(cycle -> {
            DesiredResource first = out.get(cycle.get(0));
            StringBuilder path = new StringBuilder();
            for (ResourceAddress a : cycle) path.append(path.length() == 0 ? "" : " -> ").append(a.local());
            boolean acrossRequests = cycle.stream().map(ResourceAddress::request).distinct().count() > 1;
            if (acrossRequests) {
                StringBuilder full = new StringBuilder();
                for (ResourceAddress a : cycle) full.append(full.length() == 0 ? "" : " -> ").append(a);
                mine.error("Dependency cycle between requests", "these resources depend on each other through request outputs: "
                        + full + ". Break the cycle by removing one of the request.<name>.outputs references.", first.decl().typeRange());
            } else {
                mine.error("Dependency cycle", "these resources of module " + first.module().ref() + " depend on each other: "
                        + path + ". Break the cycle by removing one of the references.", first.decl().typeRange());
            }
        });
        diags.addAll(mine);
        return mine.hasErrors() ? Optional.empty() : Optional.of(new Expansion(out, dag, instancesByRequest));
    }

    /** Each ignore_changes entry must name an attribute of the resource type: a typo would silently ignore nothing. */
    private static void checkIgnoreChanges(ResourceDecl d, Providers providers, Diagnostics diags) {
        ResourceSchema schema = providers.resourceType(d.type()).orElseThrow().schema();
        List<String> names = schema.attributes().stream().map(AttributeSchema::name).toList();
        for (Lifecycle.Ignored i : d.lifecycle().ignoreChanges()) {
            String head = i.path().head();
            if (schema.attribute(head).isEmpty())
                diags.error("Unsupported attribute in ignore_changes", d.type() + " has no attribute \"" + head + "\"."
                        + Suggestions.didYouMean(head, names) + " Its attributes are: " + String.join(", ", names) + ".", i.range());
        }
    }

    /** Each replace_triggered_by attribute must exist on the named resource's type: a typo would never trigger. */
    private static void checkTriggerAttributes(ResourceDecl d, ModuleConfig m, Providers providers, Diagnostics diags) {
        for (ReplaceTrigger t : d.lifecycle().replaceTriggeredBy()) {
            if (t.attribute().isEmpty()) continue;
            Optional<ResourceSchema> schema = providers.resourceType(t.type()).map(rt -> rt.schema());
            if (schema.isEmpty() || m.resource(t.type(), t.name()).isEmpty()) continue;
            String head = t.attribute().get().head();
            if (schema.get().attribute(head).isEmpty()) {
                List<String> names = schema.get().attributes().stream().map(AttributeSchema::name).toList();
                diags.error("Unsupported attribute in replace_triggered_by", t.type() + " has no attribute \"" + head + "\"."
                        + Suggestions.didYouMean(head, names) + " Its attributes are: " + String.join(", ", names) + ".", t.range());
            }
        }
    }

    /** The instances of the same request's blocks that {@code d} references or names in depends_on. */
    static Set<ResourceAddress> dependencies(RequestConfig r, ModuleConfig m, ResourceDecl d, RequestInstances siblings, Diagnostics diags) {
        Set<ResourceAddress> deps = new LinkedHashSet<>();
        for (Traversal t : references(d)) {
            m.resource(t.rootName(), t.attrName(1)).ifPresent(rd -> {
                if (!rd.local().equals(d.local())) deps.addAll(instances(r, rd, siblings));
                else diags.error("Self-referential resource", d.local() + " refers to itself.", t.range());
            });
        }
        for (ReplaceTrigger t : d.lifecycle().replaceTriggeredBy()) {
            Optional<ResourceDecl> rd = m.resource(t.type(), t.name());
            if (rd.isEmpty())
                diags.error("Invalid replace_triggered_by reference", "module " + m.ref() + " has no resource " + t.local() + ".", t.range());
            else if (rd.get().local().equals(d.local()))
                diags.error("Self-referential resource", d.local() + " names itself in replace_triggered_by.", t.range());
            else deps.addAll(instances(r, rd.get(), siblings).stream()
                        .filter(a -> t.key().map(k -> k.equals(a.key())).orElse(true)).toList());
        }
        for (Traversal t : d.dependsOn()) {
            Optional<ResourceDecl> rd = m.resource(t.rootName(), t.attrName(1));
            if (rd.isEmpty())
                diags.error("Invalid depends_on reference", "module " + m.ref() + " has no resource " + t + ".", t.range());
            else deps.addAll(instances(r, rd.get(), siblings));
        }
        return deps;
    }

    /** The block's instances; none when its count or for_each failed (already reported). */
    private static List<ResourceAddress> instances(RequestConfig r, ResourceDecl d, RequestInstances siblings) {
        ResourceInstances ri = siblings.byBlock().get(d.local());
        if (ri == null) return List.of();
        return ri.instances().stream().map(i -> new ResourceAddress(r.name(), d.type(), d.name(), i.key())).toList();
    }

    /** Every traversal in the resource's attributes and nested blocks. */
    public static List<Traversal> references(ResourceDecl d) {
        List<Traversal> out = new ArrayList<>();
        for (Attribute a : d.attributes()) out.addAll(Evaluator.references(a.expression()));
        for (Block b : d.nestedBlocks()) collect(b, out);
        return out;
    }

    private static void collect(Block b, List<Traversal> out) {
        for (Attribute a : b.body().attributes()) out.addAll(Evaluator.references(a.expression()));
        for (Block nb : b.body().blocks()) collect(nb, out);
    }

}
