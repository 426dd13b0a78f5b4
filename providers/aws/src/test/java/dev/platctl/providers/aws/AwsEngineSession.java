package dev.platctl.providers.aws;

import dev.platctl.engine.Engine;
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
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.value.ObjectValue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine over a workspace folder and one AWS provider, with the steps the engine-level AWS tests take: plan,
 * apply, drift, and importing every object of one state into another by its id, as a user adopting them would.
 */
final class AwsEngineSession {
    static final PlanOptions NORMAL = PlanOptions.normal();
    static final PlanOptions REFRESH_ONLY = new PlanOptions(Plan.Mode.REFRESH_ONLY, true, Set.of());
    static final PlanOptions DESTROY = new PlanOptions(Plan.Mode.DESTROY, true, Set.of());

    private final Path dir;
    private final AwsProvider provider;

    AwsEngineSession(Path dir, AwsProvider provider) {
        this.dir = dir;
        this.provider = provider;
    }

    Engine engine(InMemoryStateStore store) {
        return new Engine(new Providers(List.of(provider)), store, Clock.systemUTC(), 4);
    }

    Configuration config() {
        Diagnostics d = new Diagnostics();
        Optional<Configuration> cfg = ConfigLoader.load(dir, d);
        assertFalse(d.hasErrors(), d::toString);
        return cfg.orElseThrow();
    }

    /** Plans every stack; fails on diagnostics with errors. */
    Plan plan(Engine engine, PlanOptions opts) {
        Configuration cfg = opts.mode() == Plan.Mode.NORMAL ? config() : null;
        try (StackLocks locks = engine.lock(engine.stacks(Optional.ofNullable(cfg)), who(), Duration.ZERO)) {
            Diagnostics d = new Diagnostics();
            Optional<Plan> p = engine.plan(cfg, locks, opts, d);
            assertFalse(d.hasErrors(), d::toString);
            return p.orElseThrow();
        }
    }

    /** Applies; fails unless every step succeeded. */
    void apply(Engine engine, Plan plan) {
        ApplyResult r = tryApply(engine, plan);
        assertTrue(r.succeeded(), r.diagnostics()::toString);
    }

    /** Applies; the result may hold failures. */
    ApplyResult tryApply(Engine engine, Plan plan) {
        Configuration cfg = plan.mode() == Plan.Mode.NORMAL ? config() : null;
        try (StackLocks locks = engine.lock(new TreeSet<>(plan.stacks().stream().map(s -> s.stack()).toList()), who(), Duration.ZERO)) {
            return engine.apply(cfg, plan, locks, new ApplyOptions(4, 4, "tester", "apply", new Cancellation()),
                    ApplyListener.NONE, "hash");
        }
    }

    /** Imports every resource of {@code stack} in {@code from} by its {@code id} attribute into {@code to}. */
    void importAll(String stack, InMemoryStateStore from, InMemoryStateStore to) {
        try (StackLock lock = to.lock(stack, who(), Duration.ZERO)) {
            for (ResourceState r : from.read(stack).resources().values()) {
                String id = Attrs.string(r.attributes(), "id").orElseThrow();
                ObjectValue imported = provider.resourceType(r.type()).orElseThrow().importState(id)
                        .orElseThrow(() -> new AssertionError("cannot import " + r.address() + " by " + id));
                lock.put(new ResourceState(r.address(), ResourceStatus.CREATED, imported, r.dependencies(),
                        r.address().toString(), r.module()));
            }
        }
    }

    /** The changes that do something, by address. */
    static Map<String, Action> actions(Plan p) {
        Map<String, Action> m = new TreeMap<>();
        for (ResourceChange c : p.changes()) if (c.action() != Action.NO_OP) m.put(c.address().toString(), c.action());
        return m;
    }

    static ResourceChange change(Plan p, String address) {
        return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
    }

    /** The addresses the plan found drifted, sorted. */
    static List<String> drifted(Plan p) {
        return p.drift().stream().map(d -> d.address().toString()).sorted().toList();
    }

    static ObjectValue attributes(InMemoryStateStore store, String stack, String address) {
        return store.read(stack).resources().entrySet().stream().filter(e -> e.getKey().toString().equals(address))
                .findFirst().orElseThrow().getValue().attributes();
    }

    private static LockInfo who() {
        return new LockInfo("test", "test", "tester", "localhost", 1, Instant.EPOCH);
    }
}
