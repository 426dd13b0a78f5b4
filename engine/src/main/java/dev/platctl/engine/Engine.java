package dev.platctl.engine;

import dev.platctl.engine.apply.ApplyListener;
import dev.platctl.engine.apply.ApplyOptions;
import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.apply.Applier;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.plan.Expander;
import dev.platctl.engine.plan.Expansion;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.plan.Planner;
import dev.platctl.engine.plan.ResourceEvaluator;
import dev.platctl.engine.plan.StackSnapshot;
import dev.platctl.engine.policy.PolicyEngine;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.refresh.Refreshed;
import dev.platctl.engine.refresh.Refresher;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The pipeline in one place: lock → refresh → expand → plan → apply. Stateless between calls apart from
 * what it is given; the CLI (or a test) wires providers, a state store and a clock in.
 */
public final class Engine {
    private final Providers providers;
    private final StateStore store;
    private final Clock clock;
    private final int parallelism;

    public Engine(Providers providers, StateStore store, Clock clock, int parallelism) {
        this.providers = providers;
        this.store = store;
        this.clock = clock;
        this.parallelism = parallelism;
    }

    /** The stacks an operation on {@code cfg} touches: those with requests and those with state. */
    public SortedSet<String> stacks(Optional<Configuration> cfg) {
        TreeSet<String> s = new TreeSet<>(store.stacks());
        cfg.ifPresent(c -> s.addAll(c.stacks()));
        return s;
    }

    public StackLocks lock(SortedSet<String> stacks, LockInfo who, Duration wait) {
        return StackLocks.acquire(store, stacks, who, wait);
    }

    /**
     * Locks the stacks an operation touches ({@code only}, or all those of the configuration and the
     * store), waiting up to {@code wait} in total: listing the store's stacks may itself find the
     * store held by another run, and that wait counts too.
     */
    public StackLocks lockAll(Optional<Configuration> cfg, java.util.Collection<String> only, LockInfo who, Duration wait) {
        java.time.Instant deadline = clock.instant().plus(wait);
        long backoff = 50;
        while (true) {
            try {
                SortedSet<String> stacks = only.isEmpty() ? stacks(cfg) : new TreeSet<>(only);
                Duration left = Duration.between(clock.instant(), deadline);
                return lock(stacks, who, left.isNegative() ? Duration.ZERO : left);
            } catch (dev.platctl.engine.state.StateLockedException e) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) throw e;
                try {
                    Thread.sleep(Math.min(backoff, left.toMillis() + 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 1000);
            }
        }
    }

    /** Expands the configuration into desired resources and their graph; empty with diagnostics on errors. */
    public Optional<Expansion> expand(Configuration cfg, Diagnostics diags) {
        return Expander.expand(cfg, providers, diags);
    }

    /**
     * Plans under the given locks. Returns empty when there were errors (in {@code diags}). {@code cfg}
     * may be null for destroy and refresh-only plans; a destroy plan with it checks prevent_destroy and the
     * policies (action "delete") too.
     */
    public Optional<Plan> plan(Configuration cfg, StackLocks locks, PlanOptions opts, Diagnostics diags) {
        Optional<Expansion> exp = Optional.empty();
        if (opts.mode() == Plan.Mode.NORMAL) {
            exp = expand(cfg, diags);
            if (exp.isEmpty()) return Optional.empty();
        }
        Map<ResourceAddress, Refreshed> refreshed = new Refresher(providers, parallelism)
                .refresh(locks.byStack(), opts.refresh(), diags);
        if (diags.hasErrors()) return Optional.empty();
        PolicyEngine policies = policies(cfg, opts.allowDestroy());
        policies.checkSchemas(diags);
        if (diags.hasErrors()) return Optional.empty();
        Plan plan = new Planner(providers, new ResourceEvaluator(), policies).plan(cfg, exp, locks.byStack(), refreshed, opts, diags);
        if (opts.mode() != Plan.Mode.REFRESH_ONLY && !diags.hasErrors())
            plan = plan.withPolicyResults(policies.validate(cfg, plan.changes(), diags));
        return diags.hasErrors() ? Optional.empty() : Optional.of(plan);
    }

    /**
     * Applies a plan under the given locks. A plan made against other stack serials (someone applied in
     * between) or another configuration is refused as stale.
     */
    public ApplyResult apply(Configuration cfg, Plan plan, StackLocks locks, ApplyOptions opts, ApplyListener listener,
                             String planHash) {
        for (StackSnapshot s : plan.stacks()) {
            var lock = locks.byStack().get(s.stack());
            if (lock == null) throw new PlatctlException("cannot apply the plan: stack '" + s.stack() + "' is not locked");
            StackState now = lock.current();
            boolean otherLineage = !s.lineage().isEmpty() && !now.lineage().equals(s.lineage());
            if (otherLineage || now.serial() != s.serial())
                throw new StalePlanException(s.stack(), s, now.lineage(), now.serial());
        }
        if (plan.mode() == Plan.Mode.NORMAL && cfg != null && !plan.configHash().equals(cfg.hash()))
            throw new StalePlanException("the configuration changed since the plan was made");
        Optional<Expansion> exp = Optional.empty();
        if (plan.mode() == Plan.Mode.NORMAL) {
            Diagnostics d = new Diagnostics();
            exp = expand(cfg, d);
            if (exp.isEmpty()) throw new dev.platctl.engine.diag.DiagnosticsException(d);
        }
        PolicyEngine policies = policies(cfg, opts.allowDestroy());
        return new Applier(providers, new ResourceEvaluator(), policies, policies, clock, listener).apply(plan, exp, locks.byStack(), opts, planHash);
    }

    /** The configuration's policies; none for runs without a configuration (a destroy of a workspace that no longer loads). */
    private PolicyEngine policies(Configuration cfg, boolean allowDestroy) {
        return new PolicyEngine(cfg == null ? java.util.List.of() : cfg.policies(), providers, allowDestroy);
    }

    /** The outputs of every request, evaluated from state (no refresh). */
    public Map<String, Map<String, dev.platctl.engine.value.Value>> outputs(Configuration cfg, Diagnostics diags) {
        Map<ResourceAddress, dev.platctl.engine.value.Value> values = new java.util.HashMap<>();
        for (String s : stacks(Optional.of(cfg)))
            store.read(s).resources().forEach((a, r) -> values.put(a, r.attributes()));
        Map<String, Map<String, dev.platctl.engine.value.Value>> out = new java.util.TreeMap<>();
        Optional<Expansion> exp = expand(cfg, diags);
        if (exp.isEmpty()) return out;
        for (var r : cfg.requests()) {
            var m = cfg.moduleOfRequest().get(r.name());
            if (m != null && !m.outputs().isEmpty())
                out.put(r.name(), new ResourceEvaluator().outputs(r, m, exp.get().instancesOf(r.name()), a -> Optional.ofNullable(values.get(a)), diags));
        }
        return out;
    }

    public Providers providers() {
        return providers;
    }

    public StateStore store() {
        return store;
    }
}
