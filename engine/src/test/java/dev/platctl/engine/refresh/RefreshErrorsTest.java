package dev.platctl.engine.refresh;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.retry.RetryPolicy;
import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.StringValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a failed refresh read says: each resource's address once, its provider id, then the provider's reason, without
 * its own wording of the call; and a failed batch costs only its objects' own reads, not the batch again.
 */
class RefreshErrorsTest {
    @TempDir
    Path dir;
    EngineHarness h;
    final List<Duration> slept = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir, new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), slept::add, () -> 0));
        h.ws.file("modules/things/module.hcl", """
                module {
                  name    = "things"
                  version = "1.0.0"
                  kind    = "Thing"
                }
                resource "fake_thing" "base" {
                  name = "${request.name}-base"
                }
                """).request("payments", "pay", "things@1.0.0").request("payments", "card", "things@1.0.0");
        h.converge();
        h.fake.reads.clear();
    }

    List<String> refreshErrors() {
        Diagnostics d = new Diagnostics();
        assertTrue(h.tryPlan(d).isEmpty(), "the plan fails");
        return d.errors().stream().map(Diagnostic::detail).toList();
    }

    String id(String address) {
        return ((StringValue) h.stored("payments", address, "id")).value();
    }

    long count(String read) {
        return h.fake.reads.stream().filter(read::equals).count();
    }

    /** One object the provider cannot read fails the batch call; its objects are then read one by one, so only it reports. */
    @Test
    void aFailedBatchIsReadObjectByObjectSoOnlyTheObjectThatFailsReportsWithItsId() {
        h.fake.readBatchSize = 2;
        h.fake.refuseRead.add("pay-base");
        assertEquals(List.of("cannot read fake_thing pay.fake_thing.base (" + id("pay.fake_thing.base") + "): FakeError: no read for you"
                + " (status 403)"), refreshErrors());
        assertEquals(List.of("read card-base", "read pay-base", "readAll [card-base, pay-base]"), h.fake.reads.stream().sorted().toList());
    }

    /**
     * A throttled batch is not made again whole (every call of it, for one object's sake): its objects are read on their
     * own, each retried as the policy says.
     */
    @Test
    void aThrottledBatchIsNotRetriedWholeButReadObjectByObject() {
        h.fake.readBatchSize = 2;
        h.fake.throttle.put("pay-base", 2);
        Plan p = h.plan();
        assertEquals(Map.of("card.fake_thing.base", Action.NO_OP, "pay.fake_thing.base", Action.NO_OP), EngineHarness.actions(p));
        assertEquals(1, count("readAll [card-base, pay-base]"), h.fake.reads::toString);
        assertEquals(1, count("read card-base"), h.fake.reads::toString);
        assertEquals(2, count("read pay-base"), "its own read was throttled once, then retried: " + h.fake.reads);
        assertEquals(List.of(Duration.ofMillis(50)), slept);
    }

    /** The objects of a failed batch are read in parallel, as objects read one per call are. */
    @Test
    void theObjectsOfAFailedBatchAreReadInParallel() {
        h.fake.readBatchSize = 2;
        h.fake.throttle.put("pay-base", 1);
        h.fake.readsToMeet = new CountDownLatch(2);
        Plan p = h.plan();
        assertEquals(Map.of("card.fake_thing.base", Action.NO_OP, "pay.fake_thing.base", Action.NO_OP), EngineHarness.actions(p));
        assertTrue(h.fake.readsMet.get(), "each read waited 10 s for the other, which never came: they were made one after another");
        assertEquals(List.of(), slept, "the batch was not retried, and neither read needed to be");
    }

    @Test
    void aFailedReadOfOneObjectNamesItsIdToo() {
        h.fake.refuseRead.add("pay-base");
        assertEquals(List.of("cannot read fake_thing pay.fake_thing.base (" + id("pay.fake_thing.base") + "): FakeError: no read for you"
                + " (status 403)"), refreshErrors());
        assertEquals(0, h.fake.reads.stream().filter(r -> r.startsWith("readAll")).count(), "objects read one per call are read with read()");
    }
}
