package dev.platctl.engine.refresh;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.retry.RetryPolicy;
import dev.platctl.engine.testing.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plan's refresh retries reads that fail with a retryable error. */
class RefreshRetryTest {
    @TempDir
    Path dir;
    EngineHarness h;
    final List<Duration> slept = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir, new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), slept::add, () -> 0));
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
        h.converge();
    }

    @Test
    void aThrottledReadIsRetriedAndThePlanIsClean() {
        h.fake.throttle.put("pay-base", 2);
        Plan p = h.plan();
        assertEquals(Map.of("pay.fake_thing.base", Action.NO_OP), EngineHarness.actions(p));
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100)), slept);
    }

    @Test
    void aReadThrottledPastTheAttemptsIsAnErrorNamingThem() {
        h.fake.throttle.put("pay-base", 5);
        Diagnostics d = new Diagnostics();
        Optional<Plan> p = h.tryPlan(d);
        assertTrue(p.isEmpty());
        assertEquals("error: Cannot refresh pay.fake_thing.base: cannot read fake_thing pay.fake_thing.base: "
                + "Throttling: Rate exceeded (status 400) (gave up after 3 attempts)", d.errors().get(0).toString());
    }
}
