package dev.platctl.engine.refresh;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.StringValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a failed refresh read says: each resource's address once, then the provider's reason, without its own wording of the call. */
class RefreshErrorsTest {
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
                """).request("payments", "pay", "things@1.0.0").request("payments", "card", "things@1.0.0");
        h.converge();
    }

    List<String> refreshErrors() {
        Diagnostics d = new Diagnostics();
        assertTrue(h.tryPlan(d).isEmpty(), "the plan fails");
        return d.errors().stream().map(Diagnostic::detail).toList();
    }

    @Test
    void aFailedBatchNamesEachAddressOnceWithTheReasonAndNoBatchWording() {
        h.fake.readBatchSize = 2;
        h.fake.refuseRead.add("pay-base");
        assertEquals(List.of("cannot read fake_thing card.fake_thing.base: FakeError: no read for you (status 403)",
                "cannot read fake_thing pay.fake_thing.base: FakeError: no read for you (status 403)"), refreshErrors().stream().sorted().toList());
    }

    @Test
    void aFailedReadOfOneObjectNamesItsIdToo() {
        h.fake.refuseRead.add("pay-base");
        String id = ((StringValue) h.stored("payments", "pay.fake_thing.base", "id")).value();
        assertEquals(List.of("cannot read fake_thing pay.fake_thing.base (" + id + "): FakeError: no read for you (status 403)"),
                refreshErrors());
    }
}
