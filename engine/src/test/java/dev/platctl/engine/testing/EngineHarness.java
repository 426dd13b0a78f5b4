package dev.platctl.engine.testing;

import dev.platctl.engine.Engine;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.apply.ApplyListener;
import dev.platctl.engine.apply.ApplyOptions;
import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.graph.Cancellation;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.retry.RetryPolicy;
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

/** An engine on an inline workspace, a fake provider and an in-memory state store, with the plan/apply steps tests repeat. */
public final class EngineHarness {
    public final Workspace ws;
    public final FakeProvider fake = new FakeProvider();
    public final InMemoryStateStore store = new InMemoryStateStore();
    public final Engine engine;

    public EngineHarness(Path dir) {
        this(dir, RetryPolicy.DEFAULT);
    }

    /** {@code retry}: how the engine's refresh and import retry throttled reads (tests pass one that does not sleep). */
    public EngineHarness(Path dir, RetryPolicy retry) {
        ws = new Workspace(dir);
        engine = new Engine(new Providers(List.of(fake)), store, Clock.systemUTC(), 4, retry);
    }

    /** The configuration, or the diagnostics' text as an exception when it has errors. */
    public Configuration config() {
        Diagnostics d = new Diagnostics();
        Optional<Configuration> cfg = ConfigLoader.load(ws.dir, d);
        if (d.hasErrors()) throw new AssertionError(d.toString());
        return cfg.orElseThrow();
    }

    /** Plans; the result holds the plan or the diagnostics. */
    public Optional<Plan> tryPlan(Diagnostics d) {
        return tryPlan(d, PlanOptions.normal());
    }

    /** Plans with these options, e.g. a destroy; the result holds the plan or the diagnostics. */
    public Optional<Plan> tryPlan(Diagnostics d, PlanOptions opts) {
        Configuration cfg = config();
        try (StackLocks locks = engine.lock(engine.stacks(Optional.of(cfg)), who(), Duration.ZERO)) {
            return engine.plan(cfg, locks, opts, d);
        }
    }

    /** Plans only {@code stacks}, locking only them, as {@code platctl plan --stack} does. */
    public Optional<Plan> tryPlan(Set<String> stacks, Diagnostics d) {
        Configuration cfg = config();
        try (StackLocks locks = engine.lockAll(Optional.of(cfg), stacks, who(), Duration.ZERO)) {
            return engine.plan(cfg, locks, new PlanOptions(Plan.Mode.NORMAL, true, Set.of(), stacks), d);
        }
    }

    public Plan plan(String... stacks) {
        Diagnostics d = new Diagnostics();
        Optional<Plan> p = tryPlan(Set.of(stacks), d);
        if (d.hasErrors()) throw new AssertionError(d.toString());
        return p.orElseThrow();
    }

    public Plan plan() {
        Diagnostics d = new Diagnostics();
        Optional<Plan> p = tryPlan(d);
        if (d.hasErrors()) throw new AssertionError(d.toString());
        return p.orElseThrow();
    }

    public ApplyResult apply(Plan plan) {
        ApplyResult r = tryApply(plan);
        if (!r.succeeded()) throw new AssertionError(r.diagnostics().toString());
        return r;
    }

    /** Applies; the result may hold failures. */
    public ApplyResult tryApply(Plan plan) {
        try (StackLocks locks = engine.lock(new TreeSet<>(plan.stacks().stream().map(s -> s.stack()).toList()), who(), Duration.ZERO)) {
            return engine.apply(config(), plan, locks, new ApplyOptions(4, 4, "tester", "apply", new Cancellation()), ApplyListener.NONE, "hash");
        }
    }

    /** Plans and applies, returning the plan that was applied. */
    public Plan converge() {
        Plan p = plan();
        apply(p);
        return p;
    }

    public static Map<String, Action> actions(Plan p) {
        Map<String, Action> m = new TreeMap<>();
        for (ResourceChange c : p.changes()) m.put(c.address().toString(), c.action());
        return m;
    }

    /** The changes that do something, by address. */
    public static Map<String, Action> changes(Plan p) {
        Map<String, Action> m = actions(p);
        m.values().removeIf(a -> a == Action.NO_OP);
        return m;
    }

    public static ResourceChange change(Plan p, String address) {
        return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
    }

    /** An attribute of a resource in state. */
    public Value stored(String stack, String address, String attribute) {
        return ((ObjectValue) store.read(stack).resources().get(ResourceAddress.parse(address)).attributes()).getOrNull(attribute);
    }

    /** The addresses in a stack's state, in order. */
    public List<String> addresses(String stack) {
        return store.read(stack).resources().keySet().stream().sorted().map(ResourceAddress::toString).toList();
    }

    public static LockInfo who() {
        return new LockInfo("test", "test", "tester", "localhost", 1, Instant.EPOCH);
    }
}
