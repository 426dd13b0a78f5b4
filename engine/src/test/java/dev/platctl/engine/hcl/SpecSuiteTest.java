package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.expr.Functions;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs hashicorp/hcl's specification suite (shared/fixtures/hcl-specsuite, beside the repository): each case
 * is decoded with its .hcldec spec and compared with the result, type and error ranges its .t file expects.
 */
class SpecSuiteTest {
    private static final String FIXTURES = "shared/fixtures/hcl-specsuite";
    /**
     * cty numbers are 512-bit binary floats (about 154 significant digits), so the suite's expectations
     * carry binary rounding residue beyond that; numbers are compared to 150 significant digits.
     */
    private static final MathContext CTY_PRECISION = new MathContext(150);

    static Stream<Arguments> cases() throws IOException {
        Path root = locateSuite();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> hcl = files.filter(p -> p.getFileName().toString().endsWith(".hcl")).sorted().toList();
            if (hcl.isEmpty()) throw new AssertionError("no .hcl cases found under " + root);
            return hcl.stream().map(p -> Arguments.of(root.relativize(p).toString(), p));
        }
    }

    /** Walks up from the working directory to the folder that has {@code shared/fixtures/hcl-specsuite}. */
    static Path locateSuite() {
        Path start = Path.of("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            Path candidate = d.resolve(FIXTURES);
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new AssertionError("the HCL spec suite was not found: no " + FIXTURES + " in " + start
                + " or any folder above it (in CI it sits beside the repository: X/main and X/shared)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void specSuiteCase(String name, Path hclFile) {
        String base = hclFile.toString().substring(0, hclFile.toString().length() - ".hcl".length());
        Body spec = parseClean(Path.of(base + ".hcldec"));
        Body expectation = parseClean(Path.of(base + ".t"));

        HclParser.ParseResult parsed = HclParser.parse(name, read(hclFile));
        Diagnostics diags = new Diagnostics().addAll(parsed.diagnostics());
        EvalContext ctx = new EvalContext(variables(spec), Functions.none());
        Value actual = new HcldecDecoder(ctx, diags).decode(HcldecDecoder.rootSpec(spec), parsed.body());

        List<String> expectedErrors = expectedErrorRanges(expectation);
        List<String> actualErrors = diags.errors().stream().map(SpecSuiteTest::rangeText).toList();
        assertEquals(expectedErrors, actualErrors, "error ranges; the errors were:\n" + diags);
        if (!expectedErrors.isEmpty()) return;

        Optional<SpecType> type = expectation.attribute("result_type").map(a -> SpecType.parse(a.expression()));
        type.ifPresent(t -> assertTrue(t.conforms(actual), "result " + actual + " is not of type " + t));
        Optional<Attribute> result = expectation.attribute("result");
        if (result.isPresent()) {
            Diagnostics tDiags = new Diagnostics();
            Value expected = Evaluator.evaluate(result.get().expression(),
                    new EvalContext(Map.of(), Functions.none()), tDiags);
            assertTrue(tDiags.isEmpty(), "the .t result does not evaluate: " + tDiags);
            Value typedExpected = type.flatMap(t -> t.convert(expected)).orElse(expected);
            assertEquals(canonical(typedExpected), canonical(actual));
        }
    }

    private static Map<String, Value> variables(Body spec) {
        Optional<Block> vars = spec.blocks("variables").stream().findFirst();
        if (vars.isEmpty()) return Map.of();
        Diagnostics d = new Diagnostics();
        Map<String, Value> out = new java.util.HashMap<>();
        for (Attribute a : vars.get().body().attributes()) {
            out.put(a.name(), Evaluator.evaluate(a.expression(), new EvalContext(Map.of(), Functions.none()), d));
        }
        assertTrue(d.isEmpty(), "the spec's variables do not evaluate: " + d);
        return out;
    }

    private static List<String> expectedErrorRanges(Body t) {
        List<String> out = new ArrayList<>();
        for (Block diagnostics : t.blocks("diagnostics")) {
            for (Block error : diagnostics.body().blocks("error")) {
                out.add(pos(error.body().blocks("from").get(0)) + "-" + pos(error.body().blocks("to").get(0)));
            }
        }
        return out;
    }

    private static String pos(Block b) {
        return number(b, "line") + ":" + number(b, "column") + "@" + number(b, "byte");
    }

    private static String number(Block b, String attr) {
        return ((Expression.Literal) b.body().attribute(attr).orElseThrow().expression()).value().toString();
    }

    private static String rangeText(Diagnostic d) {
        SourceRange r = d.subject().orElseThrow();
        return r.start().line() + ":" + r.start().column() + "@" + r.start().offset() + "-"
                + r.end().line() + ":" + r.end().column() + "@" + r.end().offset();
    }

    /** The value with numbers rounded to cty's precision, for comparison. */
    private static Value canonical(Value v) {
        if (v instanceof NumberValue n) return new NumberValue(n.value().round(CTY_PRECISION));
        if (v instanceof ListValue l) return new ListValue(l.items().stream().map(SpecSuiteTest::canonical).toList());
        if (v instanceof ObjectValue o) {
            Map<String, Value> out = new java.util.TreeMap<>();
            o.attributes().forEach((k, x) -> out.put(k, canonical(x)));
            return new ObjectValue(out);
        }
        return v;
    }

    private static Body parseClean(Path p) {
        HclParser.ParseResult r = HclParser.parse(p.getFileName().toString(), read(p));
        assertTrue(r.diagnostics().isEmpty(), "cannot parse " + p + ":\n" + r.diagnostics());
        return r.body();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
