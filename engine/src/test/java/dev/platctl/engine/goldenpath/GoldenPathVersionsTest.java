package dev.platctl.engine.goldenpath;

import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.plan.ResourceEvaluator;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request's spec.goldenPath is resolved when the workspace loads: the newest version of the golden path its range
 * accepts (the current one or one kept in versions/), handed to the module as request.golden_path; anything that
 * does not fit is an error at the request's line.
 */
class GoldenPathVersionsTest {
    @TempDir
    Path ws;

    @BeforeEach
    void workspace() throws IOException {
        Files.writeString(ws.resolve("platctl.hcl"), "workspace {\n  modules = \"modules\"\n  requests = \"requests\"\n}\n");
        module("svc", "Service", "request.golden_path.version");
        module("db", "Database", "\"fixed\"");
        goldenPath(ws.resolve("golden-paths/tiny"), "2.0.0", "svc");
        goldenPath(ws.resolve("golden-paths/tiny/versions/1.1.0"), "1.1.0", "svc");
        goldenPath(ws.resolve("golden-paths/tiny/versions/1.3.0"), "1.3.0", "svc");
        goldenPath(ws.resolve("golden-paths/tiny/versions/1.5.0-rc.9"), "1.5.0-rc.9", "svc");
        goldenPath(ws.resolve("golden-paths/tiny/versions/1.5.0-rc.10"), "1.5.0-rc.10", "svc");
        Files.createDirectories(ws.resolve("requests/payments"));
    }

    private void module(String name, String kind, String expression) throws IOException {
        module(name, "1.0.0", kind, expression);
    }

    private void module(String name, String version, String kind, String expression) throws IOException {
        Files.createDirectories(ws.resolve("modules/" + name + "/" + version));
        Files.writeString(ws.resolve("modules/" + name + "/" + version + "/module.hcl"), """
                module {
                  name    = "%s"
                  version = "%s"
                  kind    = "%s"
                }
                resource "platctl_data" "this" {
                  input = { version = %s }
                }
                """.formatted(name, version, kind, expression));
    }

    private static void goldenPath(Path dir, String version, String module) throws IOException {
        Files.createDirectories(dir.resolve("skeleton"));
        Files.writeString(dir.resolve("template.yaml"), """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata:
                  name: tiny
                  annotations:
                    platctl.dev/version: %s
                    platctl.dev/module: %s
                spec:
                  steps:
                    - id: fetch
                      action: fetch:template
                      input: {url: ./skeleton}
                """.formatted(version, module));
    }

    private Diagnostics load(String kind, String module, String goldenPath) throws IOException {
        Files.writeString(ws.resolve("requests/payments/orders-api.yaml"), """
                apiVersion: platctl.dev/v1
                kind: %s
                metadata:
                  name: orders-api
                spec:
                  module: %s
                %s""".formatted(kind, module, goldenPath.isEmpty() ? "" : "  goldenPath: " + goldenPath + "\n"));
        Diagnostics d = new Diagnostics();
        ConfigLoader.load(ws, d);
        return d;
    }

    static Stream<Arguments> ranges() {
        return Stream.of(
                Arguments.of("a caret range takes the newest release of its major version, kept or current, and no pre-release",
                        "^1.1", "1.3.0"),
                Arguments.of("a range from a pre-release takes the newest pre-release of that version, rc.10 after rc.9",
                        "^1.5.0-rc.1", "1.5.0-rc.10"),
                Arguments.of("an exact pre-release", "1.5.0-rc.9", "1.5.0-rc.9"),
                Arguments.of("a tilde range stays on its minor version", "~1.1", "1.1.0"),
                Arguments.of("an exact version takes that one", "1.3.0", "1.3.0"),
                Arguments.of("the current version", "^2.0", "2.0.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ranges")
    void theModuleSeesTheNewestVersionTheRangeAccepts(String reason, String range, String expected) throws IOException {
        load("Service", "svc", "{name: tiny, version: \"" + range + "\"}");
        Diagnostics d = new Diagnostics();
        Configuration cfg = ConfigLoader.load(ws, d).orElseThrow(() -> new AssertionError(reason + ": " + d));
        ObjectValue request = new ResourceEvaluator().request(cfg.request("orders-api").orElseThrow());
        assertEquals(new ObjectValue(Map.of("name", Value.of("tiny"), "version", Value.of(expected))), request.getOrNull("golden_path"), reason);
        assertEquals("tiny@" + expected, cfg.request("orders-api").orElseThrow().goldenPath().orElseThrow().toString(), reason);
    }

    @Test
    void aModulesPreReleaseReachesNoRequestOfARange() throws IOException {
        module("svc", "1.1.0-rc.1", "Service", "request.golden_path.version");
        load("Service", "svc@^1.0", "{name: tiny, version: ^1.1}");
        Diagnostics d = new Diagnostics();
        Configuration cfg = ConfigLoader.load(ws, d).orElseThrow(() -> new AssertionError(d));
        assertEquals("svc@1.0.0", cfg.moduleOfRequest().get("orders-api").ref(), "module versions share the golden paths' rules");
        load("Service", "svc@^1.1.0-rc.1", "{name: tiny, version: ^1.1}");
        Configuration rc = ConfigLoader.load(ws, d).orElseThrow(() -> new AssertionError(d));
        assertEquals("svc@1.1.0-rc.1", rc.moduleOfRequest().get("orders-api").ref(), "a range that names the pre-release takes it");
    }

    @Test
    void aServiceScaffoldedFromAPreReleasePinsItAndLoads() throws IOException {
        Template rc = GoldenPaths.load(ws, "golden-paths/tiny/versions/1.5.0-rc.10");
        ServiceRequest request = new ServiceRequest("orders-api", "payments", rc, "svc@1.0.0", ObjectValue.EMPTY);
        assertEquals("1.5.0-rc.10", request.goldenPathRange(), "^1.5 would take no pre-release: not even the one that scaffolded it");
        Files.writeString(ws.resolve("requests/payments/orders-api.yaml"), request.yaml());
        Diagnostics d = new Diagnostics();
        Configuration cfg = ConfigLoader.load(ws, d).orElseThrow(() -> new AssertionError(d));
        assertEquals("tiny@1.5.0-rc.10", cfg.request("orders-api").orElseThrow().goldenPath().orElseThrow().toString());
    }

    @Test
    void theHashDoesNotDependOnWhereTheWorkspaceIsCheckedOut(@TempDir Path ci) throws IOException {
        load("Service", "svc", "{name: tiny, version: ^1.1}");
        List<String> hashes = new ArrayList<>();
        for (Path repo : List.of(ci.resolve("a/repo"), ci.resolve("b/longer/path/repo"))) {
            copy(ws, repo);
            // the workspace in a folder of the repository, its modules beside it, as examples/services keeps them
            Files.createDirectories(repo.resolve("team"));
            Files.writeString(repo.resolve("team/platctl.hcl"), "workspace {\n  modules = \"../modules\"\n  requests = \"requests\"\n}\n");
            copy(ws.resolve("requests"), repo.resolve("team/requests"));
            Diagnostics d = new Diagnostics();
            hashes.add(ConfigLoader.load(repo.resolve("team"), d).orElseThrow(() -> new AssertionError(d)).hash());
        }
        assertEquals(hashes.get(0), hashes.get(1), "a plan saved with -out in one checkout applies in another");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }

    @Test
    void aBrokenCurrentTemplateStillLetsRequestsTakeKeptVersionsAndIsReportedWhereItIsBroken() throws IOException {
        Files.writeString(ws.resolve("golden-paths/tiny/template.yaml"), Files.readString(ws.resolve("golden-paths/tiny/template.yaml"))
                .replace("platctl.dev/version: 2.0.0", "platctl.dev/version: two"));
        load("Service", "svc", "{name: tiny, version: ^1.1}");
        Diagnostics d = new Diagnostics();
        Configuration cfg = ConfigLoader.load(ws, d).orElseThrow(() -> new AssertionError(d));
        assertEquals("tiny@1.3.0", cfg.request("orders-api").orElseThrow().goldenPath().orElseThrow().toString());
        assertTrue(d.toString().contains("Golden path \"tiny\" has a broken template.yaml"), d::toString);

        Diagnostics broken = load("Service", "svc", "{name: tiny, version: ^2.0}");
        String all = broken.toString();
        assertTrue(all.contains("requests/payments/orders-api.yaml:7") && all.contains("Broken golden path \"tiny\"")
                && all.contains("(1.1.0, 1.3.0, 1.5.0-rc.9, 1.5.0-rc.10) none matches \"^2.0\""), all);
        assertTrue(all.contains("golden-paths/tiny/template.yaml:4") && all.contains("Invalid template version \"two\""),
                "the template's own error, at its line: " + all);
        assertTrue(!all.contains("Unknown golden path"), all);
    }

    @Test
    void aTemplateThatDisagreesWithTheRequestsModuleIsAnErrorAtTheTemplatesLineWhenTheWorkspaceLoads() throws IOException {
        Files.writeString(ws.resolve("modules/svc/1.0.0/module.hcl"), """
                module {
                  name    = "svc"
                  version = "1.0.0"
                  kind    = "Service"
                }
                resource "github_repository" "this" {
                  name       = request.golden_path.name
                  visibility = "private"
                }
                """);
        Files.writeString(ws.resolve("golden-paths/tiny/template.yaml"), Files.readString(ws.resolve("golden-paths/tiny/template.yaml")) + """
                    - id: repo
                      action: github:repo:create
                      input:
                        repoUrl: github.com?owner=acme&repo=tiny
                        repoVisibility: internal
                """);
        Diagnostics d = load("Service", "svc", "{name: tiny, version: ^2.0}");
        String all = d.toString();
        assertTrue(d.hasErrors() && all.contains("Step \"repo\" disagrees with module svc@1.0.0")
                && all.contains("golden-paths/tiny/template.yaml:17"), "plan and validate check what platctl new checks: " + all);
    }

    static Stream<Arguments> readers() {
        return Stream.of(
                Arguments.of("a count", "resource \"platctl_data\" \"this\" {\n  count = request.golden_path == null ? 0 : 1\n  input = {}\n}\n"),
                Arguments.of("a for_each", "resource \"platctl_data\" \"this\" {\n  for_each = { v = request.golden_path.version }\n  input = {}\n}\n"),
                Arguments.of("a connection_secret key", "resource \"platctl_data\" \"this\" {\n  input = {}\n}\n"
                        + "connection_secret {\n  version = request.golden_path.version\n}\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void aModuleThatReadsTheGoldenPathAnywhereNeedsItInItsRequests(String reason, String body) throws IOException {
        Files.createDirectories(ws.resolve("modules/reader"));
        Files.writeString(ws.resolve("modules/reader/module.hcl"), "module {\n  name = \"reader\"\n  version = \"1.0.0\"\n  kind = \"Service\"\n}\n" + body);
        Diagnostics d = load("Service", "reader", "");
        assertTrue(d.toString().contains("Missing spec.goldenPath: module reader@1.0.0 renders a golden path's skeleton"), reason + ": " + d);
    }

    @Test
    void theConfigurationsHashFollowsTheGoldenPathsFilesSoASavedPlanGoesStale() throws IOException {
        load("Service", "svc", "{name: tiny, version: ^1.1}");
        Files.writeString(ws.resolve("golden-paths/tiny/versions/1.3.0/skeleton/README.md"), "one\n");
        String before = hash();
        assertEquals(before, hash(), "the same files hash the same");
        Files.writeString(ws.resolve("golden-paths/tiny/versions/1.3.0/skeleton/README.md"), "two\n");
        assertTrue(!before.equals(hash()), "a changed skeleton file of the version the request takes changes the hash");
        String after = hash();
        Files.writeString(ws.resolve("golden-paths/tiny/versions/1.1.0/skeleton/README.md"), "unused\n");
        assertEquals(after, hash(), "a version no request takes does not");
    }

    private String hash() {
        Diagnostics d = new Diagnostics();
        return ConfigLoader.load(ws, d).orElseThrow(() -> new AssertionError(d)).hash();
    }

    @Test
    void anInvalidModuleVersionDoesNotHideAnInvalidGoldenPathVersion() throws IOException {
        String all = load("Service", "svc@banana", "{name: tiny, version: latest}").toString();
        assertTrue(all.contains("Invalid module version \"banana\"") && all.contains("Invalid goldenPath.version \"latest\""),
                "every problem of the request at once: " + all);
    }

    @Test
    void aKeptVersionWithBuildMetadataIsTakenAndAKeptFolderThatIsNoVersionIsNamed() throws IOException {
        goldenPath(ws.resolve("golden-paths/tiny/versions/1.4.0+build.7"), "1.4.0+build.7", "svc");
        Files.createDirectories(ws.resolve("golden-paths/tiny/versions/1.6/skeleton"));
        Files.writeString(ws.resolve("golden-paths/tiny/versions/1.6/template.yaml"), "# kept under a name that is no version\n");
        Files.createDirectories(ws.resolve("golden-paths/tiny/versions/1.7.0/skeleton"));
        Files.writeString(ws.resolve("golden-paths/tiny/versions/README.md"), "Earlier versions, for pinned services.\n");
        load("Service", "svc", "{name: tiny, version: ^1.1}");
        Diagnostics d = new Diagnostics();
        Configuration cfg = ConfigLoader.load(ws, d).orElseThrow(() -> new AssertionError(d));
        assertEquals("tiny@1.4.0+build.7", cfg.request("orders-api").orElseThrow().goldenPath().orElseThrow().toString(),
                "build metadata does not keep a version from being taken");
        String all = d.toString();
        assertTrue(all.contains("Kept versions of golden path \"tiny\" ignored") && all.contains("requests/payments/orders-api.yaml:7")
                && all.contains("golden-paths/tiny/versions/1.6: its name is no version (MAJOR.MINOR.PATCH[-pre-release][+build], e.g. 1.2.0)")
                && all.contains("golden-paths/tiny/versions/1.7.0 holds no plain template.yaml"), "no kept folder is skipped silently: " + all);
        assertTrue(!all.contains("README.md"), "a file beside the kept versions is none: " + all);
    }

    @Test
    void versionsThatDifferOnlyInBuildMetadataAreNamedAndTheCurrentOneIsTaken() throws IOException {
        goldenPath(ws.resolve("golden-paths/tiny/versions/2.0.0+old"), "2.0.0+old", "svc");
        goldenPath(ws.resolve("golden-paths/tiny/versions/1.3.0+b"), "1.3.0+b", "svc");
        load("Service", "svc", "{name: tiny, version: ^2.0}");
        Diagnostics d = new Diagnostics();
        Configuration cfg = ConfigLoader.load(ws, d).orElseThrow(() -> new AssertionError(d));
        assertEquals("tiny@2.0.0", cfg.request("orders-api").orElseThrow().goldenPath().orElseThrow().toString());
        String all = d.toString();
        assertTrue(all.contains("versions/2.0.0+old has the precedence of the current version 2.0.0 (build metadata does not order versions);"
                + " the current one is used"), all);
        assertTrue(all.contains("versions/1.3.0+b has the precedence of versions/1.3.0 (build metadata does not order versions); 1.3.0 is used"), all);
    }

    @Test
    void eachTemplateIsReadOnceWhateverVersionsTheRequestsTake() throws IOException {
        Map<Path, Integer> reads = new java.util.HashMap<>();
        GoldenPathResolver resolver = new GoldenPathResolver(dir -> {
            reads.merge(dir, 1, Integer::sum);
            return GoldenPaths.read(dir, new Diagnostics());
        });
        module("svc", "Service", "request.golden_path.version");
        load("Service", "svc", "{name: tiny, version: ^2.0}");
        Diagnostics d = new Diagnostics();
        Configuration cfg = ConfigLoader.load(ws, d).orElseThrow(() -> new AssertionError(d));
        dev.platctl.engine.config.ModuleConfig svc = cfg.moduleOfRequest().get("orders-api");
        dev.platctl.engine.config.RequestConfig request = cfg.request("orders-api").orElseThrow();
        for (String range : List.of("^2.0", "^1.1", "~1.1", "^2.0", "^1.1"))
            assertTrue(resolver.resolve(withRange(request, range), svc, d).isPresent(), range + ": " + d);
        Path tiny = ws.resolve("golden-paths/tiny").toAbsolutePath().normalize();
        assertEquals(Map.of(tiny, 1, tiny.resolve("versions/1.3.0"), 1, tiny.resolve("versions/1.1.0"), 1), reads,
                "the current template.yaml once (its folder listed), and each kept version a request takes once");
    }

    private static dev.platctl.engine.config.RequestConfig withRange(dev.platctl.engine.config.RequestConfig r, String range) {
        dev.platctl.engine.config.GoldenPathRef g = r.goldenPath().orElseThrow();
        return r.withGoldenPath(new dev.platctl.engine.config.GoldenPathRef(g.name(),
                dev.platctl.engine.config.VersionConstraint.parse(range).orElseThrow(), g.range(), g.versionRange(), java.util.Optional.empty()));
    }

    @Test
    void aCheckoutWithWindowsLineEndingsHashesTheSame(@TempDir Path windows) throws IOException {
        load("Service", "svc", "{name: tiny, version: ^1.1}");
        Files.writeString(ws.resolve("golden-paths/tiny/versions/1.3.0/skeleton/README.md"), "# tiny\n\nline two\n");
        String unix = hash();
        copy(ws, windows);
        try (Stream<Path> files = Files.walk(windows)) {
            for (Path f : files.filter(Files::isRegularFile).toList())
                Files.writeString(f, Files.readString(f).replace("\n", "\r\n"));
        }
        assertTrue(Files.readString(windows.resolve("golden-paths/tiny/versions/1.3.0/template.yaml")).contains("\r\n"), "the copy has CRLF");
        Diagnostics d = new Diagnostics();
        assertEquals(unix, ConfigLoader.load(windows, d).orElseThrow(() -> new AssertionError(d)).hash(),
                "git's core.autocrlf changes no file's meaning, so a plan saved on Linux applies from a Windows checkout");
        Files.writeString(windows.resolve("golden-paths/tiny/versions/1.3.0/skeleton/README.md"), "# tiny\r\n\r\nline 2\r\n");
        assertTrue(!unix.equals(ConfigLoader.load(windows, d).orElseThrow().hash()), "a changed line still changes it");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("no version in the range", "Service", "svc", "{name: tiny, version: ^3.0}",
                        "requests/payments/orders-api.yaml:7", "No version of golden path \"tiny\" matches \"^3.0\": the versions there are: 1.1.0, 1.3.0,"
                                + " 1.5.0-rc.9, 1.5.0-rc.10, 2.0.0"),
                Arguments.of("an exact version no longer there names the range to move to", "Service", "svc", "{name: tiny, version: 1.2.0}",
                        "requests/payments/orders-api.yaml:7", "Move the request to the current version's range (version: ^2.0), or keep"),
                Arguments.of("a module version no longer there names the constraint to write", "Service", "svc@^1.5", "{name: tiny, version: ^1.1}",
                        "requests/payments/orders-api.yaml:6", "No version of module \"svc\" matches \"^1.5\": available versions: 1.0.0."
                                + " To take the newest, write svc@^1.0"),
                Arguments.of("a golden path's name that climbs out of golden-paths/", "Service", "svc", "{name: ../../x, version: ^1.0}",
                        "requests/payments/orders-api.yaml:7", "Invalid goldenPath.name \"../../x\""),
                Arguments.of("a golden path's name that is an absolute path", "Service", "svc", "{name: /etc, version: ^1.0}",
                        "requests/payments/orders-api.yaml:7", "Invalid goldenPath.name \"/etc\""),
                Arguments.of("a golden path that does not exist", "Service", "svc", "{name: tinny, version: ^1.0}",
                        "requests/payments/orders-api.yaml:7", "Unknown golden path \"tinny\": cannot find golden path 'tinny'"),
                Arguments.of("a range that is not one", "Service", "svc", "{name: tiny, version: latest}",
                        "requests/payments/orders-api.yaml:7", "Invalid goldenPath.version \"latest\""),
                Arguments.of("any version, which would move a service across major versions", "Service", "svc", "{name: tiny, version: \"*\"}",
                        "requests/payments/orders-api.yaml:7", "Invalid goldenPath.version \"*\""),
                Arguments.of("a field the record does not have", "Service", "svc", "{name: tiny, version: ^1.0, revision: 3}",
                        "requests/payments/orders-api.yaml:7", "Unknown field \"revision\" in spec.goldenPath"),
                Arguments.of("a module that renders a golden path, without one", "Service", "svc", "",
                        "requests/payments/orders-api.yaml:6", "Missing spec.goldenPath: module svc@1.0.0 renders a golden path's skeleton"),
                Arguments.of("a golden path scaffolded through another module", "Database", "db", "{name: tiny, version: ^1.0}",
                        "requests/payments/orders-api.yaml:6", "golden path tiny@1.3.0 is scaffolded through module \"svc\" (its platctl.dev/module),"
                                + " but this request uses module \"db\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aGoldenPathThatDoesNotFitIsAnErrorAtTheRequestsLine(String reason, String kind, String module, String goldenPath, String at,
                                                             String expected) throws IOException {
        Diagnostics d = load(kind, module, goldenPath);
        assertTrue(d.hasErrors(), reason + ": no error");
        String all = d.toString();
        assertTrue(all.contains(at) && all.contains(expected), reason + ":\n" + all);
    }
}
