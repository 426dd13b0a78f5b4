package dev.platctl.engine.expr;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code golden_path_files()}: a golden path found above the module, rendered with the request's parameters, or a clear error. */
class GoldenPathFunctionsTest {
    @TempDir
    Path dir;
    Path module;

    @BeforeEach
    void goldenPath() throws IOException {
        Path gp = dir.resolve("golden-paths/tiny");
        Files.createDirectories(gp.resolve("skeleton/app"));
        Files.writeString(gp.resolve("template.yaml"), """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata:
                  name: tiny
                  annotations:
                    platctl.dev/version: 1.2.0
                spec:
                  parameters:
                    required: [name]
                    properties:
                      name: {type: string, pattern: "^[a-z]+$"}
                      replicas: {type: integer, default: 2}
                  steps:
                    - id: fetch
                      action: fetch:template
                      input: {url: ./skeleton}
                """);
        Files.writeString(gp.resolve("skeleton/app/${{ values.name }}.txt"), "name=${{ values.name }} replicas=${{ values.replicas }}\n");
        module = dir.resolve("modules/service/1.0.0");
        Files.createDirectories(module);
    }

    private Value eval(String text, Diagnostics d) {
        return Evaluator.evaluate(EvaluatorTest.parse(text), new EvalContext(Map.of(), Functions.standard(module)), d);
    }

    private String error(String text) {
        Diagnostics d = new Diagnostics();
        assertEquals(Value.UNKNOWN, eval(text, d));
        assertEquals(1, d.errors().size(), d::toString);
        return d.errors().get(0).detail();
    }

    @Test
    void rendersTheSkeletonWithDefaultsAsAMapOfPathToContent() {
        Diagnostics d = new Diagnostics();
        Value files = eval("golden_path_files(\"tiny\", \"1.2.0\", {name = \"orders\"})", d);
        assertTrue(d.errors().isEmpty(), d::toString);
        assertEquals(Value.object(Map.of("app/orders.txt", new StringValue("name=orders replicas=2\n"))), files);
    }

    @Test
    void anEarlierVersionIsRenderedFromTheCopyKeptInVersions() throws IOException {
        Path gp = dir.resolve("golden-paths/tiny");
        Path old = gp.resolve("versions/1.1.0");
        Files.createDirectories(old.resolve("skeleton"));
        Files.writeString(old.resolve("template.yaml"), Files.readString(gp.resolve("template.yaml")).replace("1.2.0", "1.1.0"));
        Files.writeString(old.resolve("skeleton/old.txt"), "old ${{ values.name }}\n");
        Diagnostics d = new Diagnostics();
        Value files = eval("golden_path_files(\"tiny\", \"1.1.0\", {name = \"orders\"})", d);
        assertTrue(d.errors().isEmpty(), d::toString);
        assertEquals(Value.object(Map.of("old.txt", new StringValue("old orders\n"))), files);
    }

    @Test
    void aVersionNotKeptIsAnErrorNamingTheVersionsThereAre() {
        String detail = error("golden_path_files(\"tiny\", \"1.0.0\", {name = \"orders\"})");
        assertTrue(detail.contains("cannot find golden path tiny@1.0.0: the versions there are 1.2.0"), detail);
    }

    @Test
    void parametersBreakingTheTemplatesSchemaAreAnError() {
        String detail = error("golden_path_files(\"tiny\", \"1.2.0\", {name = \"Orders!\"})");
        assertTrue(detail.contains("the parameters do not fit golden path tiny@1.2.0") && detail.contains("pattern"), detail);
    }

    @Test
    void anUnknownGoldenPathIsAnErrorListingTheKnownOnes() {
        String detail = error("golden_path_files(\"nope\", \"1.0.0\", {})");
        assertTrue(detail.contains("cannot find golden path 'nope'") && detail.contains("tiny"), detail);
    }

    @Test
    void aTemplateThatIncludesAFileIsRefused() throws IOException {
        Files.writeString(dir.resolve("secret.txt"), "top secret");
        Files.writeString(dir.resolve("golden-paths/tiny/skeleton/leak.txt"), "{% include \"../../../secret.txt\" %}");
        String detail = error("golden_path_files(\"tiny\", \"1.2.0\", {name = \"orders\"})");
        assertTrue(detail.contains("cannot render golden path tiny@1.2.0") && !detail.contains("top secret"), detail);
    }
}
