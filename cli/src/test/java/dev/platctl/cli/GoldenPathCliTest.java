package dev.platctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code platctl new} and {@code platctl catalog} through the CLI, on a workspace with a Service and a database module. */
class GoldenPathCliTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final String TEMPLATE = "python-microservice";
    static final String REQUEST = "requests/payments/orders-api.yaml";

    @TempDir
    Path ws;

    @BeforeEach
    void workspace() throws IOException {
        ExampleCopy.tree(REPO.resolve("golden-paths/python-microservice"), ws.resolve("golden-paths/python-microservice"));
        Files.createDirectories(ws.resolve("modules/service"));
        Files.createDirectories(ws.resolve("modules/postgresql"));
        Files.createDirectories(ws.resolve("requests/payments"));
        Files.writeString(ws.resolve("platctl.hcl"), """
                workspace {
                  modules  = "modules"
                  requests = "requests"
                }
                backend "local" {
                  path = ".platctl/state.mv.db"
                }
                """);
        Files.writeString(ws.resolve("modules/service/module.hcl"), """
                module {
                  name    = "service"
                  version = "2.0.0"
                  kind    = "Service"
                }
                input "name" { type = string }
                input "owner" { type = string }
                input "description" { type = string }
                input "pythonVersion" { type = string }
                input "minReplicas" { type = number }
                input "maxReplicas" { type = number }
                input "lifecycle" { type = string }
                input "githubOrg" { type = string }
                resource "platctl_data" "repo" {
                  input = { name = input.name, org = input.githubOrg, min = input.minReplicas, golden_path = request.golden_path.version }
                }
                """);
        Files.writeString(ws.resolve("modules/postgresql/module.hcl"), """
                module {
                  name    = "postgresql"
                  version = "1.0.0"
                  kind    = "PostgreSQLDatabase"
                }
                resource "platctl_data" "db" {
                  input = { engine = "postgres" }
                }
                """);
        Files.writeString(ws.resolve("requests/payments/orders-db.yaml"), """
                apiVersion: platctl.dev/v1
                kind: PostgreSQLDatabase
                metadata:
                  name: orders-db
                  team: payments
                  annotations:
                    platctl.dev/runbook: https://wiki.example.com/orders-db
                spec:
                  module: postgresql@1.0.0
                """);
    }

    CliRun platctl(String... args) {
        return CliRun.run(ws, args);
    }

    @Test
    void newWritesAServiceRequestRecordingTheGoldenPathVersion() throws IOException {
        CliRun r = platctl("new", TEMPLATE, "--set", "name=orders-api", "--set", "owner=payments",
                "--set", "description=Takes and tracks customer orders.", "--set", "maxReplicas=8");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("Wrote " + REQUEST + ".\n  Service orders-api: module service@^2.0, golden path python-microservice ^1.2 (now 1.2.0).\n"
                + "Skipped TeamNamespace payments-dev (step namespaces): this workspace has no module team-namespace.\n"), r::toString);
        assertTrue(r.out().contains("Links, once applied:\n  Repository: https://github.com/acme/orders-api\n  CI: https://github.com/acme/orders-api/actions\n"
                + "  Open in catalog: component:default/orders-api\n"),
                r::toString);
        assertEquals("""
                # Scaffolded from golden path python-microservice@1.2.0 by platctl new.
                apiVersion: platctl.dev/v1
                kind: Service
                metadata:
                  name: orders-api
                  team: payments
                spec:
                  module: service@^2.0
                  goldenPath:
                    name: python-microservice
                    version: ^1.2
                  parameters:
                    description: Takes and tracks customer orders.
                    githubOrg: acme
                    lifecycle: experimental
                    maxReplicas: 8
                    minReplicas: 2
                    name: orders-api
                    owner: payments
                    pythonVersion: "3.12"
                """, Files.readString(ws.resolve(REQUEST)));
        CliRun validate = platctl("validate");
        assertEquals(0, validate.exit(), validate::toString);
    }

    @Test
    void newTakesValuesFromAFileAndSetWins() throws IOException {
        Files.writeString(ws.resolve("values.yaml"), "name: orders-api\nowner: payments\ndescription: Takes and tracks orders.\nlifecycle: deprecated\n");
        CliRun r = platctl("new", TEMPLATE, "--values", ws.resolve("values.yaml").toString(), "--set", "lifecycle=production");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(Files.readString(ws.resolve(REQUEST)).contains("lifecycle: production"));
    }

    @Test
    void invalidParametersAreAllNamedWithTheirRuleAndNothingIsWritten() {
        CliRun r = platctl("new", TEMPLATE, "--set", "name=Orders_API", "--set", "maxReplicas=500", "--set", "pythonVersion=2.7");
        assertEquals(1, r.exit(), r::toString);
        for (String expected : List.of("Invalid parameter \"name\"", "name breaks rule \"pattern\"", "maxReplicas breaks rule \"maximum\"",
                "pythonVersion breaks rule \"enum\"", "owner breaks rule \"required\"", "description breaks rule \"required\""))
            assertTrue(r.err().contains(expected), expected + " in " + r);
        assertFalse(Files.exists(ws.resolve("requests/payments/Orders_API.yaml")));
    }

    static Stream<Arguments> ownersTheTemplateRefuses() {
        return Stream.of(
                Arguments.of("56 characters: <owner>-staging would be 64, longer than a namespace name may be",
                        "platform-reliability-and-observability-for-checkout-eu12"),
                Arguments.of("a trailing '-': team-namespace refuses it as the owner label of the TeamNamespace requests", "payments-"),
                Arguments.of("one character: the pattern asks for at least two", "p"));
    }

    /** The owner names the team's namespaces and is their owner label: the template refuses one either would not take. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ownersTheTemplateRefuses")
    void anOwnerThatCannotNameTheTeamsNamespacesIsRefusedNamingTheFieldAndRule(String reason, String owner) {
        CliRun r = platctl("new", TEMPLATE, "--set", "name=orders-api", "--set", "owner=" + owner, "--set", "description=Takes and tracks customer orders.");

        assertEquals(1, r.exit(), reason + ": " + r);
        for (String expected : List.of("Invalid parameter \"owner\"", "owner breaks rule \"pattern\"", "^[a-z][a-z0-9-]{0,53}[a-z0-9]$", owner))
            assertTrue(r.err().contains(expected), reason + ": " + expected + " in " + r);
        assertFalse(Files.exists(ws.resolve("requests/" + owner)), reason + ": nothing is written");
    }

    /** With the repository's team-namespace module, the TeamNamespace requests written for the longest owner are ones it accepts. */
    @Test
    void theLongestOwnerTheTemplateTakesGetsTeamNamespaceRequestsTheModuleAccepts() throws IOException {
        String owner = "platform-reliability-and-observability-for-checkout-eu1";
        ExampleCopy.tree(REPO.resolve("modules/team-namespace"), ws.resolve("modules/team-namespace"));

        CliRun r = platctl("new", TEMPLATE, "--set", "name=orders-api", "--set", "owner=" + owner, "--set", "description=Takes and tracks customer orders.");

        assertEquals(0, r.exit(), r::toString);
        assertEquals(55, owner.length(), "the owner is as long as the pattern allows");
        assertTrue(Files.readString(ws.resolve("requests/" + owner + "/" + owner + "-staging.yaml")).contains("owner: " + owner), r::toString);
        CliRun validate = platctl("validate");
        assertEquals(0, validate.exit(), validate::toString);
    }

    @Test
    void dryRunRendersTheSkeletonForReview() throws IOException {
        Path out = ws.resolve("review");
        CliRun r = platctl("new", TEMPLATE, "--set", "name=orders-api", "--set", "owner=payments",
                "--set", "description=Takes and tracks customer orders.", "--dry-run", out.toString());
        assertEquals(0, r.exit(), r::toString);
        List<String> tree;
        try (Stream<Path> files = Files.walk(out)) {
            tree = files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertEquals(List.of(".dockerignore", ".github/workflows/ci.yaml", ".gitignore", "Dockerfile", "README.md", "app/__init__.py",
                "app/main.py", "catalog-info.yaml", "chart/Chart.yaml", "chart/templates/deployment.yaml", "chart/templates/hpa.yaml",
                "chart/templates/prometheusrule.yaml", "chart/templates/service.yaml", "chart/templates/servicemonitor.yaml",
                "chart/values.yaml", "docs/index.md", "docs/runbook.md", "mkdocs.yml", "requirements-dev.txt", "requirements.txt", "tests/__init__.py", "tests/test_health.py"), tree);
        assertTrue(Files.readString(out.resolve("app/main.py")).contains("SERVICE = \"orders-api\"\n"));
        assertFalse(Files.exists(ws.resolve(REQUEST)), "a dry run writes no request");
        CliRun catalog = platctl("catalog", "validate", "review");
        assertEquals(0, catalog.exit(), catalog::toString);
        assertPythonTestsPass(out);
    }

    static Stream<Arguments> hostileDescriptions() {
        return Stream.of(
                Arguments.of("a double quote that would close a Python string and run code",
                        "Says \"hi\"), __import__(\"os\").system(\"touch pwned\"), (\""),
                Arguments.of("YAML's key separator, comment marker and flow characters",
                        "Orders: taken here # and tracked - [not] {a: list} & *alias !tag | >"),
                Arguments.of("backslashes and Python's triple quotes", "C:\\new\\table, \\u0041 and \"\"\" or ''' end a docstring"),
                Arguments.of("template syntax, which stays text", "Shows ${{ values.name }}, {% raw %} and {{ .Values.x }} as they are"),
                Arguments.of("text beyond ASCII", "Nimmt Bestellungen an – schnell ✓ 😀 日本語"),
                Arguments.of("HTML, which Markdown would pass through", "Shows <script>alert(document.cookie)</script> & <b>more</b>"),
                Arguments.of("a Markdown link to a script", "See [the docs](javascript:alert(1)) and ![logo](https://evil.example/x.png)"),
                Arguments.of("a leading # that would be a heading, and emphasis", "# Takes *orders* and _returns_ `fast`"));
    }

    /**
     * A description is the one free text the skeleton renders: wherever it lands (a Python string, a YAML scalar) it
     * is quoted for that place, so the Python still compiles and imports with the description as given (no code of
     * the description's runs), the YAML files hold it unchanged, and the catalog descriptor stays valid.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDescriptions")
    void hostileDescriptionsStayTextInPythonAndYaml(String reason, String description) throws Exception {
        Path out = ws.resolve("review");
        CliRun r = platctl("new", TEMPLATE, "--set", "name=orders-api", "--set", "owner=payments",
                "--set", "description=" + description, "--dry-run", out.toString());
        assertEquals(0, r.exit(), reason + ": " + r);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        assertEquals(description, yaml.readTree(out.resolve("catalog-info.yaml").toFile()).path("metadata").path("description").asText(), reason);
        assertEquals(description, yaml.readTree(out.resolve("chart/Chart.yaml").toFile()).path("description").asText(), reason);
        assertEquals(description, yaml.readTree(out.resolve("mkdocs.yml").toFile()).path("site_description").asText(), reason);
        CliRun catalog = platctl("catalog", "validate", "review");
        assertEquals(0, catalog.exit(), reason + ": " + catalog);
        for (String markdown : List.of("README.md", "docs/index.md")) {
            String line = Files.readString(out.resolve(markdown)).split("\n")[2];
            assertEquals(description, unescapeCharacterReferences(line), reason + ": " + markdown + " shows the description as written");
            assertFalse(line.contains("<") || line.contains("[") || line.contains("*") || line.contains("_") || line.contains("`")
                    || line.startsWith("#"), reason + ": " + markdown + " holds no markup of the description's: " + line);
        }

        Path python = skeletonVenv(out.resolve("requirements-dev.txt"));
        String check = run(out, Map.of("DESCRIPTION", description), python.toString(), "-c", """
                import os, py_compile
                for f in ("app/__init__.py", "app/main.py", "tests/test_health.py"):
                    py_compile.compile(f, doraise=True)
                import app, app.main
                assert app.__doc__ == os.environ["DESCRIPTION"], app.__doc__
                assert app.main.app.description == os.environ["DESCRIPTION"], app.main.app.description
                print("description intact")
                """);
        assertTrue(check.contains("description intact"), reason + ": " + check);
        assertFalse(Files.exists(out.resolve("pwned")), reason + ": the description's code ran");
    }

    /** What a Markdown renderer shows for {@code &#NN;}, {@code &lt;}, {@code &gt;} and {@code &amp;}. */
    private static String unescapeCharacterReferences(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("&#(\\d+);|&(lt|gt|amp);").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String c = m.group(1) != null ? String.valueOf((char) Integer.parseInt(m.group(1)))
                    : Map.of("lt", "<", "gt", ">", "amp", "&").get(m.group(2));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(c));
        }
        return m.appendTail(out).toString();
    }

    @Test
    void aDescriptionWithAC1ControlCharacterIsRefused() {
        CliRun r = platctl("new", TEMPLATE, "--set", "name=orders-api", "--set", "owner=payments", "--set", "description=Takes orders.\u0085 And more.");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("description breaks rule \"pattern\""), "YAML folds or forbids C1 and JSON does not escape it: " + r);
    }

    @Test
    void aDescriptionWithALineBreakAndAnOrganisationWithASlashAreRefused() {
        CliRun r = platctl("new", TEMPLATE, "--set", "name=orders-api", "--set", "owner=payments",
                "--set", "description=Takes orders.\nimport os", "--set", "githubOrg=acme/../evil");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("description breaks rule \"pattern\"") && r.err().contains("githubOrg breaks rule \"pattern\""), r::toString);
    }

    /**
     * Runs the rendered service's own pytest suite in a virtualenv built from its requirements-dev.txt (from
     * PyPI, cached outside the repository under ~/.cache/platctl, keyed by the requirements' hash): the
     * skeleton is a real service, so its tests must pass.
     */
    private static void assertPythonTestsPass(Path service) throws IOException {
        Path python = skeletonVenv(service.resolve("requirements-dev.txt"));
        String out = run(service, python.toString(), "-m", "pytest", "-q", "-p", "no:cacheprovider");
        assertTrue(out.contains("passed"), out);
    }

    private static Path skeletonVenv(Path requirements) throws IOException {
        String text = Files.readString(requirements) + Files.readString(requirements.resolveSibling("requirements.txt"));
        String key = Integer.toHexString(text.hashCode());
        Path venv = Path.of(System.getProperty("user.home"), ".cache", "platctl", "skeleton-venv-" + key);
        Path python = venv.resolve("bin/python");
        if (!Files.isExecutable(python) || !Files.exists(venv.resolve(".complete"))) {
            Files.createDirectories(venv.getParent());
            run(venv.getParent(), "python3", "-m", "venv", "--clear", venv.toString());
            run(requirements.getParent(), python.toString(), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-r", requirements.getFileName().toString());
            Files.writeString(venv.resolve(".complete"), text);
        }
        return python;
    }

    /** Runs a command to completion (10 minutes at most) and returns its output; a non-zero exit fails the test. */
    private static String run(Path dir, String... command) throws IOException {
        return run(dir, Map.of(), command);
    }

    private static String run(Path dir, Map<String, String> env, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        ToolRun r = ToolRun.of(pb, Duration.ofMinutes(10));
        assertEquals(0, r.exit(), String.join(" ", command) + "\n" + r.output());
        return r.out();
    }

    @Test
    void catalogListsShowsSearchesAndExportsWhatWasApplied() throws IOException {
        assertEquals(0, platctl("new", TEMPLATE, "--set", "name=orders-api", "--set", "owner=payments",
                "--set", "description=Takes and tracks customer orders.", "--set", "lifecycle=production").exit());
        Path req = ws.resolve(REQUEST);
        Files.writeString(req, Files.readString(req).replace("  module: service@^2.0\n", "  module: service@^2.0\n  dependsOn: [orders-db]\n"));
        CliRun apply = platctl("apply", "--auto-approve");
        assertEquals(0, apply.exit(), apply::toString);

        CliRun list = platctl("catalog", "list");
        assertEquals(0, list.exit(), list::toString);
        assertEquals("""
                NAME        KIND       TYPE      OWNER     LIFECYCLE   DEPENDS ON  LINK
                orders-api  Component  service   payments  production  orders-db   https://github.com/acme/orders-api
                orders-db   Resource   database  payments  production  -           https://wiki.example.com/orders-db
                """, list.out(), "the repository, else the first link (the database's runbook annotation)");
        CliRun json = platctl("catalog", "list", "--json");
        assertEquals(0, json.exit(), json::toString);
        JsonNode entries = new ObjectMapper().readTree(json.out());
        assertEquals(2, entries.size(), json::toString);
        assertEquals("https://github.com/acme/orders-api", entries.get(0).path("link").asText());
        assertEquals("https://github.com/acme/orders-api/blob/main/docs/runbook.md", entries.get(0).path("links").path("runbook").asText());
        assertEquals("python-microservice@1.2.0", entries.get(0).path("goldenPath").asText());
        assertEquals("orders-db", entries.get(0).path("dependsOn").get(0).asText());
        assertEquals("https://wiki.example.com/orders-db", entries.get(1).path("link").asText());
        assertTrue(entries.get(1).path("dependsOn").isArray() && entries.get(1).path("dependsOn").isEmpty(), json::toString);

        CliRun show = platctl("catalog", "show", "orders-api");
        assertEquals(0, show.exit(), show::toString);
        for (String expected : List.of("orders-api (Component, service)", "owner:       payments", "golden path: python-microservice@1.2.0",
                "repo: https://github.com/acme/orders-api", "runbook: https://github.com/acme/orders-api/blob/main/docs/runbook.md",
                "orders-db (database, owner payments)"))
            assertTrue(show.out().contains(expected), expected + " in " + show);
        CliRun db = platctl("catalog", "show", "orders-db");
        assertTrue(db.out().contains("runbook: https://wiki.example.com/orders-db") && db.out().contains("used by:     orders-api"), db::toString);

        CliRun search = platctl("catalog", "search", "wiki.example");
        assertTrue(search.out().contains("orders-db") && !search.out().contains("orders-api "), search::toString);
        assertEquals(1, platctl("catalog", "search", "nothing-like-this").exit());

        CliRun export = platctl("catalog", "export", "backstage");
        assertEquals(0, export.exit(), export::toString);
        String component = Files.readString(ws.resolve("backstage/component-orders-api.yaml"));
        assertTrue(component.contains("kind: Component") && component.contains("lifecycle: production")
                && component.contains("owner: group:default/payments") && component.contains("- resource:default/orders-db")
                && component.contains("github.com/project-slug: acme/orders-api"), component);
        String resource = Files.readString(ws.resolve("backstage/resource-orders-db.yaml"));
        assertTrue(resource.contains("kind: Resource") && resource.contains("type: database"), resource);
        CliRun valid = platctl("catalog", "validate", "backstage/component-orders-api.yaml", "backstage/resource-orders-db.yaml");
        assertEquals(0, valid.exit(), valid::toString);
    }

    /** Replaces the template's namespaces step with {@code step}, and gives the workspace a team-namespace module. */
    private void namespacesStep(String step) throws IOException {
        Path file = ws.resolve("golden-paths/python-microservice/template.yaml");
        String text = Files.readString(file);
        int from = text.indexOf("    - id: namespaces\n"), to = text.indexOf("    - id: register\n");
        Files.writeString(file, text.substring(0, from) + step.indent(4) + text.substring(to));
        Files.createDirectories(ws.resolve("modules/team-namespace"));
        Files.writeString(ws.resolve("modules/team-namespace/module.hcl"), """
                module {
                  name    = "team-namespace"
                  version = "1.0.0"
                  kind    = "TeamNamespace"
                }
                input "environment" { type = string }
                resource "platctl_data" "ns" {
                  input = { environment = input.environment }
                }
                """);
    }

    private List<String> requestFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ws)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.startsWith(ws.resolve("golden-paths")))
                    .map(p -> ws.relativize(p).toString()).sorted().toList();
        }
    }

    static Stream<Arguments> clashingSteps() {
        return Stream.of(
                Arguments.of("a step's request named like the Service request, which would replace it", """
                        - id: namespaces
                          action: platctl:request:create
                          input:
                            kind: TeamNamespace
                            module: team-namespace@^1.0
                            team: ${{ parameters.owner }}
                            requests:
                              - {name: "${{ parameters.name }}", parameters: {environment: dev}}
                        """, "Two new requests named \"orders-api\"|step namespaces would write TeamNamespace orders-api, and so would the Service request"),
                Arguments.of("two of a step's requests with one name", """
                        - id: namespaces
                          action: platctl:request:create
                          input:
                            kind: TeamNamespace
                            module: team-namespace@^1.0
                            team: ${{ parameters.owner }}
                            requests:
                              - {name: "${{ parameters.owner }}-dev", parameters: {environment: dev}}
                              - {name: "${{ parameters.owner }}-dev", parameters: {environment: staging}}
                        """, "Two new requests named \"payments-dev\""),
                Arguments.of("a name and team rendered from a parameter without a pattern, which would write ../../x.yaml", """
                        - id: namespaces
                          action: platctl:request:create
                          input:
                            kind: TeamNamespace
                            module: team-namespace@^1.0
                            team: "${{ parameters.description }}"
                            requests:
                              - {name: "${{ parameters.description }}", parameters: {environment: dev}}
                        """, "Cannot write the TeamNamespace of step namespaces|its name \"../../../escaped\" is no request name"
                        + " (a DNS label: lower-case letters, digits and '-', at most 63 characters); its team \"../../../escaped\" is no folder name"),
                Arguments.of("a request of that name owned by another team, without matchOn", """
                        - id: namespaces
                          action: platctl:request:create
                          input:
                            kind: TeamNamespace
                            module: team-namespace@^1.0
                            team: ${{ parameters.owner }}
                            requests:
                              - {name: "shared-dev", parameters: {environment: dev}}
                        """, "Request name \"shared-dev\" is taken by team other|step namespaces would write TeamNamespace shared-dev for team"
                        + " payments, but requests/other/shared-dev.yaml has a TeamNamespace of that name, owned by team other"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clashingSteps")
    void newRefusesRequestsThatWouldClashOrLeaveTheRequestsFolderAndWritesNothing(String reason, String step, String expected) throws IOException {
        namespacesStep(step);
        Files.createDirectories(ws.resolve("requests/other"));
        Files.writeString(ws.resolve("requests/other/shared-dev.yaml"), """
                apiVersion: platctl.dev/v1
                kind: TeamNamespace
                metadata: {name: shared-dev, team: other}
                spec: {module: team-namespace@1.0.0, parameters: {environment: dev}}
                """);
        List<String> before = requestFiles();
        CliRun r = platctl("new", TEMPLATE, "--set", "name=orders-api", "--set", "owner=payments", "--set", "description=../../../escaped");
        assertEquals(1, r.exit(), reason + ": " + r);
        for (String part : expected.split("\\|"))
            assertTrue(r.err().replaceAll("\\s+", " ").contains(part), reason + ": " + part + " in " + r);
        assertEquals(before, requestFiles(), reason + ": nothing is written");
        assertFalse(Files.exists(ws.getParent().getParent().resolve("escaped.yaml")), reason);
    }

    @Test
    void aRejectedRequestLeavesNoFileAndNoFolderBehind() throws IOException {
        Path module = ws.resolve("modules/service/module.hcl");
        String before = Files.readString(module);
        String withRule = before.replace("input \"maxReplicas\" { type = number }", """
                input "maxReplicas" {
                  type = number
                  validation {
                    condition = input.minReplicas <= input.maxReplicas
                    message   = "maxReplicas must be at least minReplicas."
                  }
                }""");
        assertNotEquals(before, withRule, "the module gains the rule the request breaks");
        Files.writeString(module, withRule);
        CliRun r = platctl("new", TEMPLATE, "--set", "name=billing-api", "--set", "owner=billing", "--set", "description=Bills the customers.",
                "--set", "minReplicas=8", "--set", "maxReplicas=4");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("maxReplicas must be at least minReplicas") && r.err().contains("nothing was written"), r::toString);
        assertFalse(Files.exists(ws.resolve("requests/billing")), "the team folder made for the request is removed too");
        assertTrue(Files.isDirectory(ws.resolve("requests/payments")), "a folder that was there stays");
    }

    /**
     * A write that fails after its file was created (here: a file size limit of 0, as a full disk fails a write) removes
     * that file and the folder made for it, rather than leaving an empty request behind. Runs platctl in a child JVM
     * started by sh with {@code ulimit -f 0}, so the failure is the operating system's, not a fake's.
     */
    @Test
    void aWriteThatFailsHalfWayLeavesNoTruncatedFileBehind() throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", "-c", "ulimit -f 0 && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--no-color", "-C", ws.toString(),
                "new", TEMPLATE, "--set", "name=billing-api", "--set", "owner=billing", "--set", "description=Bills the customers."));
        ToolRun r = ToolRun.of(new ProcessBuilder(cmd).redirectErrorStream(true), Duration.ofSeconds(60));
        String output = r.out();
        assertEquals(1, r.exit(), output);
        assertTrue(output.contains("Error: cannot write the requests: File too large; nothing was kept"), "the system's reason: " + output);
        assertFalse(Files.exists(ws.resolve("requests/billing/billing-api.yaml")), "no empty request is left: " + output);
        assertFalse(Files.exists(ws.resolve("requests/billing")), "nor the folder made for it");
    }

    @Test
    void catalogValidateReportsFileAndLineAndFails() throws IOException {
        Files.createDirectories(ws.resolve("svc"));
        Files.writeString(ws.resolve("svc/catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: orders api
                spec:
                  type: service
                  owner: payments
                """);
        CliRun r = platctl("catalog", "validate", "svc");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("on svc/catalog-info.yaml line 4") && r.err().contains("Invalid metadata.name"), r::toString);
        assertTrue(r.err().contains("on svc/catalog-info.yaml line 6") && r.err().contains("Missing spec.lifecycle"), r::toString);
        assertTrue(r.err().contains("No docs/index.md"), r::toString);
    }
}
