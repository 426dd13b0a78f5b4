package dev.platctl.engine.expr;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.hcl.HclParser;
import dev.platctl.engine.hcl.Traversal;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluatorTest {
    static final Map<String, Value> VARS = Map.of(
            "local_file", Value.object(Map.of("x", Value.object(Map.of("id", Value.UNKNOWN, "path", Value.of("/tmp/x"))))),
            "input", Value.object(Map.of("env", Value.of("prod"), "storage_gb", Value.of(20),
                    "password", Value.of("hunter2").sensitive())),
            "xs", Value.list(List.of(Value.of("a"), Value.of("b"), Value.of("c"))),
            "servers", Value.list(List.of(Value.object(Map.of("name", Value.of("s1"))),
                    Value.object(Map.of("name", Value.of("s2"))))),
            "unknown", Value.UNKNOWN);

    static Expression parse(String text) {
        HclParser.ParseResult r = HclParser.parse("main.hcl", "x = " + text + "\n");
        assertTrue(r.diagnostics().isEmpty(), r.diagnostics()::toString);
        return r.body().attribute("x").orElseThrow().expression();
    }

    static Value eval(String text) {
        Diagnostics d = new Diagnostics();
        Value v = Evaluator.evaluate(parse(text), new EvalContext(VARS, Functions.standard(Path.of("."))), d);
        assertTrue(d.isEmpty(), d::toString);
        return v;
    }

    static Diagnostic error(String text) {
        Diagnostics d = new Diagnostics();
        Value v = Evaluator.evaluate(parse(text), new EvalContext(VARS, Functions.standard(Path.of("."))), d);
        assertEquals(Value.UNKNOWN, v);
        assertEquals(1, d.errors().size(), d::toString);
        return d.errors().get(0);
    }

    @Nested
    class Operators {
        @Test
        void arithmeticConvertsNumericStrings() {
            assertEquals(Value.of(6), eval("\"5\" + 1"));
            assertEquals(Value.of(1), eval("7 % 3 - 0"));
            assertEquals(Value.of(new java.math.BigDecimal("0.5")), eval("1 / 2"));
            assertEquals(Value.of(-20), eval("-input.storage_gb"));
        }

        @Test
        void equalityComparesTypesStrictly() {
            assertEquals(Value.FALSE, eval("\"1\" == 1"));
            assertEquals(Value.TRUE, eval("[1, {a = \"x\"}] == [1.0, {a = \"x\"}]"));
            assertEquals(Value.TRUE, eval("null == null"));
            assertEquals(Value.TRUE, eval("\"a\" != \"b\""));
        }

        @Test
        void comparisonsAndLogic() {
            assertEquals(Value.TRUE, eval("input.storage_gb >= 20 && !(1 > 2) || false"));
        }

        @Test
        void divisionByZeroIsADiagnostic() {
            assertEquals("Division by zero", error("1 / 0").summary());
            assertEquals("Division by zero", error("1 % 0").summary());
        }

        @Test
        void wrongOperandTypeNamesTheOperatorAndType() {
            Diagnostic d = error("\"abc\" * 2");
            assertEquals("Invalid operand", d.summary());
            assertTrue(d.detail().contains("\"*\"") && d.detail().contains("string"), d.detail());
            assertEquals("1:5", d.subject().orElseThrow().start().toString());
        }

        @Test
        void conditionalChoosesOneBranchAndIgnoresTheOthersErrors() {
            assertEquals(Value.of("a"), eval("true ? \"a\" : nothing.here"));
        }
    }

    @Nested
    class Unknowns {
        @Test
        void templateWithAnUnknownPartIsUnknown() {
            assertInstanceOf(UnknownValue.class, eval("\"db-${local_file.x.id}\""));
        }

        @Test
        void unknownPropagatesThroughOperatorsCallsAndTraversals() {
            assertInstanceOf(UnknownValue.class, eval("unknown == 1"));
            assertInstanceOf(UnknownValue.class, eval("unknown + 1"));
            assertInstanceOf(UnknownValue.class, eval("upper(unknown)"));
            assertInstanceOf(UnknownValue.class, eval("unknown.a.b[0]"));
            assertInstanceOf(UnknownValue.class, eval("unknown ? 1 : 2"));
            assertInstanceOf(UnknownValue.class, eval("[for x in unknown : x]"));
            assertInstanceOf(UnknownValue.class, eval("unknown[*].id"));
        }

        @Test
        void lengthOfAListWithUnknownElementsIsKnown() {
            assertEquals(Value.of(2), eval("length([unknown, 1])"));
        }
    }

    @Nested
    class Sensitive {
        @Test
        void operationsOnSensitiveValuesAreSensitive() {
            assertInstanceOf(SensitiveValue.class, eval("input.password"));
            assertInstanceOf(SensitiveValue.class, eval("\"p=${input.password}\""));
            assertInstanceOf(SensitiveValue.class, eval("upper(input.password)"));
            assertInstanceOf(SensitiveValue.class, eval("input.password == \"x\""));
            assertEquals(Value.of("HUNTER2").sensitive(), eval("upper(input.password)"));
        }
    }

    @Nested
    class Collections {
        @Test
        void forExpressionsFilterAndGroup() {
            assertEquals(Value.list(List.of(Value.of("B"), Value.of("C"))), eval("[for i, x in xs : upper(x) if i > 0]"));
            assertEquals(Value.object(Map.of("a", Value.of(0), "b", Value.of(1), "c", Value.of(2))),
                    eval("{for i, x in xs : x => i}"));
            assertEquals(Value.object(Map.of("k", Value.list(List.of(Value.of("a"), Value.of("b"), Value.of("c"))))),
                    eval("{for x in xs : \"k\" => x...}"));
        }

        @Test
        void duplicateKeysInAForExpressionAreAnError() {
            assertEquals("Duplicate object key", error("{for x in xs : \"k\" => x}").summary());
        }

        @Test
        void splatsMapOverElements() {
            Value names = Value.list(List.of(Value.of("s1"), Value.of("s2")));
            assertEquals(names, eval("servers[*].name"));
            assertEquals(names, eval("servers.*.name"));
            assertEquals(Value.list(List.of()), eval("null[*].name"));
        }

        @Test
        void indexingListsAndMaps() {
            assertEquals(Value.of("b"), eval("xs[1]"));
            assertEquals(Value.of("b"), eval("xs[\"1\"]"));
            assertEquals(Value.of("prod"), eval("input[\"env\"]"));
            assertEquals(Value.of("c"), eval("xs[length(xs) - 1]"));
            assertEquals(Value.of("a"), eval("xs.0"));
        }
    }

    @Nested
    class Errors {
        @Test
        void undeclaredNameListsWhatIsAvailableAndSuggests() {
            Diagnostic d = error("inptu.env");
            assertEquals("Reference to undeclared name \"inptu\"", d.summary());
            assertTrue(d.detail().contains("Did you mean \"input\"?"), d.detail());
            assertTrue(d.detail().contains("input, local_file, servers, unknown, xs"), d.detail());
        }

        @Test
        void missingAttributeSaysWhatHasNoSuchAttribute() {
            Diagnostic d = error("local_file.x.pth");
            assertEquals("Unsupported attribute \"pth\"", d.summary());
            assertTrue(d.detail().startsWith("local_file.x has no attribute \"pth\"."), d.detail());
            assertTrue(d.detail().contains("Did you mean \"path\"?"), d.detail());
            assertTrue(d.detail().contains("id, path"), d.detail());
            assertEquals("1:18", d.subject().orElseThrow().start().toString());
        }

        @Test
        void indexOutOfRangeIsInvalidIndex() {
            assertEquals("Invalid index", error("xs[3]").summary());
            assertEquals("Invalid index", error("input[\"nope\"]").summary());
        }

        @Test
        void unknownFunctionIsNamed() {
            Diagnostic d = error("uper(\"a\")");
            assertEquals("Call to unknown function \"uper\"", d.summary());
            assertTrue(d.detail().contains("Did you mean \"upper\"?"), d.detail());
        }

        @Test
        void nullInTemplateIsAnError() {
            assertEquals("Invalid template interpolation value", error("\"a${null}\"").summary());
        }

        @Test
        void errorsDoNotCascade() {
            assertEquals("Reference to undeclared name \"nope\"", error("upper(nope.a) == \"x\" ? 1 : 2").summary());
        }
    }

    @Nested
    class References {
        static List<String> refs(String text) {
            return Evaluator.references(parse(text)).stream().map(Traversal::toString).toList();
        }

        @Test
        void referencesAreInSourceOrder() {
            assertEquals(List.of("aws_instance.web.id", "var.count", "local.name"),
                    refs("\"${aws_instance.web.id}-${var.count + 1}\" == upper(local.name)"));
        }

        @Test
        void namesBoundByForAndSplatAreExcluded() {
            assertEquals(List.of("var.list", "var.prefix", "aws_instance.web"),
                    refs("[for i, x in var.list : \"${var.prefix}${x.name}${i}\" if x != null] == aws_instance.web[*].id"));
        }

        @Test
        void dynamicIndexKeysAreReferences() {
            assertEquals(List.of("aws_instance.web", "count.index"), refs("aws_instance.web[count.index].id"));
        }

        @Test
        void literalsHaveNoReferences() {
            assertEquals(List.of(), refs("{a = [1, \"two\", true]}"));
        }
    }
}
