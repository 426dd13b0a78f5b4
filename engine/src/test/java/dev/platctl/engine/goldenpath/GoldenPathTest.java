package dev.platctl.engine.goldenpath;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading templates, validating parameters and rendering skeletons, hostile templates included. */
class GoldenPathTest {
    static final String TEMPLATE = """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: tiny
              annotations:
                platctl.dev/version: 2.1.0
            spec:
              parameters:
                - title: Service
                  required: [name]
                  properties:
                    name:
                      title: Name
                      type: string
                      pattern: "^[a-z][a-z0-9-]{2,30}$"
                      ui:autofocus: true
                    replicas:
                      type: integer
                      minimum: 1
                      maximum: 10
                      default: 2
                    tier:
                      type: string
                      enum: [small, large]
                      default: small
              steps:
                - id: fetch
                  action: fetch:template
                  input:
                    url: ./skeleton
                    values:
                      name: ${{ parameters.name }}
                      replicas: ${{ parameters.replicas }}
                      tier: ${{ parameters.tier }}
            """;

    @TempDir
    Path dir;

    Template template(Map<String, String> skeleton) throws IOException {
        Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        Files.createDirectories(dir.resolve("skeleton"));
        for (Map.Entry<String, String> e : skeleton.entrySet()) {
            Path p = dir.resolve("skeleton").resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        Diagnostics d = new Diagnostics();
        Optional<Template> t = TemplateReader.read(dir, "template.yaml", TEMPLATE, d);
        assertTrue(t.isPresent(), d::toString);
        return t.get();
    }

    static Map<String, String> text(Map<String, byte[]> files) {
        Map<String, String> out = new java.util.TreeMap<>();
        files.forEach((k, v) -> out.put(k, new String(v, java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }

    static ObjectValue params(String name) {
        return new ObjectValue(Map.of("name", Value.of(name), "replicas", Value.of(3), "tier", Value.of("large")));
    }

    @Nested
    class Rendering {
        @Test
        void valuesFiltersAndConditionalsRender() throws IOException {
            Template t = template(Map.of("${{ values.name }}/app.txt",
                    "name=${{ values.name }} upper=${{ values.name | upper }} module=${{ values.name | replace(\"-\", \"_\") }}\n"
                            + "{% if values.replicas > 2 %}many{% else %}few{% endif %} ${{ parameters.tier }}\n"
                            + "helm={{ .Values.x }} actions={% raw %}${{ github.sha }}{% endraw %}\n"));
            Diagnostics d = new Diagnostics();
            RenderedSkeleton r = new SkeletonRenderer().render(t, params("orders-api"), d).orElseThrow(() -> new AssertionError(d));
            assertEquals(List.of("orders-api/app.txt"), List.copyOf(r.files().keySet()));
            assertEquals("name=orders-api upper=ORDERS-API module=orders_api\nmany large\nhelm={{ .Values.x }} actions=${{ github.sha }}\n",
                    r.files().get("orders-api/app.txt"));
        }

        @Test
        void aValueHoldingTemplateSyntaxIsTextNotRenderedAgainAndDumpQuotesItAsJson() throws IOException {
            Template t = template(Map.of("a.txt", "${{ values.name }}|${{ parameters.name }}|${{ values.name | tojson }}|${{ values.name | dump }}\n"));
            ObjectValue p = new ObjectValue(Map.of("name", Value.of("${{ values.tier }} {% raw %}"), "replicas", Value.of(3), "tier", Value.of("large")));
            Diagnostics d = new Diagnostics();
            RenderedSkeleton r = new SkeletonRenderer().render(t, p, d).orElseThrow(() -> new AssertionError(d));
            assertEquals("${{ values.tier }} {% raw %}|${{ values.tier }} {% raw %}|\"${{ values.tier }} {% raw %}\"|\"${{ values.tier }} {% raw %}\"\n", r.files().get("a.txt"));
        }

        @Test
        void aTypoInAValueNameIsAnErrorNotAnEmptyString() throws IOException {
            Template t = template(Map.of("a.txt", "line one\n${{ values.nmae }}\n"));
            Diagnostics d = new Diagnostics();
            assertTrue(new SkeletonRenderer().render(t, params("orders-api"), d).isEmpty());
            assertTrue(d.toString().contains("skeleton/a.txt:2") && d.toString().contains("values.nmae"), d::toString);
        }

        @Test
        void theRealPythonMicroserviceRendersEveryPart() {
            Template t = GoldenPaths.load(Path.of(".."), "python-microservice");
            assertEquals("1.2.0", t.version());
            ObjectValue p = ParameterValues.withDefaults(t, Map.of("name", Value.of("orders-api"), "owner", Value.of("payments"),
                    "description", Value.of("Takes and tracks customer orders.")));
            assertEquals(List.of(), ParameterValidator.validate(t, p));
            Diagnostics d = new Diagnostics();
            RenderedSkeleton r = new SkeletonRenderer().render(t, p, d).orElseThrow(() -> new AssertionError(d));
            for (String f : List.of("app/main.py", "tests/test_health.py", "Dockerfile", ".github/workflows/ci.yaml", "chart/values.yaml",
                    "chart/templates/hpa.yaml", "chart/templates/prometheusrule.yaml",
                    "chart/templates/servicemonitor.yaml", "catalog-info.yaml", "mkdocs.yml", "docs/index.md", "docs/runbook.md"))
                assertTrue(r.files().containsKey(f), f + " in " + r.files().keySet());
            assertTrue(r.files().get("Dockerfile").contains("FROM python:3.12-slim-bookworm AS build"));
            assertTrue(r.files().get("Dockerfile").contains("USER 10001:10001"));
            assertTrue(r.files().get("chart/values.yaml").contains("minReplicas: 2"));
            assertTrue(r.files().get(".github/workflows/ci.yaml").contains("password: ${{ secrets.GITHUB_TOKEN }}"));
            String rules = r.files().get("chart/templates/prometheusrule.yaml");
            String ownNamespace = "namespace=\"{{ .Release.Namespace }}\"";
            assertTrue(rules.contains("alert: OrdersApiHighErrorRate")
                    && rules.contains("sum by (namespace) (rate(http_requests_total{service=\"orders-api\", " + ownNamespace + ", status=~\"5..\"}[5m]))")
                    && rules.contains("sum by (namespace) (rate(http_requests_total{service=\"orders-api\", " + ownNamespace + "}[5m]))")
                    && rules.contains("sum by (le, namespace) (rate(http_request_duration_seconds_bucket{service=\"orders-api\", " + ownNamespace + "}[5m]))"),
                    "each release's alerts watch only its namespace, so development's errors do not page for production:\n" + rules);
            assertTrue(rules.contains("severity: {{ if eq .Values.environment \"production\" }}page{{ else }}ticket{{ end }}"), rules);
            assertTrue(r.files().get("chart/values.yaml").contains("\nenvironment: development\n"), "the chart's default environment");
            assertTrue(r.files().get("catalog-info.yaml").contains("owner: group:payments"));
            assertFalse(r.files().values().stream().anyMatch(c -> c.contains("${{ values.") || c.contains("{% if")), "no expression left unrendered");
        }

        @Test
        void theWorkflowPassesValuesToItsScriptsOnlyThroughTheEnvironment() throws IOException {
            Template t = GoldenPaths.load(Path.of(".."), "python-microservice");
            ObjectValue p = ParameterValues.withDefaults(t, Map.of("name", Value.of("orders-api"), "owner", Value.of("payments"),
                    "description", Value.of("Takes and tracks customer orders."), "githubOrg", Value.of("Acme-Corp")));
            Diagnostics d = new Diagnostics();
            RenderedSkeleton r = new SkeletonRenderer().render(t, p, d).orElseThrow(() -> new AssertionError(d));
            String ci = r.files().get(".github/workflows/ci.yaml");
            com.fasterxml.jackson.databind.JsonNode workflow = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(ci);
            List<String> scripts = new java.util.ArrayList<>();
            workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
                if (step.has("run")) scripts.add(step.path("run").asText());
            }));
            assertTrue(scripts.size() >= 3, ci);
            for (String script : scripts)
                assertFalse(script.contains("${{"), "an expression spliced into a script can inject shell code:\n" + script);
            assertTrue(ci.contains("NAMESPACE: ${{ matrix.namespace }}") && ci.contains("--namespace \"$NAMESPACE\""), ci);
            assertTrue(ci.contains("IMAGE: ghcr.io/acme-corp/orders-api"), "image names are lower-case: " + ci);
            assertTrue(r.files().get("chart/values.yaml").contains("repository: ghcr.io/acme-corp/orders-api"), r.files().get("chart/values.yaml"));
        }

        @Test
        void markdownTurnsFreeTextIntoTextNotMarkup() throws IOException {
            Template t = template(Map.of("README.md", "# ${{ values.name }}\n\n${{ values.name | markdown }}\n"));
            for (String[] c : new String[][]{
                    {"<script>alert(1)</script> & co", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", "HTML is text"},
                    {"[x](javascript:alert(1)) and ![i](http://x/y.png)", "&#91;x&#93;(javascript&#58;alert(1)) and !&#91;i&#93;(http&#58;//x/y.png)", "no link, no image"},
                    {"# Not a heading", "&#35;&#32;Not a heading", "a leading # starts no heading"},
                    {"- no list, 1. none", "&#45;&#32;no list, 1. none", "a leading - starts no list"},
                    {"2024. A year", "2024&#46; A year", "nor does a number and a dot"},
                    {"*bold* _it_ `code` ~x~ a|b {attr} \\", "&#42;bold&#42; &#95;it&#95; &#96;code&#96; &#126;x&#126; a&#124;b &#123;attr&#125; &#92;",
                            "no emphasis, code, strike, table or attribute marks"},
                    {"Takes and tracks customer orders.", "Takes and tracks customer orders.", "plain words stay as they are"}}) {
                ObjectValue p = new ObjectValue(Map.of("name", Value.of(c[0]), "replicas", Value.of(3), "tier", Value.of("large")));
                Diagnostics d = new Diagnostics();
                String readme = new SkeletonRenderer().render(t, p, d).orElseThrow(() -> new AssertionError(d)).files().get("README.md");
                assertEquals(c[1], readme.substring(readme.indexOf("\n\n") + 2, readme.length() - 1), c[2]);
            }
        }
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("a file include", "a.txt", "{% include '/etc/passwd' %}", "'include' is disabled"),
                Arguments.of("an import", "a.txt", "{% import 'other.txt' as o %}", "'import' is disabled"),
                Arguments.of("an extends", "a.txt", "{% extends 'base.txt' %}", "'extends' is disabled"),
                Arguments.of("getClass on a value", "a.txt", "${{ values.name.getClass() }}", "Cannot find method 'getClass'"),
                Arguments.of("any Java method on a string", "a.txt", "${{ values.name.replace('a', 'b') }}", "Cannot find method 'replace'"),
                Arguments.of("a bean property", "a.txt", "${{ values.name.class }}", "class"),
                Arguments.of("the attr filter", "a.txt", "${{ values.name | attr('class') }}", "attr"),
                Arguments.of("a file name that renders to ../../x", "${{ values.name }}", "boom", "climbs out of the output folder"),
                Arguments.of("a file name that renders to an absolute path", "${{ values.tier }}", "boom", "absolute path"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("hostile")
    void hostileTemplatesAreRefused(String reason, String file, String content, String expected) throws IOException {
        Template t = template(Map.of(file, content));
        Diagnostics d = new Diagnostics();
        ObjectValue hostile = new ObjectValue(Map.of("name", Value.of("../../x"), "replicas", Value.of(3), "tier", Value.of("/etc/cron.d/x")));
        Optional<RenderedSkeleton> r = new SkeletonRenderer().render(t, hostile, d);
        assertTrue(r.isEmpty(), reason + ": rendered " + r);
        assertTrue(d.toString().contains(expected), reason + ": " + d);
    }

    @Test
    void aSymbolicLinkOutOfTheSkeletonIsRefused() throws IOException {
        Template t = template(Map.of("ok.txt", "fine"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "do not read");
        Files.createSymbolicLink(dir.resolve("skeleton/link.txt"), secret);
        Diagnostics d = new Diagnostics();
        assertTrue(new SkeletonRenderer().render(t, params("orders-api"), d).isEmpty());
        assertTrue(d.toString().contains("Symbolic link refused"), d::toString);
    }

    @Nested
    class LinkedFolders {
        /** A folder outside the template, standing for ~/.ssh. */
        @TempDir
        Path secrets;

        Path secrets() throws IOException {
            Files.writeString(secrets.resolve("id_rsa"), "PRIVATE KEY");
            return secrets;
        }

        @Test
        void aSkeletonFolderThatIsASymbolicLinkIsRefused() throws IOException {
            Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
            Files.createSymbolicLink(dir.resolve("skeleton"), secrets());
            Diagnostics d = new Diagnostics();
            assertTrue(TemplateReader.read(dir, "template.yaml", TEMPLATE, d).isEmpty(), "a linked skeleton folder is read");
            assertTrue(d.toString().contains("Skeleton is a symbolic link") && d.toString().contains("template.yaml:"), d::toString);
        }

        @Test
        void aSkeletonReachedThroughALinkedFolderIsRefused() throws IOException {
            Files.createDirectories(secrets().resolve("skeleton"));
            Files.createSymbolicLink(dir.resolve("parts"), secrets);
            String viaLink = TEMPLATE.replace("url: ./skeleton", "url: ./parts/skeleton");
            Diagnostics d = new Diagnostics();
            assertTrue(TemplateReader.read(dir, "template.yaml", viaLink, d).isEmpty(), "a skeleton behind a linked folder is read");
            assertTrue(d.toString().contains("Skeleton outside the template") && d.toString().contains("resolves to " + secrets.toRealPath()), d::toString);
        }

        @Test
        void aSkeletonSwappedForALinkAfterReadingIsNotRendered() throws IOException {
            Template t = template(Map.of("a.txt", "fine"));
            Files.delete(dir.resolve("skeleton/a.txt"));
            Files.delete(dir.resolve("skeleton"));
            Files.createSymbolicLink(dir.resolve("skeleton"), secrets());
            Diagnostics d = new Diagnostics();
            Optional<RenderedSkeleton> r = new SkeletonRenderer().render(t, params("orders-api"), d);
            assertTrue(r.isEmpty(), "rendered " + r);
            assertTrue(d.toString().contains("Skeleton outside the template") && d.toString().contains("is a symbolic link"), d::toString);
        }

        @Test
        void aFileReachedThroughALinkedFolderInsideTheSkeletonIsNeitherRenderedNorRead() throws IOException {
            Template t = template(Map.of("catalog-info.yaml", "kind: Component\n"));
            Files.createSymbolicLink(dir.resolve("skeleton/keys"), secrets());
            Diagnostics d = new Diagnostics();
            assertTrue(new SkeletonRenderer().render(t, params("orders-api"), d).isEmpty());
            assertTrue(d.toString().contains("skeleton entry keys is a symbolic link"), d::toString);
            assertEquals(Optional.empty(), new SkeletonRenderer().renderFile(t, Map.of(), "keys/id_rsa", new Diagnostics()),
                    "a file read by name (catalog:register's descriptor) is not read through a link either");
            assertTrue(new SkeletonRenderer().renderFile(t, Map.of(), "catalog-info.yaml", new Diagnostics()).isPresent());
        }

        @Test
        void aSkeletonUrlThroughALinkInsideTheTemplateIsRefused() throws IOException {
            Files.createDirectories(dir.resolve("real/skeleton"));
            Files.writeString(dir.resolve("real/skeleton/a.txt"), "fine");
            Files.createSymbolicLink(dir.resolve("content"), dir.resolve("real"));
            Diagnostics d = new Diagnostics();
            String viaLink = TEMPLATE.replace("url: ./skeleton", "url: ./content/skeleton");
            assertTrue(TemplateReader.read(dir, "template.yaml", viaLink, d).isEmpty(), "a skeleton behind a link inside the template is read");
            assertTrue(d.toString().contains("Skeleton reached through a symbolic link") && d.toString().contains("goes through content, a symbolic link"),
                    d::toString);
        }

        /** The way to the skeleton, as the template writes it, turned into a link after the template was read: neither way of reading follows it. */
        @ParameterizedTest(name = "secure directory streams: {0}")
        @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
        void aSkeletonWhoseWayBecomesALinkIsNotRead(boolean secure) throws IOException {
            Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
            Files.createDirectories(dir.resolve("content/skeleton"));
            Files.writeString(dir.resolve("content/skeleton/a.txt"), "fine");
            Diagnostics read = new Diagnostics();
            Template t = TemplateReader.read(dir, "template.yaml", TEMPLATE.replace("url: ./skeleton", "url: ./content/skeleton"), read)
                    .orElseThrow(() -> new AssertionError(read));
            assertEquals(Map.of("a.txt", "fine"), text(SkeletonFiles.read(t, new Diagnostics(), secure).orElseThrow()), "a plain way is read");
            Files.move(dir.resolve("content"), dir.resolve("real"));
            Files.createSymbolicLink(dir.resolve("content"), dir.resolve("real"));
            Diagnostics d = new Diagnostics();
            assertEquals(Optional.empty(), SkeletonFiles.read(t, d, secure), "the skeleton is read through content, a link");
            assertTrue(d.toString().contains("is reached through content, which is a symbolic link"), d::toString);
            assertEquals(Optional.empty(), SkeletonFiles.readOne(t, "a.txt", secure), "nor is one file of it");
        }

        @ParameterizedTest(name = "secure directory streams: {0}")
        @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
        void linksInsideTheSkeletonAreRefusedEitherWay(boolean secure) throws IOException {
            Template t = template(Map.of("ok.txt", "fine", "docs/index.md", "# docs"));
            Files.createSymbolicLink(dir.resolve("skeleton/keys"), secrets());
            Files.createSymbolicLink(dir.resolve("skeleton/docs/key.txt"), secrets.resolve("id_rsa"));
            Diagnostics d = new Diagnostics();
            Map<String, byte[]> files = SkeletonFiles.read(t, d, secure).orElseThrow(() -> new AssertionError(d));
            assertEquals(Map.of("ok.txt", "fine", "docs/index.md", "# docs"), text(files), "only the plain files");
            assertTrue(d.toString().contains("skeleton entry keys is a symbolic link") && d.toString().contains("skeleton entry docs/key.txt is a symbolic link"),
                    d::toString);
            assertEquals(Optional.empty(), SkeletonFiles.readOne(t, "keys/id_rsa", secure));
            assertEquals(Optional.empty(), SkeletonFiles.readOne(t, "docs/key.txt", secure));
            assertEquals("# docs", new String(SkeletonFiles.readOne(t, "docs/index.md", secure).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
        }

        @Test
        void aKeptVersionThatIsASymbolicLinkIsRefused() throws IOException {
            Path gp = dir.resolve("golden-paths/tiny");
            Files.createDirectories(gp.resolve("skeleton"));
            Files.writeString(gp.resolve("template.yaml"), TEMPLATE);
            Path elsewhere = secrets();
            Files.createDirectories(elsewhere.resolve("skeleton"));
            Files.writeString(elsewhere.resolve("template.yaml"), TEMPLATE.replace("2.1.0", "2.0.0"));
            Files.createDirectories(gp.resolve("versions"));
            Files.createSymbolicLink(gp.resolve("versions/2.0.0"), elsewhere);
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.platctl.engine.PlatctlException.class,
                    () -> GoldenPaths.load(dir, "tiny", "2.0.0"));
            assertTrue(e.getMessage().contains("golden-paths/tiny/versions/2.0.0 is a symbolic link"), e::getMessage);
        }

        @Test
        void aVersionsFolderThatIsASymbolicLinkIsRefused() throws IOException {
            Path gp = dir.resolve("golden-paths/tiny");
            Files.createDirectories(gp.resolve("skeleton"));
            Files.writeString(gp.resolve("template.yaml"), TEMPLATE);
            Path kept = secrets().resolve("2.0.0");
            Files.createDirectories(kept.resolve("skeleton"));
            Files.writeString(kept.resolve("template.yaml"), TEMPLATE.replace("2.1.0", "2.0.0"));
            Files.createSymbolicLink(gp.resolve("versions"), secrets);
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.platctl.engine.PlatctlException.class,
                    () -> GoldenPaths.load(dir, "tiny", "2.0.0"), "a kept version read through a linked versions/ folder");
            assertTrue(e.getMessage().contains("golden-paths/tiny/versions is a symbolic link"), e::getMessage);
        }

        @Test
        void aGoldenPathFolderThatIsASymbolicLinkIsRefused() throws IOException {
            Files.createDirectories(secrets().resolve("skeleton"));
            Files.writeString(secrets.resolve("template.yaml"), TEMPLATE);
            Files.createDirectories(dir.resolve("golden-paths"));
            Files.createSymbolicLink(dir.resolve("golden-paths/tiny"), secrets);
            for (org.junit.jupiter.api.function.Executable load : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> GoldenPaths.load(dir, "tiny"), () -> GoldenPaths.load(dir, "tiny", "2.1.0"))) {
                var e = org.junit.jupiter.api.Assertions.assertThrows(dev.platctl.engine.PlatctlException.class, load);
                assertTrue(e.getMessage().contains("is a symbolic link or leads outside"), e::getMessage);
            }
        }

        @Test
        void aNameThatIsAPathIsNoGoldenPathsName() {
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.platctl.engine.PlatctlException.class,
                    () -> GoldenPaths.load(dir, "../../x", "1.0.0"));
            assertTrue(e.getMessage().contains("a golden path's name is its folder's"), e::getMessage);
        }
    }

    @Test
    void aSkeletonUrlOutsideTheTemplateIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("skeleton"));
        Diagnostics d = new Diagnostics();
        assertTrue(TemplateReader.read(dir, "template.yaml", TEMPLATE.replace("url: ./skeleton", "url: ../../etc"), d).isEmpty());
        assertTrue(d.toString().contains("Skeleton outside the template"), d::toString);
    }

    @Test
    void schemaReferencesAreRefusedSoNothingIsFetched() throws IOException {
        Files.createDirectories(dir.resolve("skeleton"));
        Diagnostics d = new Diagnostics();
        String remote = TEMPLATE.replace("type: integer", "$ref: https://example.com/replicas.json");
        assertTrue(TemplateReader.read(dir, "template.yaml", remote, d).isEmpty());
        assertTrue(d.toString().contains("template.yaml:18") && d.toString().contains("Schema reference refused"), d::toString);
    }

    @Test
    void everyParameterViolationIsReportedAtOnceNamingFieldAndRule() throws IOException {
        Template t = template(Map.of("a.txt", "x"));
        List<Diagnostic> problems = ParameterValidator.validate(t, new ObjectValue(Map.of(
                "name", Value.of("Bad_Name"), "replicas", Value.of(50), "tier", Value.of("huge"))));
        String all = problems.toString();
        assertEquals(3, problems.size(), all);
        assertTrue(all.contains("Invalid parameter \"name\"") && all.contains("breaks rule \"pattern\""), all);
        assertTrue(all.contains("Invalid parameter \"replicas\"") && all.contains("breaks rule \"maximum\""), all);
        assertTrue(all.contains("Invalid parameter \"tier\"") && all.contains("breaks rule \"enum\""), all);
        List<Diagnostic> missing = ParameterValidator.validate(t, ParameterValues.withDefaults(t, Map.of()));
        assertEquals(1, missing.size(), missing::toString);
        assertTrue(missing.get(0).toString().contains("name breaks rule \"required\""), missing::toString);
    }

    @Test
    void typedTextFromTheCommandLineBecomesTypedValues() throws IOException {
        Template t = template(Map.of("a.txt", "x"));
        assertEquals(Value.of(4), ParameterValues.parse(t, "replicas", "4"));
        assertEquals(Value.of("four"), ParameterValues.parse(t, "replicas", "four"));
        List<Diagnostic> p = ParameterValidator.validate(t, ParameterValues.withDefaults(t, Map.of("name", Value.of("abc"), "replicas", Value.of("four"))));
        assertTrue(p.toString().contains("replicas breaks rule \"type\""), p::toString);
    }
}
