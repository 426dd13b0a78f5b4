package dev.platctl.engine.plan;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.platctl.engine.testing.EngineHarness.changes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plans and applies of some stacks only ({@code --stack}): other stacks' requests are neither planned nor touched. */
class PerStackPlanTest {
    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir);
        h.ws.file("modules/network/module.hcl", CrossRequestReferenceTest.NETWORK)
                .file("modules/app/module.hcl", CrossRequestReferenceTest.APP)
                .request("platform", "shared-net", "network@1.0.0")
                .request("payments", "pay", "app@1.0.0", "network: shared-net")
                .file("modules/things/module.hcl", """
                        module {
                          name    = "things"
                          version = "1.0.0"
                          kind    = "Thing"
                        }
                        resource "fake_thing" "this" {
                          name = "${request.name}"
                        }
                        """)
                .request("search", "index", "things@1.0.0");
    }

    @Test
    void aPlanOfOneStackShowsNoCreatesForOtherStacks() {
        Plan p = h.plan("platform");

        assertEquals(Map.of("shared-net.fake_thing.vpc", Action.CREATE, "shared-net.fake_thing.unrelated", Action.CREATE),
                changes(p));
        assertEquals(List.of("platform"), p.stacks().stream().map(StackSnapshot::stack).toList());
        assertTrue(p.outputs().keySet().stream().allMatch("shared-net"::equals), p.outputs()::toString);
    }

    @Test
    void aStackIsPlannedWhileAnotherStackIsLockedByAnotherRun() {
        LockInfo other = new LockInfo("other-run", "apply", "ci", "runner-7", 7, Instant.EPOCH);
        try (StackLock ignored = h.store.lock("search", other, Duration.ZERO)) {
            Plan p = h.plan("platform");
            h.apply(p);
        }

        assertEquals(List.of("shared-net.fake_thing.unrelated", "shared-net.fake_thing.vpc"), h.addresses("platform"));
        assertEquals(Set.of("platform"), h.store.stacks(), "search and payments were not touched");
    }

    @Test
    void aReferenceIntoAnotherStackReadsItsStateWithoutTouchingIt() {
        h.apply(h.plan("platform"));
        long platformSerial = h.store.read("platform").serial();

        Plan p = h.plan("payments");
        String vpcId = ((StringValue) h.stored("platform", "shared-net.fake_thing.vpc", "id")).value();
        assertEquals(Map.of("pay.fake_thing.server", Action.CREATE), changes(p));
        assertEquals(new StringValue("in " + vpcId + " (net-shared-net)"),
                ((ObjectValue) EngineHarness.change(p, "pay.fake_thing.server").after()).getOrNull("value"),
                "the other stack's output is known from its state");
        h.apply(p);

        assertEquals(new StringValue("in " + vpcId + " (net-shared-net)"), h.stored("payments", "pay.fake_thing.server", "value"));
        assertEquals(platformSerial, h.store.read("platform").serial(), "the referenced stack was only read");
        assertEquals(Map.of("index.fake_thing.this", Action.CREATE), changes(h.plan()), "only the stack never applied is left");
    }

    @Test
    void aReferenceIntoAStackNeverAppliedIsAnError() {
        Diagnostics d = new Diagnostics();
        h.tryPlan(Set.of("payments"), d);

        List<Diagnostic> errors = d.errors();
        assertEquals(1, errors.size(), d::toString);
        assertEquals("Reference to a stack that is not applied yet", errors.get(0).summary());
        assertTrue(errors.get(0).detail().contains("pay.fake_thing.server refers to shared-net.fake_thing.vpc in stack"
                + " 'platform', which this run does not cover (--stack)"), errors.get(0).detail());
    }

    @Test
    void anUnknownStackNameListsTheStacks() {
        PlatctlException e = assertThrows(PlatctlException.class, () -> h.plan("paymnts"));
        assertEquals("unknown stack 'paymnts' in --stack: the stacks are payments, platform, search", e.getMessage());
    }
}
