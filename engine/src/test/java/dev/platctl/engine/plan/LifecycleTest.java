package dev.platctl.engine.plan;

import dev.platctl.engine.apply.ApplyListener;
import dev.platctl.engine.apply.ApplyOptions;
import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.graph.Cancellation;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static dev.platctl.engine.testing.EngineHarness.change;
import static dev.platctl.engine.testing.EngineHarness.changes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lifecycle { prevent_destroy, ignore_changes, create_before_destroy } as a plan and an apply see them. */
class LifecycleTest {
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
            input "copies" {
              type    = number
              default = 1
            }
            resource "fake_thing" "base" {
              count = input.copies
              name  = "${request.name}-base-${input.flavour}-${count.index}"
              value = input.size
              lifecycle {
                LIFECYCLE
              }
            }
            """;
    static final String MODULE_FILE = "modules/things/module.hcl";

    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir);
    }

    void lifecycle(String settings) {
        h.ws.file(MODULE_FILE, MODULE.replace("LIFECYCLE", settings));
    }

    Diagnostic planError() {
        Diagnostics d = new Diagnostics();
        Optional<Plan> p = h.tryPlan(d);
        assertTrue(p.isEmpty() && d.hasErrors(), () -> "expected the plan to fail, got " + p);
        return d.errors().get(0);
    }

    @Test
    void preventDestroyFailsThePlanThatWouldReplaceIt() {
        lifecycle("prevent_destroy = true");
        h.ws.request("payments", "pay", "things@1.0.0");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "flavour: spicy");
        Diagnostic e = planError();
        assertEquals("Instance cannot be destroyed", e.summary());
        assertEquals("resource pay.fake_thing.base[0] has lifecycle.prevent_destroy set, but the plan would replace it (an attribute that "
                + "forces replacement changed). To go ahead, set prevent_destroy = false in module things@1.0.0 first, or leave "
                + "pay.fake_thing.base[0] out of the plan with --target.", e.detail());
        assertEquals(MODULE_FILE, e.subject().orElseThrow().file());
        assertEquals(23, e.subject().orElseThrow().start().line(), "points at prevent_destroy in the lifecycle block");
    }

    @Test
    void preventDestroyFailsThePlanThatWouldDeleteAnInstance() {
        lifecycle("prevent_destroy = true");
        h.ws.request("payments", "pay", "things@1.0.0", "copies: 2");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "copies: 1");
        assertTrue(planError().detail().startsWith("resource pay.fake_thing.base[1] has lifecycle.prevent_destroy set, but the plan would delete it"));
    }

    @Test
    void preventDestroyFailsADestroyPlanMadeWithTheConfiguration() {
        lifecycle("prevent_destroy = true");
        h.ws.request("payments", "pay", "things@1.0.0");
        h.converge();
        Diagnostics d = new Diagnostics();
        assertTrue(h.tryPlan(d, new PlanOptions(Plan.Mode.DESTROY, true, java.util.Set.of(), true)).isEmpty(),
                "--allow-destroy is for policies; prevent_destroy is changed in the module");
        assertTrue(d.errors().get(0).detail().startsWith("resource pay.fake_thing.base[0] has lifecycle.prevent_destroy set, but the plan "
                + "would delete it (destroy requested)"), d::toString);
    }

    @Test
    void preventDestroyAllowsAnUpdateInPlace() {
        lifecycle("prevent_destroy = true");
        h.ws.request("payments", "pay", "things@1.0.0");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "size: 5");
        assertEquals(Map.of("pay.fake_thing.base[0]", Action.UPDATE), changes(h.plan()));
    }

    @Test
    void ignoreChangesKeepsThePriorValue() {
        lifecycle("ignore_changes = [value]");
        h.ws.request("payments", "pay", "things@1.0.0", "size: 1");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "size: 7");
        Plan p = h.plan();
        assertFalse(p.hasChanges(), () -> changes(p).toString());
        assertEquals(Value.of(1), h.stored("payments", "pay.fake_thing.base[0]", "value"));
    }

    @Test
    void ignoreChangesLeavesDriftInThatAttributeAlone() {
        lifecycle("ignore_changes = [value]");
        h.ws.request("payments", "pay", "things@1.0.0");
        h.converge();
        String id = ((StringValue) h.stored("payments", "pay.fake_thing.base[0]", "id")).value();
        h.fake.objects.put(id, h.fake.objects.get(id).with("value", Value.of(42)));
        Plan p = h.plan();
        assertEquals(1, p.drift().size(), "the drift is still reported");
        assertFalse(p.hasChanges(), () -> changes(p).toString());
    }

    @Test
    void ignoreChangesStillReplacesWhenAnotherAttributeForcesIt() {
        lifecycle("ignore_changes = [value]");
        h.ws.request("payments", "pay", "things@1.0.0", "size: 1");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "size: 9", "flavour: spicy");
        Plan p = h.plan();
        assertEquals(Action.DELETE_THEN_CREATE, change(p, "pay.fake_thing.base[0]").action());
        h.apply(p);
        assertEquals(Value.of(1), h.stored("payments", "pay.fake_thing.base[0]", "value"), "the ignored attribute keeps its prior value");
    }

    @Test
    void ignoreChangesAllKeepsEveryAttribute() {
        lifecycle("ignore_changes = all");
        h.ws.request("payments", "pay", "things@1.0.0");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "size: 3", "flavour: spicy");
        assertFalse(h.plan().hasChanges());
    }

    @Test
    void createBeforeDestroyCreatesTheNewObjectFirst() {
        lifecycle("create_before_destroy = true");
        h.ws.request("payments", "pay", "things@1.0.0");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "flavour: spicy");
        Plan p = h.plan();
        assertEquals(Action.CREATE_THEN_DELETE, change(p, "pay.fake_thing.base[0]").action());
        h.fake.calls.clear();
        h.apply(p);
        assertEquals(List.of("create pay-base-spicy-0", "delete \"pay-base-plain-0\""), h.fake.calls);
        assertEquals(1, h.fake.objects.size());
        assertEquals(new StringValue("pay-base-spicy-0"), h.stored("payments", "pay.fake_thing.base[0]", "name"));
        assertFalse(h.plan().hasChanges());
    }

    @Test
    void createBeforeDestroyKeepsTheOldObjectWhenTheCreateFails() {
        lifecycle("create_before_destroy = true");
        h.ws.request("payments", "pay", "things@1.0.0");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "flavour: spicy");
        Plan p = h.plan();
        h.fake.failOn.add("pay-base-spicy-0");
        ApplyResult r;
        try (StackLocks locks = h.engine.lock(new TreeSet<>(List.of("payments")),
                new LockInfo("t", "apply", "t", "h", 1, Instant.EPOCH), Duration.ZERO)) {
            r = h.engine.apply(h.config(), p, locks, new ApplyOptions(2, 2, "t", "apply", new Cancellation()), ApplyListener.NONE, "hash");
        }
        assertFalse(r.succeeded());
        assertEquals(new StringValue("pay-base-plain-0"), h.stored("payments", "pay.fake_thing.base[0]", "name"));
        assertEquals(1, h.fake.objects.size(), "the old object was not deleted");
    }
}
