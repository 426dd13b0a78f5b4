package dev.platctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platctl.providers.github.FakeGitHub;
import dev.platctl.providers.kubernetes.KubeApiServer;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/services through the real CLI against the GitHub REST fake and a real kube-apiserver: platctl new writes the
 * Service request and the owner team's three TeamNamespace requests (exactly the example's files), apply makes the
 * repository with its environments and the namespaces, and the CI the skeleton ships deploys each GitHub environment
 * into a namespace that exists; a second service of the team gets no second set of namespaces.
 */
@ExtendWith(KubeApiServer.class)
class ServicesExampleEndToEndTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path EXAMPLE = REPO.resolve("examples/services");
    static final List<String> NAMESPACES = List.of("checkout-dev", "checkout-staging", "checkout-prod");

    @TempDir
    Path root;
    Path ws;
    FakeGitHub github;
    KubernetesClient kube;
    Map<String, String> env;

    @BeforeEach
    void workspace() throws IOException {
        ws = root.resolve("examples/services");
        Files.createDirectories(ws);
        Files.copy(EXAMPLE.resolve("platctl.hcl"), ws.resolve("platctl.hcl"));
        ExampleCopy.tree(REPO.resolve("modules"), root.resolve("modules"));
        ExampleCopy.tree(REPO.resolve("golden-paths"), root.resolve("golden-paths"));
        github = new FakeGitHub("acme");
        github.addTeam("checkout", 4601);
        ExampleCopy.edit(ws.resolve("platctl.hcl"), "  owner = \"acme\"\n", "  owner    = \"acme\"\n  base_url = \"" + github.baseUrl() + "\"\n");
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        env = Map.of("GITHUB_TOKEN", FakeGitHub.TOKEN, "KUBECONFIG", cp.kubeconfig().toString());
        kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(cp.kubeconfig()))).build();
    }

    @AfterEach
    void stop() {
        kube.close();
        github.close();
    }

    @Test
    void aScaffoldedServiceDeploysFromEachGitHubEnvironmentIntoItsTeamsNamespaceForIt() throws Exception {
        ChildCli created = platctl("new", "python-microservice", "--no-input", "--set", "name=cart-api", "--set", "owner=checkout",
                "--set", "description=Keeps the shopping carts of signed-in customers.");
        assertEquals(0, created.exitCode(), created::transcript);
        assertEquals(files(EXAMPLE.resolve("requests")), files(ws.resolve("requests")), "platctl new wrote the example's requests");
        assertTrue(created.stdout().contains("Wrote requests/checkout/checkout-dev.yaml."), created::transcript);

        ChildCli apply = platctl("apply", "--auto-approve");
        assertEquals(0, apply.exitCode(), apply::transcript);
        for (String ns : NAMESPACES) {
            Namespace n = kube.namespaces().withName(ns).get();
            assertEquals("checkout", n.getMetadata().getLabels().get("team"), ns);
            assertTrue(kube.rbac().roleBindings().inNamespace(ns).withName("team-edit").get().getSubjects().stream()
                    .anyMatch(s -> s.getKind().equals("Group") && s.getName().equals("checkout")), ns + ": the team's group may deploy");
        }
        Map<String, Long> environments = github.environments("cart-api");
        assertEquals(List.of("development", "production", "staging"), List.copyOf(environments.keySet()));

        JsonNode ci = new ObjectMapper(new YAMLFactory()).readTree(github.files("cart-api", "main").get(".github/workflows/ci.yaml"));
        JsonNode deploy = ci.path("jobs").path("deploy");
        Map<String, String> namespaceOf = new TreeMap<>();
        deploy.path("strategy").path("matrix").path("include").forEach(i -> namespaceOf.put(i.path("environment").asText(), i.path("namespace").asText()));
        assertEquals(environments.keySet(), namespaceOf.keySet(), "CI deploys from exactly the repository's environments");
        for (Map.Entry<String, String> e : namespaceOf.entrySet())
            assertTrue(kube.namespaces().withName(e.getValue()).get() != null, e.getKey() + " deploys into " + e.getValue() + ", which exists");
        assertEquals("${{ matrix.environment }}", deploy.path("environment").asText());
        JsonNode helmStep = deploy.path("steps").get(2);
        String helm = helmStep.path("run").asText();
        assertEquals("${{ matrix.namespace }}", helmStep.path("env").path("NAMESPACE").asText(), "the namespace reaches the script through env");
        assertTrue(helm.contains("--namespace \"$NAMESPACE\"") && !helm.contains("--create-namespace") && !helm.contains("${{"), helm);

        ChildCli second = platctl("new", "python-microservice", "--no-input", "--set", "name=basket-api", "--set", "owner=checkout",
                "--set", "description=Prices the baskets of anonymous visitors.");
        assertEquals(0, second.exitCode(), second::transcript);
        for (String ns : NAMESPACES)
            assertTrue(second.stdout().contains("Kept requests/checkout/" + ns + ".yaml: checkout has TeamNamespace " + ns + " already."), second::transcript);
        ChildCli plan = platctl("plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan::transcript);
        assertTrue(plan.stdout().contains("Plan: 8 to add, 0 to change, 0 to destroy."), plan::transcript);
        assertFalse(plan.stdout().contains("kubernetes_namespace"), "the team's namespaces are there already:\n" + plan.stdout());

        ChildCli destroy = platctl("destroy", "--auto-approve");
        assertEquals(0, destroy.exitCode(), destroy::transcript);
        for (String ns : NAMESPACES) assertNull(kube.namespaces().withName(ns).get(), ns + " is gone");
    }

    private ChildCli platctl(String... args) throws InterruptedException {
        ChildCli cli = ChildCli.start(ws, env, args);
        cli.awaitExit();
        return cli;
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
        }
        return out;
    }
}
