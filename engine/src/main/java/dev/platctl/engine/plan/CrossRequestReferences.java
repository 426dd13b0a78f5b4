package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.OutputDecl;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.ResourceDecl;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.hcl.Traversal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolves {@code request.<other>.outputs.<name>} in a resource's expressions: checks that the request
 * and its output exist, and finds the other request's resources the output is computed from, which the
 * referencing resource then depends on.
 */
final class CrossRequestReferences {
    /** The attributes of the {@code request} object itself; any other name is another request. */

    private final Configuration cfg;
    private final Map<String, RequestInstances> instancesByRequest;

    CrossRequestReferences(Configuration cfg, Map<String, RequestInstances> instancesByRequest) {
        this.cfg = cfg;
        this.instancesByRequest = instancesByRequest;
    }

    /** The requests {@code d} reads outputs of, by name; every bad reference is reported. */
    Map<String, ReferencedRequest> of(RequestConfig r, ResourceDecl d, Diagnostics diags) {
        Map<String, ReferencedRequest> out = new TreeMap<>();
        for (Traversal t : Expander.references(d)) {
            if (!isCrossRequest(t)) continue;
            String other = t.attrName(1);
            if (!t.attrName(2).equals("outputs") || t.attrName(3).isEmpty()) {
                diags.error("Invalid reference to request \"" + other + "\"", "another request is read through its outputs:"
                        + " request." + other + ".outputs.<name>. The request object's own attributes are "
                        + String.join(", ", RequestConfig.ATTRIBUTES) + "." + Suggestions.didYouMean(other, RequestConfig.ATTRIBUTES), t.range());
                continue;
            }
            if (other.equals(r.name())) {
                diags.error("Request \"" + other + "\" refers to its own outputs", "inside a module, read the resource the output"
                        + " is computed from instead of request." + other + ".outputs.", t.range());
                continue;
            }
            Optional<RequestConfig> target = cfg.request(other);
            if (target.isEmpty()) {
                List<String> names = cfg.requests().stream().map(RequestConfig::name).sorted().toList();
                diags.error("Reference to unknown request \"" + other + "\"", "request " + r.name() + " (module "
                        + cfg.moduleOfRequest().get(r.name()).ref() + ") reads request." + other + ".outputs, but there is no request named \""
                        + other + "\" in this workspace." + Suggestions.didYouMean(other, names), t.range());
                continue;
            }
            ModuleConfig m = cfg.moduleOfRequest().get(other);
            if (m == null) continue;
            String output = t.attrName(3);
            if (m.outputs().stream().noneMatch(o -> o.name().equals(output))) {
                List<String> names = m.outputs().stream().map(OutputDecl::name).toList();
                diags.error("Request \"" + other + "\" has no output \"" + output + "\"", "module " + m.ref() + " of request "
                        + other + " has " + (names.isEmpty() ? "no outputs." : "the outputs: " + String.join(", ", names) + ".")
                        + Suggestions.didYouMean(output, names), t.range());
                continue;
            }
            out.put(other, new ReferencedRequest(target.get(), m, instancesByRequest.getOrDefault(other, RequestInstances.NONE)));
        }
        return out;
    }

    /** The other requests' resource instances that the outputs {@code d} reads are computed from. */
    Set<ResourceAddress> dependencies(ResourceDecl d, Map<String, ReferencedRequest> referenced) {
        Set<ResourceAddress> deps = new LinkedHashSet<>();
        for (Traversal t : Expander.references(d)) {
            if (!isCrossRequest(t)) continue;
            ReferencedRequest rr = referenced.get(t.attrName(1));
            if (rr == null) continue;
            rr.module().outputs().stream().filter(o -> o.name().equals(t.attrName(3))).findFirst().ifPresent(o -> {
                for (Traversal ot : Evaluator.references(o.value()))
                    rr.module().resource(ot.rootName(), ot.attrName(1)).ifPresent(rd ->
                            rr.instances().of(rd.local()).instances().forEach(i ->
                                    deps.add(new ResourceAddress(rr.request().name(), rd.type(), rd.name(), i.key()))));
            });
        }
        return deps;
    }

    static boolean isCrossRequest(Traversal t) {
        return t.rootName().equals("request") && !t.attrName(1).isEmpty() && !RequestConfig.ATTRIBUTES.contains(t.attrName(1));
    }
}
