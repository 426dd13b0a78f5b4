package dev.platctl.cli;

import org.junit.jupiter.api.BeforeEach;
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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * platctl run where there are no credentials: {@code validate} passes on the examples, as a pull request's check on a
 * runner without cloud or cluster access must; a plan or apply that does need a provider says once that it cannot be
 * configured, not once per resource. Each run gets only the environment given here, none of this process's, and an
 * empty $HOME: no kubeconfig, AWS profile, region or token.
 */
class CliWithoutCredentialsTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path root;
    Map<String, String> env;

    @BeforeEach
    void copyModules() throws IOException {
        ExampleCopy.tree(REPO.resolve("modules"), root.resolve("modules"));
        ExampleCopy.tree(REPO.resolve("golden-paths"), root.resolve("golden-paths"));
        env = Map.of("HOME", Files.createDirectories(root.resolve("home")).toString());
    }

    /** An example copied as {@code examples/<name>} beside the repository's modules and golden paths, as in the repository. */
    Path example(String name) throws IOException {
        Path ws = root.resolve("examples").resolve(name);
        ExampleCopy.tree(REPO.resolve("examples").resolve(name), ws);
        return ws;
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("aws", Map.of(), "AWS resources: no region or credentials looked for (the block's keys are never used)"),
                Arguments.of("kubernetes", Map.of(), "namespaced objects without a namespace, and AWS: no kubeconfig"),
                Arguments.of("services", Map.of(), "GitHub repositories and Kubernetes namespaces: no GITHUB_TOKEN, no kubeconfig"),
                Arguments.of("quickstart", Map.of(), "builtin resources and policies only"),
                Arguments.of("upgrade", Map.of(), "builtin resources on two module versions"),
                Arguments.of("kubernetes", Map.of("PLATCTL_PG_URL", "", "PGUSER", "", "PGPASSWORD", "", "PLATCTL_STATE_KEY", "",
                        "PLATCTL_USER", "ci@acme/platform"), "examples/ci's compliance job: its secrets empty, as for a fork's pull request"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("examples")
    void validatePassesWithoutAnyCredentials(String example, Map<String, String> more, String reason) throws Exception {
        Path ws = example(example);
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.putAll(more);
        ChildCli cli = ChildCli.runInEnvironment(ws, environment, "validate");
        assertEquals(0, cli.exitCode(), () -> reason + "\n" + cli.transcript());
        assertTrue(cli.stdout().startsWith("Success! The configuration is valid: "), cli::transcript);
        assertEquals("", cli.stderr(), cli::transcript);
    }

    /** Without credentials validate still finds what is wrong in the configuration, every problem at once. */
    @Test
    void validateStillReportsAWrongProviderSettingAndAnUnknownAttribute() throws Exception {
        Path ws = example("services");
        ExampleCopy.edit(ws.resolve("platctl.hcl"), "provider \"kubernetes\" {\n", "provider \"kubernetes\" {\n  kube_config = \"dev.yaml\"\n");
        ChildCli bad = ChildCli.runInEnvironment(ws, env, "validate");
        assertEquals(1, bad.exitCode(), bad::transcript);
        assertTrue(bad.stderr().contains("Error: Unsupported provider setting \"kube_config\""), bad::transcript);

        ExampleCopy.edit(ws.resolve("platctl.hcl"), "  kube_config = \"dev.yaml\"\n", "");
        ExampleCopy.edit(root.resolve("modules/team-namespace/module.hcl"), "resource \"kubernetes_resource_quota\" \"this\" {\n",
                "resource \"kubernetes_resource_quota\" \"this\" {\n  colour = \"blue\"\n");
        ChildCli unknown = ChildCli.runInEnvironment(ws, env, "validate");
        assertEquals(1, unknown.exitCode(), unknown::transcript);
        assertEquals(3, errors(unknown).size(), "one per team namespace request: " + unknown.transcript());
        assertTrue(errors(unknown).stream().allMatch("Error: Unsupported attribute \"colour\""::equals), unknown::transcript);
    }

    /** A plan that needs the cluster's default namespace says once that there is no kubeconfig, naming the requests that need it. */
    @Test
    void planWithoutAKubeconfigSaysSoOnceForEveryObjectThatNeedsTheCluster() throws Exception {
        Path ws = root.resolve("settings");
        Files.createDirectories(ws.resolve("modules/app-settings"));
        Files.writeString(ws.resolve("platctl.hcl"), """
                workspace {
                  modules  = "modules"
                  requests = "requests"
                }
                provider "kubernetes" {
                }
                """);
        Files.writeString(ws.resolve("modules/app-settings/module.hcl"), """
                module {
                  name    = "app-settings"
                  version = "1.0.0"
                  kind    = "AppSettings"
                }
                resource "kubernetes_config_map" "settings" {
                  name = "${request.name}-settings"
                  data = { app = request.name }
                }
                resource "kubernetes_config_map" "flags" {
                  name = "${request.name}-flags"
                }
                """);
        for (String app : List.of("cart", "orders", "search")) {
            Files.createDirectories(ws.resolve("requests/shop"));
            Files.writeString(ws.resolve("requests/shop/" + app + ".yaml"), """
                    apiVersion: platctl.dev/v1
                    kind: AppSettings
                    metadata:
                      name: %s
                      team: shop
                    spec:
                      module: app-settings@1.0.0
                    """.formatted(app));
        }
        ChildCli plan = ChildCli.runInEnvironment(ws, env, "plan");
        assertEquals(1, plan.exitCode(), plan::transcript);
        assertEquals(List.of("Error: Cannot configure provider \"kubernetes\""), errors(plan), plan::transcript);
        assertTrue(plan.stderr().contains("Found no kubeconfig: $KUBECONFIG is not set and " + root.resolve("home/.kube/config")
                + " does not exist"), plan::transcript);
        assertTrue(plan.stderr().contains("6 resources need it and could not be planned, of requests cart (2), orders (2), search (2)."),
                plan::transcript);

        ChildCli validate = ChildCli.runInEnvironment(ws, env, "validate");
        assertEquals(0, validate.exitCode(), validate::transcript);
    }

    /**
     * The team namespaces' objects all name their namespace, so the plan needs no cluster; apply does, and says once that
     * there is no kubeconfig for the three namespaces it tried, skipping what is in them.
     */
    @Test
    void applyWithoutAKubeconfigSaysSoOnceAndSkipsWhatDependsOnIt() throws Exception {
        Path ws = example("services");
        Files.delete(ws.resolve("requests/checkout/cart-api.yaml"));
        ChildCli apply = ChildCli.runInEnvironment(ws, env, "apply", "--auto-approve");
        assertEquals(1, apply.exitCode(), apply::transcript);
        assertEquals(List.of("Error: Cannot configure provider \"kubernetes\""), errors(apply), apply::transcript);
        assertTrue(apply.stderr().contains("3 resources need it and could not be applied, of requests checkout-dev (1), checkout-prod (1),"
                + " checkout-staging (1)."), apply::transcript);
        assertTrue(apply.stdout().contains("Apply failed. Resources: 0 added, 0 changed, 0 destroyed. Failed: 3, skipped: 12."),
                apply::transcript);
    }

    static List<String> errors(ChildCli cli) {
        return cli.stderr().lines().filter(l -> l.startsWith("Error: ")).toList();
    }
}
