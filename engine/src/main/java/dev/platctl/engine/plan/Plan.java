package dev.platctl.engine.plan;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.policy.PolicyResult;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable, deterministic plan: the same configuration and state give an equal plan. {@code mode}
 * is normal, destroy or refresh-only; {@code configHash} identifies the configuration it was made
 * from; {@code outputs} are the requests' outputs as far as they are known; {@code policyResults} what
 * policies set, found broken or could not decide.
 */
public record Plan(Mode mode, String configHash, List<StackSnapshot> stacks, List<ResourceChange> changes,
                   List<Drift> drift, Map<String, Map<String, dev.platctl.engine.value.Value>> outputs,
                   List<Diagnostic> warnings, List<PolicyResult> policyResults) {

    /** What kind of plan. */
    public enum Mode { NORMAL, DESTROY, REFRESH_ONLY }

    public Plan {
        stacks = stacks.stream().sorted(Comparator.comparing(StackSnapshot::stack)).toList();
        changes = changes.stream().sorted(Comparator.comparing(ResourceChange::address)).toList();
        drift = drift.stream().sorted(Comparator.comparing(Drift::address)).toList();
        TreeMap<String, Map<String, dev.platctl.engine.value.Value>> o = new TreeMap<>();
        outputs.forEach((k, v) -> o.put(k, java.util.Collections.unmodifiableMap(new TreeMap<>(v))));
        outputs = java.util.Collections.unmodifiableMap(o);
        warnings = List.copyOf(warnings);
        policyResults = policyResults.stream().sorted(PolicyResult.ORDER).toList();
    }

    /** A plan without policy results. */
    public Plan(Mode mode, String configHash, List<StackSnapshot> stacks, List<ResourceChange> changes, List<Drift> drift,
                Map<String, Map<String, dev.platctl.engine.value.Value>> outputs, List<Diagnostic> warnings) {
        this(mode, configHash, stacks, changes, drift, outputs, warnings, List.of());
    }

    /** This plan with {@code more} policy results added. */
    public Plan withPolicyResults(List<PolicyResult> more) {
        List<PolicyResult> all = new java.util.ArrayList<>(policyResults);
        all.addAll(more);
        return new Plan(mode, configHash, stacks, changes, drift, outputs, warnings, all);
    }

    /** True when applying would change something. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action() != Action.NO_OP);
    }

    public long count(Action... actions) {
        List<Action> as = List.of(actions);
        return changes.stream().filter(c -> as.contains(c.action())).count();
    }
}
