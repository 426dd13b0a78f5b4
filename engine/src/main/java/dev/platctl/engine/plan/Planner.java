package dev.platctl.engine.plan;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.policy.PolicyResult;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.ConfigurationFailures;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.refresh.Refreshed;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Diffs the desired resources against refreshed state: asks each provider to plan its resources in
 * dependency order (so references resolve to planned values, unknown where computed), decides the
 * action of each, and adds deletes for resources no longer desired.
 */
public final class Planner {
    private final Providers providers;
    private final ResourceEvaluator evaluator;
    private final ProposedValueMutator mutator;

    public Planner(Providers providers, ResourceEvaluator evaluator, ProposedValueMutator mutator) {
        this.providers = providers;
        this.evaluator = evaluator;
        this.mutator = mutator;
    }

    /**
     * Plans. {@code expansion} is empty for destroy and refresh-only plans; {@code refreshed} holds every
     * resource in the locked stacks; {@code outside} holds the stored resources of stacks the plan does not cover
     * that its resources refer to, read-only.
     */
    public Plan plan(Configuration cfg, Optional<Expansion> expansion, Map<String, StackLock> locks,
                     Map<ResourceAddress, Refreshed> refreshed, Map<ResourceAddress, ResourceState> outside,
                     PlanOptions opts, Diagnostics diags) {
        List<StackSnapshot> snapshots = new ArrayList<>();
        Map<ResourceAddress, ResourceState> inState = new HashMap<>();
        for (Map.Entry<String, StackLock> e : locks.entrySet()) {
            StackState s = e.getValue().current();
            snapshots.add(new StackSnapshot(e.getKey(), s.lineage(), s.serial()));
            inState.putAll(s.resources());
        }
        List<Drift> drift = new ArrayList<>();
        for (Refreshed r : refreshed.values())
            if (r.drifted())
                drift.add(new Drift(r.stack(), r.state().address(), r.state().attributes(), r.current().map(v -> (Value) v).orElse(Value.NULL)));
        List<ResourceChange> changes = new ArrayList<>();
        Map<String, Map<String, Value>> outputs = new TreeMap<>();
        List<Diagnostic> warnings = new ArrayList<>();
        List<PolicyResult> policyResults = new ArrayList<>();
        ConfigurationFailures unconfigured = new ConfigurationFailures();
        switch (opts.mode()) {
            case REFRESH_ONLY -> { }
            case DESTROY -> {
                for (Refreshed r : refreshed.values()) {
                    if (r.interruptedCreate()) continue;
                    ResourceState s = r.state();
                    changes.add(new ResourceChange(r.stack(), s.address(), s.module(), Action.DELETE,
                            r.current().map(v -> (Value) v).orElse(s.attributes()), Value.NULL, Set.of(), ChangeReason.DESTROY,
                            s.dependencies()));
                }
            }
            case NORMAL -> {
                Expansion exp = expansion.orElseThrow();
                Map<ResourceAddress, Value> values = new HashMap<>();
                Map<ResourceAddress, ResourceChange> plannedSoFar = new HashMap<>();
                for (ResourceAddress a : exp.graph().topologicalOrder()) {
                    DesiredResource d = exp.resources().get(a);
                    if (!opts.selects(d.stack())) {
                        ResourceState stored = outside.get(a);
                        values.put(a, stored == null ? Value.UNKNOWN : stored.attributes());
                        continue;
                    }
                    if (refersToUnappliedStack(d, exp, outside, opts, diags)) {
                        values.put(a, Value.UNKNOWN);
                        continue;
                    }
                    Optional<ResourceChange> c = planOne(d, refreshed.get(a), values, plannedSoFar, policyResults, unconfigured, diags);
                    c.ifPresent(changes::add);
                    c.ifPresent(x -> plannedSoFar.put(x.address(), x));
                }
                for (ResourceState s : inState.values()) {
                    if (exp.resources().containsKey(s.address())) continue;
                    Refreshed r = refreshed.get(s.address());
                    if (r == null || r.interruptedCreate()) continue;
                    changes.add(new ResourceChange(r.stack(), s.address(), s.module(), Action.DELETE,
                            r.current().map(v -> (Value) v).orElse(s.attributes()), Value.NULL, Set.of(),
                            ChangeReason.NO_LONGER_DESIRED, s.dependencies()));
                }
                for (RequestConfig rq : cfg.requests()) {
                    if (!opts.selects(rq.stack())) continue;
                    var m = cfg.moduleOfRequest().get(rq.name());
                    if (m != null && !m.outputs().isEmpty())
                        outputs.put(rq.name(), evaluator.outputs(rq, m, exp.instancesOf(rq.name()), a -> Optional.ofNullable(values.get(a)), diags));
                }
            }
        }
        unconfigured.report("planned", diags);
        if (!opts.targets().isEmpty()) {
            changes = target(changes, opts.targets(), expansion);
            warnings.add(Diagnostic.warning("Resource targeting is in effect",
                    "this plan may be incomplete: only the targeted resources and what they depend on are included.", null));
        }
        PreventDestroy.check(cfg, changes, diags);
        Set<ResourceAddress> planned = new HashSet<>();
        for (ResourceChange c : changes) planned.add(c.address());
        policyResults.removeIf(r -> !planned.contains(r.address()));
        return new Plan(opts.mode(), cfg == null ? "" : cfg.hash(), snapshots, changes, drift, outputs, warnings, policyResults);
    }

    /** A resource in a selected stack that refers to one in another stack which was never applied cannot be planned. */
    private static boolean refersToUnappliedStack(DesiredResource d, Expansion exp, Map<ResourceAddress, ResourceState> outside,
                                                  PlanOptions opts, Diagnostics diags) {
        for (ResourceAddress dep : d.dependencies()) {
            Optional<DesiredResource> other = exp.find(dep);
            if (other.isEmpty() || opts.selects(other.get().stack()) || outside.containsKey(dep)) continue;
            diags.error("Reference to a stack that is not applied yet",
                    d.address() + " refers to " + dep + " in stack '" + other.get().stack() + "', which this run does not"
                            + " cover (--stack) and which has no state for it yet; apply stack '" + other.get().stack()
                            + "' first, or include it with --stack " + other.get().stack() + ".",
                    d.decl().typeRange());
            return true;
        }
        return false;
    }

    private Optional<ResourceChange> planOne(DesiredResource d, Refreshed refreshed, Map<ResourceAddress, Value> values,
                                             Map<ResourceAddress, ResourceChange> plannedSoFar,
                                             List<PolicyResult> policyResults, ConfigurationFailures unconfigured,
                                             Diagnostics diags) {
        ResourceType rt = providers.resourceType(d.address().type()).orElseThrow();
        Diagnostics local = new Diagnostics();
        ObjectValue proposed = evaluator.evaluate(d, a -> Optional.ofNullable(values.get(a)), local);
        diags.addAll(local);
        if (local.hasErrors()) {
            values.put(d.address(), Value.UNKNOWN);
            return Optional.empty();
        }
        Optional<ObjectValue> prior = Optional.empty();
        ChangeReason createReason = ChangeReason.NOT_IN_STATE;
        boolean tainted = false;
        if (refreshed != null) {
            if (refreshed.interruptedCreate()) createReason = ChangeReason.INTERRUPTED_CREATE;
            else if (refreshed.current().isEmpty()) createReason = ChangeReason.GONE;
            else {
                prior = refreshed.current().map(p -> withOptionalsUnset(p, rt));
                tainted = refreshed.state().status() == ResourceStatus.TAINTED;
            }
        }
        boolean triggered = prior.isPresent() && !tainted && ReplaceTriggers.fired(d, plannedSoFar).isPresent();
        if (prior.isPresent() && !tainted && !triggered) proposed = IgnoreChanges.apply(d.decl().lifecycle(), proposed, prior.get());
        proposed = mutator.mutate(d, proposed, policyResults::add);
        PlanResult pr;
        try {
            pr = rt.plan(tainted || triggered ? Optional.empty() : prior, proposed);
        } catch (RuntimeException ex) {
            if (!unconfigured.record(d.address(), ex))
                diags.error("Cannot plan " + d.address(), ProviderException.told("plan", d.address().type() + " " + d.address(), ex),
                        d.decl().typeRange());
            values.put(d.address(), Value.UNKNOWN);
            return Optional.empty();
        }
        for (Diagnostic pd : pr.diagnostics().all())
            diags.add(new Diagnostic(pd.severity(), pd.summary(), pd.detail() + " (in " + d.address() + ")",
                    pd.subject().isPresent() ? pd.subject() : Optional.of(subject(d, pd.summary()))));
        if (pr.diagnostics().hasErrors()) {
            values.put(d.address(), Value.UNKNOWN);
            return Optional.empty();
        }
        ObjectValue planned = pr.planned();
        values.put(d.address(), planned);
        String module = d.module().ref();
        if (prior.isEmpty())
            return Optional.of(new ResourceChange(d.stack(), d.address(), module, Action.CREATE, Value.NULL, planned,
                    Set.of(), createReason, d.dependencies()));
        Action replace = d.decl().lifecycle().createBeforeDestroy() ? Action.CREATE_THEN_DELETE : Action.DELETE_THEN_CREATE;
        if (tainted)
            return Optional.of(new ResourceChange(d.stack(), d.address(), module, replace, prior.get(),
                    planned, Set.of(), ChangeReason.TAINTED, d.dependencies()));
        if (triggered)
            return Optional.of(new ResourceChange(d.stack(), d.address(), module, replace, prior.get(),
                    planned, Set.of(), ChangeReason.REPLACE_TRIGGERED, d.dependencies()));
        if (!pr.requiresReplace().isEmpty())
            return Optional.of(new ResourceChange(d.stack(), d.address(), module, replace, prior.get(),
                    planned, pr.requiresReplace(), ChangeReason.REPLACE_FORCED, d.dependencies()));
        if (planned.unmarked().equals(prior.get().unmarked())) {
            values.put(d.address(), prior.get());
            return Optional.of(new ResourceChange(d.stack(), d.address(), module, Action.NO_OP, prior.get(), prior.get(),
                    Set.of(), ChangeReason.NONE, d.dependencies()));
        }
        boolean drifted = refreshed.drifted() && planned.unmarked().equals(refreshed.state().attributes().unmarked());
        return Optional.of(new ResourceChange(d.stack(), d.address(), module, Action.UPDATE, prior.get(), planned,
                Set.<AttributePath>of(), drifted ? ChangeReason.DRIFTED : ChangeReason.CONFIG_CHANGED, d.dependencies()));
    }

    /**
     * {@code prior} with every optional attribute of the type's schema that it does not hold set to null: state written
     * before the type had that attribute (an older platctl) says nothing of it, and planned as unset it is null, so
     * without this a plan that does not refresh would show a change that changes nothing. Computed attributes are
     * left alone: the provider fills them when it reads the object.
     */
    private static ObjectValue withOptionalsUnset(ObjectValue prior, ResourceType rt) {
        ObjectValue out = prior;
        for (AttributeSchema a : rt.schema().attributes())
            if (a.settable() && !a.computed() && prior.get(a.name()).isEmpty()) out = out.with(a.name(), Value.NULL);
        return out;
    }

    /** Where a provider's diagnostic points: the attribute its summary names in quotes, else the resource's type label. */
    private static dev.platctl.engine.diag.SourceRange subject(DesiredResource d, String summary) {
        int a = summary.indexOf('"'), b = summary.indexOf('"', a + 1);
        if (a >= 0 && b > a) {
            String name = summary.substring(a + 1, b);
            for (var attr : d.decl().attributes()) if (attr.name().equals(name)) return attr.nameRange();
        }
        return d.decl().typeRange();
    }

    /** Keeps the changes of the targets and of everything they depend on. */
    private static List<ResourceChange> target(List<ResourceChange> changes, Set<ResourceAddress> targets,
                                               Optional<Expansion> expansion) {
        Map<ResourceAddress, ResourceChange> byAddress = new HashMap<>();
        for (ResourceChange c : changes) byAddress.put(c.address(), c);
        Set<ResourceAddress> keep = new HashSet<>();
        Deque<ResourceAddress> todo = new ArrayDeque<>(targets);
        while (!todo.isEmpty()) {
            ResourceAddress a = todo.pop();
            if (!keep.add(a)) continue;
            ResourceChange c = byAddress.get(a);
            if (c != null) todo.addAll(c.dependencies());
            expansion.flatMap(e -> e.find(a)).ifPresent(d -> todo.addAll(d.dependencies()));
        }
        return changes.stream().filter(c -> keep.contains(c.address())).toList();
    }
}
