package dev.platctl.engine.expr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.StringValue;
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
            yamlencode map keys sorted and quoted | yamlencode({b = "x", a = 1})     | "\\"a\\": 1\\n\\"b\\": \\"x\\"\\n"
            yamlencode nests lists and maps | yamlencode({l = [1, {k = true}], m = {n = null}, e = []}) | "\\"e\\": []\\n\\"l\\":\\n- 1\\n- \\"k\\": true\\n\\"m\\":\\n  \\"n\\": null\\n"
            yamlencode of a scalar        | yamlencode("a\\"b")                        | "\\"a\\\\\\"b\\"\\n"
            uuidv5 dns namespace (Terraform's example) | uuidv5("dns", "www.terraform.io") | "a5008fae-b28c-5ba5-96cd-82b4c53552d6"
            uuidv5 url namespace          | uuidv5("url", "https://www.terraform.io/") | "9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"
            uuidv5 oid namespace          | uuidv5("oid", "1.3.6.1.4")                 | "af9d40a5-7a36-5c07-b23a-851cd99fbfa5"
            uuidv5 x500 namespace         | uuidv5("x500", "CN=Example,C=GB")          | "84e09961-4aa4-57f8-95b7-03edb1073253"
            uuidv5 custom namespace UUID equals the named one | uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io") | "a5008fae-b28c-5ba5-96cd-82b4c53552d6"
            cidrsubnet IPv4               | [cidrsubnet("172.16.0.0/12", 4, 2), cidrsubnet("10.1.2.0/24", 4, 15)] | ["172.18.0.0/16", "10.1.2.240/28"]
            cidrsubnet masks host bits of the base | cidrsubnet("10.1.2.3/24", 0, 0)    | "10.1.2.0/24"
            cidrsubnet IPv6 (Terraform's example) | cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162) | "fd00:fd12:3456:7800:a200::/72"
            cidrhost IPv4                 | [cidrhost("10.12.112.0/20", 16), cidrhost("10.12.112.0/20", 268)] | ["10.12.112.16", "10.12.113.12"]
            cidrhost negative counts from the end | cidrhost("10.0.0.0/24", -1)       | "10.0.0.255"
            cidrhost IPv6 (Terraform's example) | cidrhost("fd00:fd12:3456:7890:00a2::/72", 34) | "fd00:fd12:3456:7890::22"
            cidrhost IPv6 all zero        | cidrhost("::/0", 1)                        | "::1"
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

    /** Each row: reason, call, words the error detail must contain. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            subnet number beyond the new bits   | cidrsubnet("10.0.0.0/24", 2, 4)   | prefix extension of 2 does not accommodate a subnet numbered 4
            prefix longer than the address      | cidrsubnet("10.0.0.0/30", 3, 0)   | insufficient address space to extend prefix of 30 by 3
            IPv6 prefix longer than the address | cidrsubnet("fd00::/120", 9, 0)    | insufficient address space to extend prefix of 120 by 9
            host beyond the prefix              | cidrhost("10.0.0.0/30", 4)        | prefix of 30 does not accommodate a host numbered 4
            negative host beyond the prefix     | cidrhost("10.0.0.0/30", -5)       | prefix of 30 does not accommodate a host numbered -5
            IPv6 host beyond the prefix         | cidrhost("fd00::/126", 4)         | prefix of 126 does not accommodate a host numbered 4
            not a CIDR                          | cidrhost("10.0.0.0", 1)           | invalid CIDR expression
            octet too large                     | cidrhost("10.0.0.256/8", 1)       | octet 256 is larger than 255
            host name is not an address         | cidrhost("example.com/8", 1)      | is not an IPv4 or IPv6 address
            unknown uuid namespace              | uuidv5("dnsx", "a")               | namespace must be "dns", "url", "oid", "x500" or a UUID
            """)
    void functionErrorsSayWhatIsWrong(String reason, String call, String expected) {
        Diagnostic d = error(call);
        assertEquals("Invalid function argument", d.summary(), reason);
        assertTrue(d.detail().contains(expected), reason + ": " + d.detail());
    }

    @Test
    void yamlencodeIsReadBackAsTheSameData() throws IOException {
        Diagnostics d = new Diagnostics();
        Value encoded = eval("yamlencode({name = \"a: b\", tags = [\"x\", \"#y\"], nested = {list = [{k = 1.5}, []], empty = {}, no = null}, "
                + "multi = \"line1\\nline2\", flag = false})", d);
        assertTrue(d.isEmpty(), d::toString);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"name\":\"a: b\",\"tags\":[\"x\",\"#y\"],\"nested\":{\"list\":[{\"k\":1.5},[]],"
                        + "\"empty\":{},\"no\":null},\"multi\":\"line1\\nline2\",\"flag\":false}"),
                yaml.readTree(((StringValue) encoded).value()));
    }

    @Test
    void newFunctionsPropagateUnknownAndSensitive() {
        Diagnostics d = new Diagnostics();
        assertEquals(Value.UNKNOWN, eval("cidrhost(unknown, 1)", d));
        assertEquals(Value.UNKNOWN, eval("uuidv5(\"dns\", unknown)", d));
        assertEquals(Value.UNKNOWN, eval("yamlencode({a = unknown})", d));
        assertTrue(eval("uuidv5(\"dns\", input.password)", d).containsSensitive());
        assertTrue(d.isEmpty(), d::toString);
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
