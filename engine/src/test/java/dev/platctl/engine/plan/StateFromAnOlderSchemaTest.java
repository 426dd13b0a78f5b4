package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static dev.platctl.engine.testing.EngineHarness.actions;
import static dev.platctl.engine.testing.EngineHarness.who;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * State written before a resource type had an optional attribute (by an older platctl) does not hold it at all. Planned
 * as unset it is null: the same thing, so a plan without refresh must not show a change for it.
 */
class StateFromAnOlderSchemaTest {
    static final ResourceAddress ENTRY = ResourceAddress.parse("keys.fake_thing.entry");

    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir);
        h.ws.file("modules/things/module.hcl", """
                module {
                  name    = "things"
                  version = "1.0.0"
                  kind    = "Thing"
                }
                input "value" {
                  type    = any
                  default = null
                }
                resource "fake_thing" "entry" {
                  name  = "${request.name}-entry"
                  value = input.value
                }
                """).request("payments", "keys", "things@1.0.0");
        h.converge();
        try (StackLock l = h.store.lock("payments", who(), Duration.ZERO)) {
            ResourceState s = l.current().find(ENTRY).orElseThrow();
            l.put(s.withAttributes(((ObjectValue) s.attributes()).without("value")));
        }
    }

    private Plan planWithoutRefresh() {
        Diagnostics d = new Diagnostics();
        Plan p = h.tryPlan(d, new PlanOptions(Plan.Mode.NORMAL, false, Set.of())).orElseThrow(() -> new AssertionError(d.toString()));
        assertFalse(d.hasErrors(), d::toString);
        return p;
    }

    @Test
    void anOptionalAttributeTheStateDoesNotHoldAndTheConfigurationLeavesUnsetIsNoChange() {
        Plan p = planWithoutRefresh();
        assertEquals(Map.of(ENTRY.toString(), Action.NO_OP), actions(p));
    }

    @Test
    void anOptionalAttributeTheStateDoesNotHoldAndTheConfigurationSetsIsAnUpdate() {
        h.ws.request("payments", "keys", "things@1.0.0", "value: 42");
        Plan p = planWithoutRefresh();
        assertEquals(Map.of(ENTRY.toString(), Action.UPDATE), actions(p));
    }
}
