package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.expr.Functions;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HclParserTest {
    private static HclParser.ParseResult parse(String text) {
        return HclParser.parse("main.hcl", text);
    }

    private static Body parseClean(String text) {
        HclParser.ParseResult r = parse(text);
        assertTrue(r.diagnostics().isEmpty(), () -> "unexpected diagnostics:\n" + r.diagnostics());
        return r.body();
    }

    private static Expression expr(String text) {
        return parseClean("x = " + text + "\n").attribute("x").orElseThrow().expression();
    }

    private static Value value(String text) {
        Diagnostics d = new Diagnostics();
        Value v = Evaluator.evaluate(expr(text), new EvalContext(Map.of("name", Value.of("db"),
                "xs", Value.list(List.of(Value.of("a"), Value.of("b")))), Functions.none()), d);
        assertTrue(d.isEmpty(), d::toString);
        return v;
    }

    private static Diagnostic onlyError(String text) {
        List<Diagnostic> errors = parse(text).diagnostics().errors();
        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        return errors.get(0);
    }

    private static String at(Diagnostic d) {
        SourceRange r = d.subject().orElseThrow();
        return r.start().line() + ":" + r.start().column();
    }

    @Nested
    class Structure {
        @Test
        void blocksKeepTheirTypeLabelsAndPositions() {
            Body b = parseClean("# comment\nresource \"aws_db\" this {\n  // note\n  size = 20 /* inline */\n}\n");
            Block r = b.blocks("resource").get(0);
            assertEquals(List.of("aws_db", "this"), r.labels());
            assertEquals("2:1", r.typeRange().start().toString());
            assertEquals("2:10", r.labelRanges().get(0).start().toString());
            Attribute size = r.body().attribute("size").orElseThrow();
            assertEquals("4:3", size.nameRange().start().toString());
            assertEquals(47, size.nameRange().start().offset());
            assertEquals("5:2", r.range().end().toString());
        }

        @Test
        void oneLineBlocksHoldOneAttribute() {
            Body b = parseClean("b { a = 1 }\nempty {}\n");
            assertEquals(Value.of(1), ((Expression.Literal) b.blocks("b").get(0).body().attribute("a").orElseThrow()
                    .expression()).value());
            assertTrue(b.blocks("empty").get(0).body().attributes().isEmpty());
        }

        @Test
        void emptyAndCommentOnlyFilesHaveEmptyBodies() {
            assertTrue(parseClean("").attributes().isEmpty());
            assertTrue(parseClean("/* a\nb */\n# c\n// d").blocks().isEmpty());
        }

        @Test
        void attributesAndBlocksNest() {
            Body b = parseClean("a {\n  b {\n    c = 1\n  }\n}\n");
            assertTrue(b.blocks("a").get(0).body().blocks("b").get(0).body().attribute("c").isPresent());
        }
    }

    @Nested
    class Errors {
        @Test
        void missingClosingBraceIsAnErrorAtTheOpeningBrace() {
            Diagnostic d = onlyError("resource \"a\" \"b\" {\n  x = 1\n");
            assertEquals("Unclosed configuration block", d.summary());
            assertEquals("1:18", at(d));
            assertTrue(d.detail().contains("end of the file"), d.detail());
        }

        @Test
        void unclosedBlockKeepsWhatWasParsed() {
            Body b = parse("resource \"a\" \"b\" {\n  x = 1\n").body();
            assertTrue(b.blocks("resource").get(0).body().attribute("x").isPresent());
        }

        @Test
        void attributeRedefinedPointsAtTheSecondAndNamesTheFirstLine() {
            Diagnostic d = onlyError("a = 1\nb = 2\na = 3\n");
            assertEquals("Attribute redefined", d.summary());
            assertEquals("3:1", at(d));
            assertTrue(d.detail().contains("main.hcl:1:1"), d.detail());
        }

        @Test
        void missingNewlineAfterAttributeIsAnError() {
            Diagnostic d = onlyError("a = 1 b = 2\n");
            assertEquals("Missing newline after argument", d.summary());
            assertEquals("1:7", at(d));
        }

        @Test
        void commaBetweenAttributesIsAnError() {
            assertEquals("Unexpected comma after argument", onlyError("a = 1, b = 2\n").summary());
        }

        @Test
        void missingEqualsIsAnError() {
            Diagnostic d = onlyError("a 1\n");
            assertEquals("Missing equals sign", d.summary());
            assertEquals("1:3", at(d));
        }

        @Test
        void unexpectedTokenInExpressionIsAnError() {
            Diagnostic d = onlyError("a = )\n");
            assertEquals("Invalid expression", d.summary());
            assertEquals("1:5", at(d));
        }

        @Test
        void invalidCharacterIsAnError() {
            Diagnostic d = onlyError("a = 1\nb = @\n");
            assertEquals("Invalid character", d.summary());
            assertEquals("2:5", at(d));
        }

        @Test
        void unterminatedStringIsAnErrorAtItsQuote() {
            Diagnostic d = onlyError("a = \"abc\nb = 1\n");
            assertEquals("Unterminated template string", d.summary());
            assertEquals("1:5", at(d));
        }

        @Test
        void unterminatedHeredocIsAnError() {
            Diagnostic d = onlyError("a = <<EOT\nhello\n");
            assertEquals("Unterminated heredoc", d.summary());
            assertEquals("1:5", at(d));
        }

        @Test
        void unterminatedInterpolationIsAnError() {
            assertTrue(parse("a = \"${x\"\n").diagnostics().hasErrors());
        }

        @Test
        void unterminatedTemplateDirectiveIsAnError() {
            assertEquals("Unterminated template directive", onlyError("a = \"%{if x}yes\"\n").summary());
        }

        @Test
        void invalidEscapeIsAnErrorAtTheBackslash() {
            Diagnostic d = onlyError("a = \"x\\qy\"\n");
            assertEquals("Invalid escape sequence", d.summary());
            assertEquals("1:7", at(d));
        }

        @Test
        void severalProblemsAreAllReported() {
            List<Diagnostic> errors = parse("a = )\nb 2\nc = 1\nc = 2\nd {\n").diagnostics().errors();
            assertEquals(List.of("Invalid expression", "Missing equals sign", "Attribute redefined",
                    "Unclosed configuration block"), errors.stream().map(Diagnostic::summary).toList());
        }

        @Test
        void extraClosingBraceIsAnError() {
            assertEquals("Unexpected closing brace", onlyError("a = 1\n}\n").summary());
        }

        @Test
        void parserNeverThrowsOnRandomInput() {
            Random random = new Random(42);
            String alphabet = "ab1 =\n{}[]()\"$%~<-*.,:?!&|#/\\x";
            for (int i = 0; i < 3000; i++) {
                StringBuilder sb = new StringBuilder();
                int n = random.nextInt(40);
                for (int j = 0; j < n; j++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                HclParser.ParseResult r = parse(sb.toString());
                r.diagnostics().all().forEach(d -> assertTrue(d.subject().isPresent()));
                assertTrue(r.diagnostics().all().stream().noneMatch(d -> d.summary().equals("Cannot parse file")),
                        () -> "parser failed on: " + sb + "\n" + r.diagnostics());
            }
        }
    }

    @Nested
    class Expressions {
        @Test
        void multiplicationBindsTighterThanAddition() {
            Expression.BinaryOp add = assertInstanceOf(Expression.BinaryOp.class, expr("1 + 2 * 3"));
            assertEquals(Expression.Operator.ADD, add.op());
            assertEquals(Value.of(7), value("1 + 2 * 3"));
        }

        @Test
        void subtractionIsLeftAssociative() {
            assertEquals(Value.of(5), value("10 - 3 - 2"));
            assertEquals(Value.of(2), value("12 / 3 / 2"));
        }

        @Test
        void logicalAndComparisonPrecedence() {
            assertEquals(Value.TRUE, value("1 < 2 && 3 > 2 || false"));
            assertEquals(Value.TRUE, value("!false == true"));
            assertEquals(Value.of(-3), value("-1 - 2"));
        }

        @Test
        void numbersWithExponentsAndManyDigits() {
            assertEquals(Value.of(1500), value("1.5e3"));
            assertEquals("123456789012345678901234567890.5", value("123456789012345678901234567890.5").toString());
        }

        @Test
        void stringEscapes() {
            assertEquals(Value.of("a\nb\t\"\\ é 😀 ${x} %{y}"), value("\"a\\nb\\t\\\"\\\\ \\u00e9 \\U0001F600 $${x} %%{y}\""));
        }

        @Test
        void templateInterpolationIsATemplate() {
            Expression.Template t = assertInstanceOf(Expression.Template.class, expr("\"db-${name}\""));
            assertEquals(2, t.parts().size());
            assertEquals(Value.of("db-db"), value("\"db-${name}\""));
        }

        @Test
        void loneInterpolationIsWrapped() {
            assertInstanceOf(Expression.TemplateWrap.class, expr("\"${name}\""));
        }

        @Test
        void templateDirectivesAndStripMarkers() {
            assertEquals(Value.of("yes"), value("\"%{ if name == \"db\" }yes%{ else }no%{ endif }\""));
            assertEquals(Value.of("a,b,"), value("\"%{ for x in xs ~}  ${x}, %{~ endfor }\""));
        }

        @Test
        void heredocsInterpolateAndStripIndentation() {
            Body b = parseClean("a = <<EOT\n  hi ${name}\nEOT\nb = <<-EOT\n    one\n      two\n    EOT\n");
            EvalContext ctx = new EvalContext(Map.of("name", Value.of("db")), Functions.none());
            Diagnostics d = new Diagnostics();
            assertEquals(Value.of("  hi db\n"), Evaluator.evaluate(b.attribute("a").orElseThrow().expression(), ctx, d));
            assertEquals(Value.of("one\n  two\n"), Evaluator.evaluate(b.attribute("b").orElseThrow().expression(), ctx, d));
        }

        @Test
        void traversalsCollectAttributeAndLiteralIndexSteps() {
            Expression.ScopeTraversal s = assertInstanceOf(Expression.ScopeTraversal.class, expr("aws.db[0].tags[\"k\"].x.1"));
            assertEquals(7, s.traversal().steps().size());
            assertEquals("aws.db[0].tags[\"k\"].x[1]", s.traversal().toString());
        }

        @Test
        void dynamicIndexIsAnIndexExpression() {
            Expression.RelativeTraversal r = assertInstanceOf(Expression.RelativeTraversal.class, expr("a[b].c"));
            assertInstanceOf(Expression.Index.class, r.source());
        }

        @Test
        void splatsCaptureTheFollowingSteps() {
            Expression.Splat full = assertInstanceOf(Expression.Splat.class, expr("a[*].b[0]"));
            assertEquals("__splat_item__.b[0]", ((Expression.ScopeTraversal) full.each()).traversal().toString());
            Expression.Index afterAttrSplat = assertInstanceOf(Expression.Index.class, expr("a.*.b[x]"));
            assertInstanceOf(Expression.Splat.class, afterAttrSplat.collection());
        }

        @Test
        void functionCallsWithExpansion() {
            Expression.FunctionCall f = assertInstanceOf(Expression.FunctionCall.class, expr("f(1,\n  xs...)"));
            assertTrue(f.expandFinal());
            assertEquals(2, f.args().size());
        }

        @Test
        void objectConstructorKeysAndSeparators() {
            Expression.ObjectCons o = assertInstanceOf(Expression.ObjectCons.class,
                    expr("{\n  a = 1, \"b\": 2\n  (name) = 3\n  \"k-${name}\" = 4\n}"));
            assertEquals(4, o.items().size());
            assertEquals(Value.object(Map.of("a", Value.of(1), "b", Value.of(2), "db", Value.of(3), "k-db", Value.of(4))),
                    value("{\n  a = 1, \"b\": 2\n  (name) = 3\n  \"k-${name}\" = 4\n}"));
        }

        @Test
        void forExpressionsForTuplesAndObjects() {
            Expression.For f = assertInstanceOf(Expression.For.class, expr("{for i, x in xs : x => i... if i > 0}"));
            assertTrue(f.grouping());
            assertEquals("i", f.keyVar().orElseThrow());
            assertEquals(Value.list(List.of(Value.of("A"), Value.of("B"))),
                    value("[for x in xs : x == \"a\" ? \"A\" : \"B\"]"));
        }

        @Test
        void conditionalNestsToTheRight() {
            assertEquals(Value.of(2), value("false ? 1 : true ? 2 : 3"));
        }

        @Test
        void expressionsSpanLinesInsideBrackets() {
            assertEquals(Value.of(6), value("(1 +\n 2 +\n 3)"));
            assertEquals(3, ((Expression.Tuple) expr("[\n  1,\n  2,\n  3,\n]")).items().size());
        }
    }
}
