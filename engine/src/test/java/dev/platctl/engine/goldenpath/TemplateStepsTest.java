package dev.platctl.engine.goldenpath;

import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a golden path's steps mean in platctl: known actions only, inputs that agree with the module, and the links they give. */
class TemplateStepsTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    static Template real() {
        return GoldenPaths.load(REPO, "python-microservice");
    }

    static ModuleConfig serviceModule() {
        Diagnostics d = new Diagnostics();
        return ConfigLoader.loadModule(REPO, REPO.resolve("modules/service"), d).orElseThrow(() -> new AssertionError(d));
    }

    Optional<Template> read(String steps, Diagnostics d) throws IOException {
        Files.createDirectories(dir.resolve("skeleton"));
        String text = """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata:
                  name: tiny
                  annotations:
                    platctl.dev/version: 1.0.0
                spec:
                  parameters:
                    properties:
                      name: {type: string}
                  steps:
                """ + steps.indent(4);
        Files.writeString(dir.resolve("template.yaml"), text);
        return TemplateReader.read(dir, "template.yaml", text, d);
    }

    @Test
    void anUnknownActionIsAnErrorAtItsLineListingTheKnownOnes() throws IOException {
        Diagnostics d = new Diagnostics();
        assertTrue(read("""
                - id: fetch
                  action: fetch:template
                  input: {url: ./skeleton}
                - id: deploy
                  action: argocd:create-resources
                  input: {appName: x}
                """, d).isEmpty());
        String all = d.toString();
        assertTrue(all.contains("template.yaml:16") && all.contains("Unknown step action \"argocd:create-resources\"")
                && all.contains("fetch:template, github:repo:create"), all);
    }

    @Test
    void inputsPlatctlWouldIgnoreAreErrorsWhereItCarriesTheStepOutAndWarningsWhereTheModuleDoes() throws IOException {
        Diagnostics d = new Diagnostics();
        assertTrue(read("""
                - id: fetch
                  action: fetch:template
                  input:
                    url: ./skeleton
                    targetPath: ./service
                - id: repo
                  action: github:repo:create
                  input:
                    repoUrl: github.com?owner=acme&repo=x
                    homepage: https://example.com
                - id: env
                  action: github:environment:create
                  input:
                    repoUrl: github.com?owner=acme&repo=x
                """, d).isEmpty());
        List<Diagnostic> errors = d.errors();
        assertEquals(2, errors.size(), d::toString);
        assertTrue(errors.get(0).toString().contains("template.yaml:16") && errors.get(0).summary().contains("Unsupported input \"targetPath\""), d::toString);
        assertTrue(errors.get(1).summary().contains("Missing input \"name\" of step \"env\""), d::toString);
        assertTrue(d.all().stream().anyMatch(x -> !x.isError() && x.summary().contains("Input \"homepage\" of step \"repo\" is not checked")
                && x.toString().contains("template.yaml:21")), d::toString);
    }

    @Test
    void aRequestStepMustListRequestsWithNamesAndParameters() throws IOException {
        Diagnostics d = new Diagnostics();
        assertTrue(read("""
                - id: fetch
                  action: fetch:template
                  input: {url: ./skeleton}
                - id: namespaces
                  action: platctl:request:create
                  input:
                    kind: TeamNamespace
                    module: team-namespace@^1.0
                    team: payments
                    matchOn: environment
                    requests:
                      - {name: payments-dev, size: small}
                """, d).isEmpty());
        String all = d.toString();
        assertTrue(all.contains("Invalid input \"matchOn\"") && all.contains("Invalid request in step \"namespaces\""), all);
    }

    @Test
    void theShippedTemplateAgreesWithTheServiceModule() {
        Diagnostics d = new Diagnostics();
        ModuleAgreement.check(real(), serviceModule(), d);
        assertTrue(d.isEmpty(), d::toString);
    }

    @Test
    void aStepThatPromisesWhatTheModuleDoesNotDoIsAnErrorNamingBoth() throws IOException {
        Path copy = dir.resolve("python-microservice");
        Files.createDirectories(copy.resolve("skeleton"));
        String text = Files.readString(REPO.resolve("golden-paths/python-microservice/template.yaml"))
                .replace("repoVisibility: private", "repoVisibility: internal")
                .replace("requiredStatusCheckContexts: [test]", "requiredStatusCheckContexts: [test, lint]")
                .replace("        name: staging\n", "        name: qa\n");
        Files.writeString(copy.resolve("template.yaml"), text);
        Diagnostics read = new Diagnostics();
        Template t = TemplateReader.read(copy, "template.yaml", text, read).orElseThrow(() -> new AssertionError(read));
        Diagnostics d = new Diagnostics();
        ModuleAgreement.check(t, serviceModule(), d);
        String all = d.toString();
        assertEquals(4, d.errors().size(), all);
        assertTrue(all.contains("repoVisibility is \"internal\", but the module makes github_repository.this with visibility = \"private\"")
                && all.contains("modules/service/module.hcl:"), all);
        assertTrue(all.contains("requiredStatusCheckContexts is [\"test\", \"lint\"], but the module makes github_branch_protection.main"
                + " with required_status_checks.contexts = [\"test\"]"), all);
        assertTrue(all.contains("it names the environment qa, but the module makes development, production, staging"), all);
        assertTrue(all.contains("the module makes the environment staging; add a github:environment:create step"), all);
    }

    @Test
    void outputLinksRenderWithWhatTheStepsGive() {
        Template t = real();
        ObjectValue p = ParameterValues.withDefaults(t, Map.of("name", Value.of("orders-api"), "owner", Value.of("payments"),
                "description", Value.of("Takes and tracks customer orders.")));
        Diagnostics d = new Diagnostics();
        List<Template.Link> links = StepOutputs.links(t, p, d);
        assertTrue(d.isEmpty(), d::toString);
        assertEquals(List.of(new Template.Link("Repository", "https://github.com/acme/orders-api", "", ""),
                new Template.Link("CI", "https://github.com/acme/orders-api/actions", "", ""),
                new Template.Link("Open in catalog", "", "catalog", "component:default/orders-api")), links);
    }

    @Test
    void aRequestStepIsSatisfiedByARequestOfTheTeamThatAgreesOnTheMatchedParameters() throws IOException {
        Files.writeString(dir.resolve("platctl.hcl"), "workspace {\n  modules = \"modules\"\n  requests = \"requests\"\n}\n");
        Files.createDirectories(dir.resolve("modules/ns"));
        Files.writeString(dir.resolve("modules/ns/module.hcl"), "module {\n  name = \"ns\"\n  version = \"1.0.0\"\n  kind = \"TeamNamespace\"\n}\n"
                + "input \"environment\" { type = string }\n");
        Files.createDirectories(dir.resolve("requests/payments"));
        Files.writeString(dir.resolve("requests/payments/ns.yaml"), """
                apiVersion: platctl.dev/v1
                kind: TeamNamespace
                metadata: {name: pay-development}
                spec: {module: ns@1.0.0, parameters: {environment: dev}}
                """);
        Diagnostics d = new Diagnostics();
        var requests = ConfigLoader.load(dir, d).orElseThrow(() -> new AssertionError(d)).requests();
        ObjectValue dev = new ObjectValue(Map.of("environment", Value.of("dev")));
        ObjectValue staging = new ObjectValue(Map.of("environment", Value.of("staging")));
        List<String> byEnvironment = List.of("environment");
        assertEquals(Optional.of("pay-development"), RequestStep.existing(
                new RequestStep.Wanted("s", "TeamNamespace", "ns@^1.0", "payments", "payments-dev", dev, byEnvironment), requests)
                .map(r -> r.name()), "another name, the same team and environment");
        assertEquals(Optional.empty(), RequestStep.existing(
                new RequestStep.Wanted("s", "TeamNamespace", "ns@^1.0", "payments", "payments-staging", staging, byEnvironment), requests));
        assertEquals(Optional.empty(), RequestStep.existing(
                new RequestStep.Wanted("s", "TeamNamespace", "ns@^1.0", "billing", "billing-dev", dev, byEnvironment), requests), "another team");
        assertEquals(Optional.empty(), RequestStep.existing(
                new RequestStep.Wanted("s", "Database", "db@^1.0", "payments", "pay-development", dev, List.of()), requests),
                "without matchOn, the same name of another kind is no match (platctl new reports the name as taken)");
    }

    @Test
    void aRepoUrlNotInBackstagesFormIsRefusedWhenTheStepsRender() {
        assertEquals(Optional.of("https://github.example.com/acme/orders-api"), StepOutputs.remoteUrl("github.example.com?owner=acme&repo=orders-api"));
        assertEquals(Optional.empty(), StepOutputs.remoteUrl("https://github.com/acme/orders-api"));
        assertEquals(Optional.empty(), StepOutputs.remoteUrl("github.com?owner=acme/../x&repo=orders-api"));
    }
}
