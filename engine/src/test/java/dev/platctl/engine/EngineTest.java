package dev.platctl.engine;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.apply.ApplyListener;
import dev.platctl.engine.apply.ApplyOptions;
import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.graph.Cancellation;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
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
import dev.platctl.engine.testing.FakeProvider;
import dev.platctl.engine.testing.Workspace;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTest {
    static final String MODULE = """
            module {
              name    = "things"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "size" {
              type    = number
              default = 1
            }
            input "flavour" {
              type    = string
              default = "plain"
            }
            resource "fake_thing" "base" {
              name  = "${request.name}-base-${input.flavour}"
              value = input.size
            }
            resource "fake_thing" "child" {
              name  = "${request.name}-child"
              value = "from-${fake_thing.base.id}"
            }
            output "base_id" {
              value = fake_thing.base.id
            }
            """;

    @TempDir
    Path dir;
    Workspace ws;
    FakeProvider fake;
    InMemoryStateStore store;
    Engine engine;

    @BeforeEach
    void setUp() {
        ws = new Workspace(dir).file("modules/things/module.hcl", MODULE);
        fake = new FakeProvider();
        store = new InMemoryStateStore();
        engine = new Engine(new Providers(List.of(fake)), store, Clock.systemUTC(), 4);
    }

    Configuration config() {
        Diagnostics d = new Diagnostics();
        Optional<Configuration> cfg = ConfigLoader.load(dir, d);
        assertFalse(d.hasErrors(), d::toString);
        return cfg.orElseThrow();
    }

    static LockInfo who() {
        return new LockInfo("test", "test", "tester", "localhost", 1, Instant.EPOCH);
    }

    Plan plan(PlanOptions opts) {
        Configuration cfg = opts.mode() == Plan.Mode.NORMAL ? config() : null;
        try (StackLocks locks = engine.lock(engine.stacks(Optional.ofNullable(cfg)), who(), Duration.ZERO)) {
            Diagnostics d = new Diagnostics();
            Optional<Plan> p = engine.plan(cfg, locks, opts, d);
            assertFalse(d.hasErrors(), d::toString);
            return p.orElseThrow();
        }
    }

    Plan plan() {
        return plan(PlanOptions.normal());
    }

    ApplyResult apply(Plan plan) {
        Configuration cfg = plan.mode() == Plan.Mode.NORMAL ? config() : null;
        try (StackLocks locks = engine.lock(new java.util.TreeSet<>(plan.stacks().stream().map(s -> s.stack()).toList()), who(), Duration.ZERO)) {
            return engine.apply(cfg, plan, locks, new ApplyOptions(4, 4, "tester", "apply", new Cancellation()), ApplyListener.NONE, "hash");
        }
    }

    static Map<String, Action> actions(Plan p) {
        Map<String, Action> m = new TreeMap<>();
        for (ResourceChange c : p.changes()) m.put(c.address().toString(), c.action());
        return m;
    }

    static ResourceChange change(Plan p, String address) {
        return p.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void firstPlanCreatesEveryResourceAndLeavesComputedReferencesUnknown() {
        ws.request("payments", "pay", "things@1.0.0", "size: 2");
        Plan p = plan();
        assertEquals(Map.of("pay.fake_thing.base", Action.CREATE, "pay.fake_thing.child", Action.CREATE), actions(p));
        ObjectValue child = (ObjectValue) change(p, "pay.fake_thing.child").after();
        assertInstanceOf(UnknownValue.class, child.getOrNull("value"), "a template over an unknown id is unknown");
        assertEquals(new StringValue("pay-child"), child.getOrNull("name"));
        assertEquals(ChangeReason.NOT_IN_STATE, change(p, "pay.fake_thing.base").reason());
        assertTrue(fake.calls.isEmpty(), "planning calls no create/update/delete");
    }

    @Test
    void applyResolvesUnknownsFromFinishedDependenciesAndCommitsEachStep() {
        ws.request("payments", "pay", "things@1.0.0");
        ApplyResult r = apply(plan());
        assertTrue(r.succeeded(), r.diagnostics()::toString);
        Map<ResourceAddress, ResourceState> st = store.read("payments").resources();
        String baseId = ((StringValue) ((ObjectValue) st.get(ResourceAddress.parse("pay.fake_thing.base")).attributes()).getOrNull("id")).value();
        assertEquals(new StringValue("from-" + baseId), st.get(ResourceAddress.parse("pay.fake_thing.child")).attributes().getOrNull("value"));
        assertTrue(st.values().stream().allMatch(s -> s.status() == ResourceStatus.CREATED));
        assertEquals(List.of("create pay-base-plain", "create pay-child"), fake.calls, "dependencies first");
        assertEquals(1, store.history("payments").size());
    }

    @Test
    void secondPlanAfterApplyHasNoChanges() {
        ws.request("payments", "pay", "things@1.0.0");
        apply(plan());
        Plan again = plan();
        assertFalse(again.hasChanges(), () -> actions(again).toString());
        assertTrue(again.drift().isEmpty());
    }

    @Test
    void changingAnInputUpdatesInPlace() {
        ws.request("payments", "pay", "things@1.0.0", "size: 1");
        apply(plan());
        ws.request("payments", "pay", "things@1.0.0", "size: 5");
        Plan p = plan();
        assertEquals(Map.of("pay.fake_thing.base", Action.UPDATE, "pay.fake_thing.child", Action.NO_OP), actions(p));
        assertEquals(ChangeReason.CONFIG_CHANGED, change(p, "pay.fake_thing.base").reason());
        assertTrue(apply(p).succeeded());
        assertFalse(plan().hasChanges());
    }

    @Test
    void changingAnAttributeThatForcesReplacementReplacesAndUpdatesDependents() {
        ws.request("payments", "pay", "things@1.0.0");
        apply(plan());
        ws.request("payments", "pay", "things@1.0.0", "flavour: spicy");
        Plan p = plan();
        assertEquals(Action.DELETE_THEN_CREATE, change(p, "pay.fake_thing.base").action());
        assertEquals(Set.of(dev.platctl.engine.address.AttributePath.of("name")), change(p, "pay.fake_thing.base").replacePaths());
        assertEquals(Action.UPDATE, change(p, "pay.fake_thing.child").action(), "the child's value refers to the new id");
        ApplyResult r = apply(p);
        assertTrue(r.succeeded(), r.diagnostics()::toString);
        assertFalse(plan().hasChanges());
        assertEquals(2, fake.objects.size());
    }

    @Test
    void deletingARequestDeletesItsResourcesDependentsFirst() {
        ws.request("payments", "pay", "things@1.0.0");
        apply(plan());
        fake.calls.clear();
        ws.delete("requests/payments/pay.yaml");
        Plan p = plan();
        assertEquals(Map.of("pay.fake_thing.base", Action.DELETE, "pay.fake_thing.child", Action.DELETE), actions(p));
        assertEquals(ChangeReason.NO_LONGER_DESIRED, change(p, "pay.fake_thing.base").reason());
        assertTrue(apply(p).succeeded());
        assertEquals(List.of("delete \"pay-child\"", "delete \"pay-base-plain\""), fake.calls);
        assertTrue(store.read("payments").resources().isEmpty());
    }

    @Test
    void destroyEmptiesEveryStackInReverseOrder() {
        ws.request("payments", "pay", "things@1.0.0").request("search", "idx", "things@1.0.0");
        apply(plan());
        Plan p = plan(new PlanOptions(Plan.Mode.DESTROY, true, Set.of()));
        assertEquals(4, p.count(Action.DELETE));
        assertTrue(apply(p).succeeded());
        assertTrue(store.read("payments").isEmpty() && store.read("search").isEmpty());
        assertTrue(fake.objects.isEmpty());
    }

    @Test
    void objectDeletedOutsideIsDriftAndRecreated() {
        ws.request("payments", "pay", "things@1.0.0");
        apply(plan());
        String id = ((StringValue) store.read("payments").resources().get(ResourceAddress.parse("pay.fake_thing.child")).attributes().getOrNull("id")).value();
        fake.objects.remove(id);
        Plan drift = plan(new PlanOptions(Plan.Mode.REFRESH_ONLY, true, Set.of()));
        assertEquals(1, drift.drift().size());
        assertTrue(drift.drift().get(0).gone());
        Plan p = plan();
        assertEquals(Action.CREATE, change(p, "pay.fake_thing.child").action());
        assertEquals(ChangeReason.GONE, change(p, "pay.fake_thing.child").reason());
    }

    @Test
    void objectChangedOutsideIsDriftAndRepaired() {
        ws.request("payments", "pay", "things@1.0.0");
        apply(plan());
        String id = ((StringValue) store.read("payments").resources().get(ResourceAddress.parse("pay.fake_thing.base")).attributes().getOrNull("id")).value();
        fake.objects.put(id, fake.objects.get(id).with("value", Value.of(99)));
        Plan p = plan();
        assertEquals(1, p.drift().size());
        assertEquals(Action.UPDATE, change(p, "pay.fake_thing.base").action());
        assertEquals(ChangeReason.DRIFTED, change(p, "pay.fake_thing.base").reason());
        assertTrue(apply(p).succeeded());
        assertEquals(Value.of(1), fake.objects.get(id).getOrNull("value"));
        assertEquals(Value.of(99), fake.updatePriors.get(0).getOrNull("value"), "the update is given the object as refreshed, not as stored");
    }

    @Test
    void failedCreateSkipsDependentsAndOtherRequestsStillApply() {
        ws.request("payments", "pay", "things@1.0.0").request("search", "idx", "things@1.0.0");
        fake.failOn.add("pay-base-plain");
        ApplyResult r = apply(plan());
        assertFalse(r.succeeded());
        assertEquals("failed", r.outcomes().get(ResourceAddress.parse("pay.fake_thing.base")));
        assertEquals("skipped", r.outcomes().get(ResourceAddress.parse("pay.fake_thing.child")));
        assertEquals("ok", r.outcomes().get(ResourceAddress.parse("idx.fake_thing.child")));
        assertTrue(r.diagnostics().toString().contains("cannot create fake_thing pay.fake_thing.base: FakeError"), r.diagnostics()::toString);
        assertTrue(store.read("payments").isEmpty(), "a failed create whose object does not exist leaves no intent behind");
        fake.failOn.clear();
        assertEquals(2, plan().count(Action.CREATE));
    }

    @Test
    void pendingCreateIntentIsAdoptedWhenTheObjectExists() {
        ws.request("payments", "pay", "things@1.0.0");
        apply(plan());
        ResourceAddress base = ResourceAddress.parse("pay.fake_thing.base");
        try (StackLock l = store.lock("payments", who(), Duration.ZERO)) {
            ResourceState s = l.current().find(base).orElseThrow();
            l.put(s.withStatus(ResourceStatus.PENDING_CREATE));
        }
        Plan p = plan();
        assertFalse(p.hasChanges(), () -> actions(p).toString());
        assertEquals(ResourceStatus.CREATED, store.read("payments").find(base).orElseThrow().status());
        assertEquals(2, fake.objects.size(), "adopted, not created twice");
    }

    @Test
    void pendingCreateIntentWhoseObjectIsMissingIsCreatedAgain() {
        ws.request("payments", "pay", "things@1.0.0");
        apply(plan());
        ResourceAddress child = ResourceAddress.parse("pay.fake_thing.child");
        try (StackLock l = store.lock("payments", who(), Duration.ZERO)) {
            ResourceState s = l.current().find(child).orElseThrow();
            fake.objects.remove(((StringValue) s.attributes().getOrNull("id")).value());
            l.put(s.withStatus(ResourceStatus.PENDING_CREATE).withAttributes(s.attributes().without("id")));
        }
        Plan p = plan();
        assertEquals(Action.CREATE, change(p, "pay.fake_thing.child").action());
        assertEquals(ChangeReason.INTERRUPTED_CREATE, change(p, "pay.fake_thing.child").reason());
    }

    @Test
    void stalePlanIsRefusedAfterSomeoneElseApplied() {
        ws.request("payments", "pay", "things@1.0.0");
        Plan first = plan();
        apply(plan());
        assertThrows(StalePlanException.class, () -> apply(first));
    }

    @Test
    void secondLockOnAStackNamesTheHolder() {
        ws.request("payments", "pay", "things@1.0.0");
        try (StackLocks held = engine.lock(engine.stacks(Optional.of(config())), who(), Duration.ZERO)) {
            var ex = assertThrows(dev.platctl.engine.state.StateLockedException.class,
                    () -> engine.lock(engine.stacks(Optional.of(config())), new LockInfo("x", "plan", "other", "h", 2, Instant.EPOCH), Duration.ZERO));
            assertTrue(ex.getMessage().contains("tester@localhost"), ex.getMessage());
        }
    }

    @Test
    void targetLimitsThePlanToTheTargetAndItsDependencies() {
        ws.request("payments", "pay", "things@1.0.0").request("search", "idx", "things@1.0.0");
        Plan p = plan(new PlanOptions(Plan.Mode.NORMAL, true, Set.of(ResourceAddress.parse("pay.fake_thing.child"))));
        assertEquals(Map.of("pay.fake_thing.base", Action.CREATE, "pay.fake_thing.child", Action.CREATE), actions(p));
        assertEquals(1, p.warnings().size());
    }

    @Test
    void outputsAreUnknownAtPlanAndKnownFromState() {
        ws.request("payments", "pay", "things@1.0.0");
        Plan p = plan();
        assertInstanceOf(UnknownValue.class, p.outputs().get("pay").get("base_id"));
        apply(p);
        Diagnostics d = new Diagnostics();
        Value out = engine.outputs(config(), d).get("pay").get("base_id");
        assertInstanceOf(StringValue.class, out);
    }

    @Test
    void planOfTheSameInputIsEqual() {
        ws.request("payments", "pay", "things@1.0.0").request("search", "idx", "things@1.0.0");
        assertEquals(plan(), plan());
    }
}
