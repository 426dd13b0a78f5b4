package dev.platctl.engine.config;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.platctl.engine.testing.EngineHarness.change;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** object({...}) inputs: attributes converted to their types, optional ones defaulted, and mistakes named precisely. */
class ObjectTypeTest {
    static final String MODULE = """
            module {
              name    = "things"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "db" {
              type = object({
                name = string
                size = optional(number, 10)
                tags = optional(map(string))
              })
            }
            resource "fake_thing" "db" {
              name  = input.db.name
              value = input.db
            }
            """;

    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir);
        h.ws.file("modules/things/module.hcl", MODULE);
    }

    List<String> errors() {
        Diagnostics d = new Diagnostics();
        ConfigLoader.load(dir, d);
        return d.errors().stream().map(Diagnostic::detail).toList();
    }

    @Test
    void optionalAttributesLeftOutTakeTheirDefaultOrNull() {
        h.ws.request("payments", "pay", "things@1.0.0", "db: {name: orders, size: \"20\"}");
        Plan p = h.plan();
        assertEquals(new ObjectValue(Map.of("name", new StringValue("orders"), "size", Value.of(20), "tags", Value.NULL)),
                ((ObjectValue) change(p, "pay.fake_thing.db").after()).getOrNull("value"), "the string \"20\" converts to a number");
        h.ws.request("payments", "pay", "things@1.0.0", "db: {name: orders}");
        assertEquals(Value.of(10), ((ObjectValue) ((ObjectValue) change(h.plan(), "pay.fake_thing.db").after()).getOrNull("value")).getOrNull("size"));
    }

    @Test
    void aMisspeltAttributeIsNamedWithASuggestion() {
        h.ws.request("payments", "pay", "things@1.0.0", "db: {name: orders, sise: 3}");
        assertEquals(List.of("module things@1.0.0 expects db to be object({name = string, size = optional(number), tags = optional(map(string))}),"
                + " got a mapping: it has no attribute \"sise\" (did you mean \"size\"?)."), errors());
    }

    @Test
    void aMissingRequiredAttributeIsNamed() {
        h.ws.request("payments", "pay", "things@1.0.0", "db: {size: 3}");
        assertEquals(List.of("module things@1.0.0 expects db to be object({name = string, size = optional(number), tags = optional(map(string))}),"
                + " got a mapping: attribute \"name\" is required."), errors());
    }

    @Test
    void aNestedValueOfTheWrongTypeIsNamedByItsPath() {
        h.ws.request("payments", "pay", "things@1.0.0", "db: {name: orders, tags: {team: [a]}}");
        assertEquals(List.of("module things@1.0.0 expects db to be object({name = string, size = optional(number), tags = optional(map(string))}),"
                + " got a mapping: attribute \"tags\": key \"team\": expected string, got list."), errors());
    }
}
