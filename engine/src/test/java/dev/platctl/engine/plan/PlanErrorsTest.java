package dev.platctl.engine.plan;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.testing.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a provider's failed plan call says: the address once, the provider's id of the object, then the API's words. */
class PlanErrorsTest {
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
                resource "fake_thing" "base" {
                  name = "${request.name}-base"
                }
                """).request("payments", "pay", "things@1.0.0");
    }

    List<Diagnostic> planErrors() {
        Diagnostics d = new Diagnostics();
        assertTrue(h.tryPlan(d).isEmpty(), "the plan fails");
        return d.errors();
    }

    @Test
    void aFailedPlanOfAnExistingObjectIsToldOnceWithTheAddressAndTheProvidersId() {
        h.converge();
        h.fake.refusePlan.add("pay-base");
        Diagnostic e = planErrors().get(0);
        assertEquals("Cannot plan pay.fake_thing.base", e.summary());
        assertEquals("cannot plan fake_thing pay.fake_thing.base (id-1): FakeError: no plan for you (status 403)", e.detail());
        assertTrue(e.subject().orElseThrow().file().endsWith("module.hcl"), "points at the resource block");
    }

    @Test
    void aFailedPlanOfANewObjectHasNoIdToShow() {
        h.fake.refusePlan.add("pay-base");
        assertEquals("cannot plan fake_thing pay.fake_thing.base: FakeError: no plan for you (status 403)", planErrors().get(0).detail());
    }

    /** A provider that gives a message alone has it put after what the engine was doing, as every phase does. */
    @Test
    void aProvidersPlainMessageIsPutAfterTheAddress() {
        h.fake.refusePlanPlainly.add("pay-base");
        assertEquals("cannot plan fake_thing pay.fake_thing.base: FakeError: no plan for you (status 403)", planErrors().get(0).detail());
    }

    /** A provider whose plan failed in a step of its own (a read of the object) keeps that step in the reason. */
    @Test
    void aStepOfThePlanThatFailedIsSaid() {
        h.converge();
        h.fake.refusePlan.add("pay-base");
        h.fake.refusePlanVerb = "read";
        assertEquals("cannot plan fake_thing pay.fake_thing.base (id-1): reading it: FakeError: no plan for you (status 403)",
                planErrors().get(0).detail());
    }
}
