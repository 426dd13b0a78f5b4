package dev.platctl.engine.provider;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaPlannerTest {
    private static final ResourceSchema SCHEMA = new ResourceSchema("test_thing", "a thing for tests", List.of(
            AttributeSchema.required("name", AttributeType.STRING, "").asForceNew(),
            AttributeSchema.optional("size", AttributeType.NUMBER, ""),
            AttributeSchema.optional("zone", AttributeType.STRING, "").asOptionalComputed(),
            AttributeSchema.optional("tags", AttributeType.MAP, ""),
            AttributeSchema.optional("enabled", AttributeType.BOOL, ""),
            AttributeSchema.optional("items", AttributeType.LIST, ""),
            AttributeSchema.optional("spec", AttributeType.OBJECT, ""),
            AttributeSchema.optional("anything", AttributeType.ANY, ""),
            AttributeSchema.optional("password", AttributeType.STRING, "").asSensitive(),
            AttributeSchema.computed("id", AttributeType.STRING, ""),
            AttributeSchema.computed("secret", AttributeType.STRING, "").asSensitive()));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);

    private static ObjectValue obj(Object... kv) {
        Map<String, Value> m = new java.util.TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Value) kv[i + 1]);
        return new ObjectValue(m);
    }

    private static ObjectValue priorState() {
        return obj("name", Value.of("a"), "size", Value.of(1), "zone", Value.of("eu-1"), "tags", Value.NULL,
                "enabled", Value.NULL, "items", Value.NULL, "spec", Value.NULL, "anything", Value.NULL,
                "password", Value.NULL, "id", Value.of("id-1"), "secret", Value.of("s3cr3t").sensitive());
    }

    @Nested
    class Planning {
        @Test
        void createMakesComputedAttributesUnknownAndUnsetOptionalsNull() {
            PlanResult r = planner.plan(Optional.empty(), obj("name", Value.of("a")));

            ObjectValue p = r.planned();
            assertEquals(SCHEMA.attributes().size(), p.attributes().size(), "every schema attribute is planned");
            assertEquals(Value.of("a"), p.getOrNull("name"));
            assertEquals(Value.NULL, p.getOrNull("size"));
            assertEquals(Value.UNKNOWN, p.getOrNull("zone"), "optional+computed left unset is known after apply");
            assertEquals(Value.UNKNOWN, p.getOrNull("id"));
            assertEquals(new SensitiveValue(Value.UNKNOWN), p.getOrNull("secret"));
            assertTrue(r.requiresReplace().isEmpty());
            assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
        }

        @Test
        void createKeepsWhatTheConfigurationSetsIncludingUnknowns() {
            PlanResult r = planner.plan(Optional.empty(),
                    obj("name", Value.UNKNOWN, "zone", Value.of("eu-2"), "size", Value.of(3)));

            assertEquals(Value.UNKNOWN, r.planned().getOrNull("name"));
            assertEquals(Value.of("eu-2"), r.planned().getOrNull("zone"));
            assertEquals(Value.of(3), r.planned().getOrNull("size"));
            assertTrue(r.requiresReplace().isEmpty(), "a create replaces nothing");
        }

        @Test
        void unchangedConfigurationPlansThePriorStateExactly() {
            PlanResult r = planner.plan(Optional.of(priorState()), obj("name", Value.of("a"), "size", Value.of(1)));

            assertEquals(priorState(), r.planned());
            assertTrue(r.requiresReplace().isEmpty());
        }

        @Test
        void inPlaceUpdateCarriesComputedAttributesOver() {
            PlanResult r = planner.plan(Optional.of(priorState()), obj("name", Value.of("a"), "size", Value.of(2)));

            assertEquals(Value.of(2), r.planned().getOrNull("size"));
            assertEquals(Value.of("id-1"), r.planned().getOrNull("id"));
            assertEquals(Value.of("eu-1"), r.planned().getOrNull("zone"));
            assertEquals(Value.of("s3cr3t").sensitive(), r.planned().getOrNull("secret"));
            assertTrue(r.requiresReplace().isEmpty());
        }

        @Test
        void changingForceNewAttributeRequiresReplacementAndMakesComputedUnknownAgain() {
            PlanResult r = planner.plan(Optional.of(priorState()), obj("name", Value.of("b"), "size", Value.of(1)));

            assertEquals(Set.of(AttributePath.of("name")), r.requiresReplace());
            assertEquals(Value.UNKNOWN, r.planned().getOrNull("id"));
            assertEquals(Value.UNKNOWN, r.planned().getOrNull("zone"));
            assertEquals(new SensitiveValue(Value.UNKNOWN), r.planned().getOrNull("secret"));
        }

        @Test
        void unknownForceNewValueCountsAsAChange() {
            PlanResult r = planner.plan(Optional.of(priorState()), obj("name", Value.UNKNOWN));

            assertEquals(Set.of(AttributePath.of("name")), r.requiresReplace());
        }

        @Test
        void sensitiveMarkAloneIsNotAChange() {
            PlanResult r = planner.plan(Optional.of(priorState()),
                    obj("name", Value.of("a").sensitive(), "size", Value.of(1)));

            assertTrue(r.requiresReplace().isEmpty());
            assertEquals(Value.of("a").sensitive(), r.planned().getOrNull("name"), "the configuration's mark is kept");
        }

        @Test
        void sensitiveSchemaAttributesAreMarked() {
            PlanResult r = planner.plan(Optional.empty(), obj("name", Value.of("a"), "password", Value.of("pw")));

            assertEquals(Value.of("pw").sensitive(), r.planned().getOrNull("password"));
        }

        @Test
        void computedAttributeMissingFromPriorIsUnknown() {
            PlanResult r = planner.plan(Optional.of(priorState().without("id")), obj("name", Value.of("a")));

            assertEquals(Value.UNKNOWN, r.planned().getOrNull("id"));
        }

        @Test
        void defaultsFillOnlyWhatTheConfigurationLeavesUnset() {
            ObjectValue withDefaults = SchemaPlanner.withDefaults(obj("size", Value.NULL, "enabled", Value.FALSE),
                    Map.of("size", Value.of(7), "enabled", Value.TRUE));

            assertEquals(obj("size", Value.of(7), "enabled", Value.FALSE), withDefaults);
        }
    }

    @Nested
    class Validation {
        @Test
        void missingRequiredAttributeIsReported() {
            List<Diagnostic> errors = planner.validate(obj("size", Value.of(1))).errors();

            assertEquals(1, errors.size(), errors.toString());
            assertEquals("Missing required attribute \"name\"", errors.get(0).summary());
        }

        @Test
        void nullCountsAsMissing() {
            assertTrue(planner.validate(obj("name", Value.NULL)).hasErrors());
        }

        @Test
        void unknownCountsAsSet() {
            assertFalse(planner.validate(obj("name", Value.UNKNOWN)).hasErrors());
        }

        @Test
        void attributeNotInSchemaIsReportedWithTheAcceptedNames() {
            List<Diagnostic> errors = planner.validate(obj("name", Value.of("a"), "colour", Value.of("red"))).errors();

            assertEquals(1, errors.size());
            assertEquals("Unsupported attribute \"colour\"", errors.get(0).summary());
            assertTrue(errors.get(0).detail().contains("anything, enabled, items, name"), errors.get(0).detail());
        }

        @Test
        void computedOnlyAttributeCannotBeSet() {
            List<Diagnostic> errors = planner.validate(obj("name", Value.of("a"), "id", Value.of("x"))).errors();

            assertEquals("Cannot set computed attribute \"id\"", errors.get(0).summary());
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            assertEquals(3, planner.validate(obj("size", Value.of("big"), "colour", Value.TRUE)).errors().size());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.platctl.engine.provider.SchemaPlannerTest#typeCases")
        void typesAreChecked(String reason, String attribute, Value value, boolean ok) {
            List<Diagnostic> errors = planner.validate(obj("name", Value.of("a"), attribute, value)).errors();

            assertEquals(ok, errors.isEmpty(), reason + ": " + errors);
            if (!ok) assertEquals("Incorrect attribute type for \"" + attribute + "\"", errors.get(0).summary());
        }
    }

    static Stream<Arguments> typeCases() {
        ObjectValue map = obj("k", Value.of("v"));
        ListValue list = Value.list(List.of(Value.of(1)));
        return Stream.of(
                Arguments.of("a string is a string", "zone", Value.of("x"), true),
                Arguments.of("a number is not a string", "zone", Value.of(1), false),
                Arguments.of("a number is a number", "size", Value.of(1), true),
                Arguments.of("a string is not a number", "size", Value.of("1"), false),
                Arguments.of("a bool is a bool", "enabled", Value.TRUE, true),
                Arguments.of("a string is not a bool", "enabled", Value.of("true"), false),
                Arguments.of("a list is a list", "items", list, true),
                Arguments.of("a map is not a list", "items", map, false),
                Arguments.of("an object is a map", "tags", map, true),
                Arguments.of("a list is not a map", "tags", list, false),
                Arguments.of("an object is an object", "spec", map, true),
                Arguments.of("a string is not an object", "spec", Value.of("x"), false),
                Arguments.of("any takes a list", "anything", list, true),
                Arguments.of("any takes a number", "anything", Value.of(4), true),
                Arguments.of("unknown always passes", "size", Value.UNKNOWN, true),
                Arguments.of("null always passes", "size", Value.NULL, true),
                Arguments.of("a sensitive number is a number", "size", Value.of(1).sensitive(), true),
                Arguments.of("a sensitive string is not a number", "size", Value.of("1").sensitive(), false));
    }
}
