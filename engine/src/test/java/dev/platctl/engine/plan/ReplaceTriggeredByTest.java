package dev.platctl.engine.plan;

import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.testing.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static dev.platctl.engine.testing.EngineHarness.change;
import static dev.platctl.engine.testing.EngineHarness.changes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lifecycle { replace_triggered_by } as a plan and an apply see it. */
class ReplaceTriggeredByTest {
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
            resource "fake_thing" "watcher" {
              name  = "${request.name}-watcher"
              value = 0
              lifecycle {
                replace_triggered_by = [TRIGGERS]
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

    void triggers(String list) {
        h.ws.file(MODULE_FILE, MODULE.replace("TRIGGERS", list));
        h.ws.request("payments", "pay", "things@1.0.0");
        h.converge();
    }

    @Test
    void aReplacedResourceReplacesTheOneThatNamesIt() {
        triggers("fake_thing.base");
        h.ws.request("payments", "pay", "things@1.0.0", "flavour: spicy");
        Plan p = h.plan();
        assertEquals(Map.of("pay.fake_thing.base", Action.DELETE_THEN_CREATE, "pay.fake_thing.watcher", Action.DELETE_THEN_CREATE),
                changes(p));
        assertEquals(ChangeReason.REPLACE_TRIGGERED, change(p, "pay.fake_thing.watcher").reason());
        h.apply(p);
        assertFalse(h.plan().hasChanges(), "once replaced, the trigger is settled");
    }

    @Test
    void anUpdateInPlaceOfTheNamedResourceDoesNotTrigger() {
        triggers("fake_thing.base");
        h.ws.request("payments", "pay", "things@1.0.0", "size: 5");
        assertEquals(Map.of("pay.fake_thing.base", Action.UPDATE), changes(h.plan()));
    }

    @Test
    void aChangedAttributeValueTriggers() {
        triggers("fake_thing.base.value");
        h.ws.request("payments", "pay", "things@1.0.0", "size: 5");
        Plan p = h.plan();
        assertEquals(Map.of("pay.fake_thing.base", Action.UPDATE, "pay.fake_thing.watcher", Action.DELETE_THEN_CREATE), changes(p));
        h.apply(p);
        assertFalse(h.plan().hasChanges());
    }

    @Test
    void anAttributeThatKeepsItsValueDoesNotTriggerEvenWhenItsResourceIsReplaced() {
        triggers("fake_thing.base.value");
        h.ws.request("payments", "pay", "things@1.0.0", "flavour: spicy");
        assertEquals(Map.of("pay.fake_thing.base", Action.DELETE_THEN_CREATE), changes(h.plan()));
    }

    @Test
    void aComputedAttributeThatBecomesUnknownTriggers() {
        triggers("fake_thing.base.id");
        h.ws.request("payments", "pay", "things@1.0.0", "flavour: spicy");
        assertEquals(Action.DELETE_THEN_CREATE, change(h.plan(), "pay.fake_thing.watcher").action(),
                "the replaced base gets a new id, known only after apply");
    }

    @Test
    void anEntryNamingNoResourceOfTheModuleFailsThePlanWithItsPosition() {
        h.ws.file(MODULE_FILE, MODULE.replace("TRIGGERS", "fake_thing.bsae"));
        h.ws.request("payments", "pay", "things@1.0.0");
        Diagnostics d = new Diagnostics();
        Optional<Plan> p = h.tryPlan(d);
        assertTrue(p.isEmpty(), "the plan fails");
        Diagnostic e = d.errors().get(0);
        assertEquals("Invalid replace_triggered_by reference", e.summary());
        assertEquals("module things@1.0.0 has no resource fake_thing.bsae.", e.detail());
        assertEquals(MODULE_FILE, e.subject().orElseThrow().file());
        assertEquals(22, e.subject().orElseThrow().start().line());
    }

    @Test
    void anAttributeTheNamedTypeDoesNotHaveIsReportedWithASuggestion() {
        h.ws.file(MODULE_FILE, MODULE.replace("TRIGGERS", "fake_thing.base.vaule"));
        h.ws.request("payments", "pay", "things@1.0.0");
        Diagnostics d = new Diagnostics();
        assertTrue(h.tryPlan(d).isEmpty());
        Diagnostic e = d.errors().get(0);
        assertEquals("Unsupported attribute in replace_triggered_by", e.summary());
        assertTrue(e.detail().startsWith("fake_thing has no attribute \"vaule\". Did you mean \"value\"?"), e.detail());
        assertEquals(22, e.subject().orElseThrow().start().line());
    }

    @Test
    void anEntryThatIsNotAReferenceIsReportedWhereItIsWritten() {
        h.ws.file(MODULE_FILE, MODULE.replace("TRIGGERS", "\"fake_thing.base\""));
        h.ws.request("payments", "pay", "things@1.0.0");
        Diagnostics d = new Diagnostics();
        ConfigLoader.load(h.ws.dir, d);
        Diagnostic e = d.errors().get(0);
        assertEquals("Invalid replace_triggered_by entry", e.summary());
        assertEquals("22:29", e.subject().orElseThrow().start().toString());
    }
}
