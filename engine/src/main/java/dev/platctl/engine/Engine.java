package dev.platctl.engine;

import dev.platctl.engine.apply.ApplyListener;
import dev.platctl.engine.apply.ApplyOptions;
import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.apply.Applier;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.importing.ImportResult;
import dev.platctl.engine.importing.Importer;
import dev.platctl.engine.plan.DesiredResource;
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
import dev.platctl.engine.retry.RetryPolicy;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The pipeline in one place: lock → refresh → expand → plan → apply. Stateless between calls apart from
 * what it is given; the CLI (or a test) wires providers, a state store and a clock in.
 */
public final class Engine {
    private final Providers providers;
    private final StateStore store;
    private final Clock clock;
    private final int parallelism;
    private final RetryPolicy retry;

    public Engine(Providers providers, StateStore store, Clock clock, int parallelism) {
        this(providers, store, clock, parallelism, RetryPolicy.DEFAULT);
    }

    /** {@code retry}: how refresh and import retry provider reads that failed with a retryable error (apply takes its own from ApplyOptions). */
    public Engine(Providers providers, StateStore store, Clock clock, int parallelism, RetryPolicy retry) {
        this.providers = providers;
        this.store = store;
        this.clock = clock;
        this.parallelism = parallelism;
        this.retry = retry;
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
     * Locks the stacks an operation touches ({@code only}, checked against the configuration's and the store's
     * stacks when there is a configuration, or all those stacks), waiting up to {@code wait} in total: listing the
     * store's stacks may itself find the store held by another run, and that wait counts too.
     */
    public StackLocks lockAll(Optional<Configuration> cfg, java.util.Collection<String> only, LockInfo who, Duration wait) {
        java.time.Instant deadline = clock.instant().plus(wait);
        long backoff = 50;
        while (true) {
            try {
                SortedSet<String> stacks = only.isEmpty() ? stacks(cfg)
                        : cfg.isPresent() ? selectStacks(cfg, only) : new TreeSet<>(only);
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
        for (String s : opts.stacks())
            if (!locks.byStack().containsKey(s)) throw new PlatctlException("cannot plan stack '" + s + "': it is not locked");
        Optional<Expansion> exp = Optional.empty();
        if (opts.mode() == Plan.Mode.NORMAL) {
            exp = expand(cfg, diags);
            if (exp.isEmpty()) return Optional.empty();
        }
        Map<ResourceAddress, Refreshed> refreshed = new Refresher(providers, parallelism, retry)
                .refresh(locks.byStack(), opts.refresh(), diags);
        if (diags.hasErrors()) return Optional.empty();
        PolicyEngine policies = policies(cfg, opts.allowDestroy());
        policies.checkSchemas(diags);
        if (diags.hasErrors()) return Optional.empty();
        Map<ResourceAddress, ResourceState> outside = exp.map(e -> outside(e, opts::selects)).orElse(Map.of());
        Plan plan = new Planner(providers, new ResourceEvaluator(), policies).plan(cfg, exp, locks.byStack(), refreshed, outside, opts, diags);
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
        Set<String> planned = new TreeSet<>();
        for (StackSnapshot s : plan.stacks()) planned.add(s.stack());
        Map<ResourceAddress, ResourceState> outside = exp.map(e -> outside(e, planned::contains)).orElse(Map.of());
        return new Applier(providers, new ResourceEvaluator(), policies, policies, clock, listener)
                .apply(plan, exp, locks.byStack(), outside, opts, planHash);
    }

    /**
     * Imports the object the provider knows by {@code id} to {@code address}, which the configuration must declare and
     * state must not hold yet; takes the lock of the address's stack (waiting up to {@code lockWait}) for the one write.
     *
     * @throws DiagnosticsException with every problem of the configuration or the address
     */
    public ImportResult importResource(Configuration cfg, String address, String id, LockInfo who, Duration lockWait) {
        Diagnostics d = new Diagnostics();
        Expansion exp = expand(cfg, d).orElseThrow(() -> new DiagnosticsException(d));
        return new Importer(providers, store, retry, clock).importResource(exp, address, id, who, lockWait);
    }

    /**
     * Checks that every name in {@code names} is a stack of the configuration or the store.
     *
     * @throws PlatctlException naming the known stacks otherwise
     */
    public SortedSet<String> selectStacks(Optional<Configuration> cfg, Collection<String> names) {
        SortedSet<String> known = stacks(cfg);
        SortedSet<String> unknown = new TreeSet<>(names);
        unknown.removeAll(known);
        if (!unknown.isEmpty())
            throw new PlatctlException("unknown stack" + (unknown.size() > 1 ? "s " : " ") + "'" + String.join("', '", unknown)
                    + "' in --stack: the stacks are " + (known.isEmpty() ? "(none)" : String.join(", ", known)));
        return new TreeSet<>(names);
    }

    /**
     * The stored resources, read without a lock, of the stacks outside {@code selected} that resources in the
     * selected stacks refer to: a run on some stacks reads its neighbours' state but never writes it.
     */
    private Map<ResourceAddress, ResourceState> outside(Expansion exp, Predicate<String> selected) {
        Set<String> stacks = new TreeSet<>();
        for (DesiredResource d : exp.resources().values()) {
            if (!selected.test(d.stack())) continue;
            for (ResourceAddress dep : d.dependencies())
                exp.find(dep).map(DesiredResource::stack).filter(s -> !selected.test(s)).ifPresent(stacks::add);
        }
        Map<ResourceAddress, ResourceState> out = new HashMap<>();
        for (String s : stacks) out.putAll(store.read(s).resources());
        return out;
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
