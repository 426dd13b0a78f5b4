package dev.platctl.engine.provider;

import dev.platctl.engine.apply.ApplyResult;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.testing.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A provider that cannot be configured (no kubeconfig, region or token) fails every resource it serves the same way:
 * plan, refresh and apply say so once, with how many resources of which requests needed it, not once per resource.
 */
class UnconfiguredProviderTest {
    static final String WHY = "found no kubeconfig; set kubeconfig in the provider \"fake\" block";

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
                resource "fake_thing" "extra" {
                  name = "${request.name}-extra"
                }
                """).request("payments", "pay", "things@1.0.0").request("payments", "card", "things@1.0.0")
                .request("shipping", "ship", "things@1.0.0");
    }

    static Diagnostic only(List<Diagnostic> errors) {
        assertEquals(1, errors.size(), () -> "one error, got " + errors);
        return errors.get(0);
    }

    @Test
    void planTellsTheProviderOnceForAllTheResourcesThatNeedIt() {
        h.fake.unconfigured = WHY;
        Diagnostics d = new Diagnostics();
        assertTrue(h.tryPlan(d).isEmpty(), "the plan fails");
        Diagnostic e = only(d.errors());
        assertEquals("Cannot configure provider \"fake\"", e.summary());
        assertEquals("Found no kubeconfig; set kubeconfig in the provider \"fake\" block. 6 resources need it and could not be planned,"
                + " of requests card (2), pay (2), ship (2).", e.detail());
    }

    @Test
    void refreshTellsTheProviderOnceForAllTheResourcesInState() {
        h.converge();
        h.fake.unconfigured = WHY;
        Diagnostics d = new Diagnostics();
        assertTrue(h.tryPlan(d).isEmpty(), "the plan fails");
        assertEquals("Found no kubeconfig; set kubeconfig in the provider \"fake\" block. 6 resources need it and could not be read,"
                + " of requests card (2), pay (2), ship (2).", only(d.errors()).detail());
    }

    /** A batch that fails because the provider cannot be configured is not read again object by object: none could be. */
    @Test
    void refreshOfAFailedBatchTellsTheProviderOnceWithoutReadingEachObject() {
        h.converge();
        h.fake.readBatchSize = 2;
        h.fake.reads.clear();
        h.fake.unconfigured = WHY;
        Diagnostics d = new Diagnostics();
        assertTrue(h.tryPlan(d).isEmpty(), "the plan fails");
        assertEquals("Found no kubeconfig; set kubeconfig in the provider \"fake\" block. 6 resources need it and could not be read,"
                + " of requests card (2), pay (2), ship (2).", only(d.errors()).detail());
        assertFalse(h.fake.reads.isEmpty(), "the batches were read");
        assertEquals(List.of(), h.fake.reads.stream().filter(r -> !r.startsWith("readAll ")).toList(), "no object was read on its own");
    }

    @Test
    void applyTellsTheProviderOnceAndFailsEveryResourceThatNeedsIt() {
        Plan p = h.plan();
        h.fake.unconfigured = WHY;
        ApplyResult r = h.tryApply(p);
        assertFalse(r.succeeded());
        assertEquals(6, r.count("failed"));
        assertEquals("Found no kubeconfig; set kubeconfig in the provider \"fake\" block. 6 resources need it and could not be applied,"
                + " of requests card (2), pay (2), ship (2).", only(r.diagnostics().errors()).detail());
        assertEquals(Map.of(), Map.copyOf(h.fake.objects), "nothing was created");
    }

    /** Other failures in the same run stay each resource's own. */
    @Test
    void aResourcesOwnFailureIsStillToldOnItsOwn() {
        Plan p = h.plan();
        h.fake.failOn.add("ship-base");
        ApplyResult r = h.tryApply(p);
        assertEquals(List.of("Error applying ship.fake_thing.base"), r.diagnostics().errors().stream().map(Diagnostic::summary).toList());
    }
}
