package dev.platctl.engine.expr;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionsTest {
    @TempDir
    Path dir;

    private Value eval(String text, Diagnostics d) {
        return Evaluator.evaluate(EvaluatorTest.parse(text), new EvalContext(EvaluatorTest.VARS, Functions.standard(dir)), d);
    }

    /** Each row: reason, expression, expected value written as an expression. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            upper and lower                | "${upper("ab")}${lower("CD")}"            | "ABcd"
            format verbs and widths        | format("%s-%03d-%.2f-%v-%q-%-3s]", "a", 7, 1.5, true, "q", "x") | "a-007-1.50-true-\\"q\\"-x  ]"
            join converts numbers          | join(",", [1, "b"], ["c"])               | "1,b,c"
            split                          | split(",", "a,,b")                        | ["a", "", "b"]
            replace plain                  | replace("a-b-c", "-", "+")                | "a+b+c"
            replace regex                  | replace("a1b22", "/[0-9]+/", "#")         | "a#b#"
            trim family                    | [trim("xxaxx", "x"), trimspace(" a "), trimprefix("pa", "p"), trimsuffix("ap", "p")] | ["a", "a", "a", "a"]
            substr from the end            | substr("hello", -3, -1)                   | "llo"
            length of strings and maps     | [length("héllo"), length({a = 1}), length(xs)] | [5, 1, 3]
            lookup with default            | lookup({a = 1}, "b", 2)                   | 2
            merge later wins               | merge({a = 1, b = 1}, {b = 2})            | {a = 1, b = 2}
            concat                         | concat([1], [2, 3])                       | [1, 2, 3]
            coalesce skips null and empty  | coalesce(null, "", "x")                   | "x"
            contains                       | [contains(xs, "b"), contains(xs, "z")]    | [true, false]
            keys and values sorted by key  | [keys({b = 1, a = 2}), values({b = 1, a = 2})] | [["a", "b"], [2, 1]]
            element wraps around           | element(xs, 4)                            | "b"
            range                          | [range(3), range(1, 4), range(6, 0, -3)]  | [[0, 1, 2], [1, 2, 3], [6, 3]]
            min max abs ceil floor         | [min(3, 1, 2), max(3, 1, 2), abs(-2), ceil(1.2), floor(-1.2)] | [1, 3, 2, 2, -2]
            conversions                    | [tostring(1.50), tonumber("2"), tobool("true")] | ["1.5", 2, true]
            json round trip                | jsondecode(jsonencode({a = [1, "x", null, 0.0000001]})) | {a = [1, "x", null, 0.0000001]}
            jsonencode is compact          | jsonencode({b = true, a = 1})             | "{\\"a\\":1,\\"b\\":true}"
            base64 round trip              | base64decode(base64encode("héllo"))       | "héllo"
            sha256                         | sha256("abc")                             | "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
            md5                            | md5("abc")                                | "900150983cd24fb0d6963f7d28e17f72"
            regex without groups           | regex("[0-9]+", "ab123c")                 | "123"
            regex with named groups        | regex("(?<k>[a-z]+)=(?<v>[0-9]+)", "x=1") | {k = "x", v = "1"}
            startswith and endswith        | [startswith("abc", "ab"), endswith("abc", "bc")] | [true, true]
            can                            | [can(xs[5]), can(xs[0])]                  | [false, true]
            try                            | try(xs[5], nope, "fallback")              | "fallback"
            expansion                      | min([3, 1, 2]...)                         | 1
            """)
    void standardFunctions(String reason, String expression, String expected) {
        Diagnostics d = new Diagnostics();
        Value actual = eval(expression, d);
        Value want = eval(expected, d);
        assertTrue(d.isEmpty(), d::toString);
        assertEquals(want, actual, reason);
    }

    private Diagnostic error(String text) {
        Diagnostics d = new Diagnostics();
        assertEquals(Value.UNKNOWN, eval(text, d));
        assertEquals(1, d.errors().size(), d::toString);
        return d.errors().get(0);
    }

    @Test
    void wrongArgumentCountNamesTheFunctionAndItsSignature() {
        Diagnostic d = error("upper(\"a\", \"b\")");
        assertEquals("Wrong number of arguments", d.summary());
        assertTrue(d.detail().contains("upper(str)") && d.detail().contains("got 2"), d.detail());
        assertEquals("1:5", d.subject().orElseThrow().start().toString());
    }

    @Test
    void wrongArgumentTypeNamesTheParameter() {
        Diagnostic d = error("upper([1])");
        assertEquals("Invalid function argument", d.summary());
        assertTrue(d.detail().contains("\"upper\"") && d.detail().contains("str must be a string"), d.detail());
    }

    @Test
    void fileReadsBelowTheBaseDirectory() throws IOException {
        Files.writeString(dir.resolve("hello.txt"), "hi");
        assertEquals(Value.of("hi"), eval("file(\"hello.txt\")", new Diagnostics()));
    }

    @Test
    void fileRefusesPathsEscapingTheBaseDirectory() {
        Diagnostic d = error("file(\"../../etc/passwd\")");
        assertTrue(d.detail().contains("outside"), d.detail());
    }

    @Test
    void tryIsUnknownWhileItsFirstWorkingArgumentIsUnknown() {
        assertEquals(Value.UNKNOWN, eval("try(unknown, 1)", new Diagnostics()));
    }

    @Test
    void noFunctionsMeansEveryCallIsUnknownToTheEvaluator() {
        Diagnostics d = new Diagnostics();
        Evaluator.evaluate(EvaluatorTest.parse("upper(\"a\")"), new EvalContext(Map.of(), Functions.none()), d);
        assertEquals("Call to unknown function \"upper\"", d.errors().get(0).summary());
    }
}
