package dev.platctl.cli;

import dev.platctl.engine.testing.MotoServer;
import dev.platctl.providers.kubernetes.KubeApiServer;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/kubernetes through the real CLI (child JVMs: the kubeconfig and the state key come from the
 * environment) against moto and a real kube-apiserver: a team namespace and a database whose connection
 * details land in a Secret in that namespace, equal to what Secrets Manager holds and never printed or saved
 * in plain text; a clean re-plan; then decommission and destroy.
 */
@ExtendWith({MotoServer.class, KubeApiServer.class})
class KubernetesExampleEndToEndTest {
    static final String DB_REQUEST = "requests/payments/payments-dev-db.yaml";
    static final String NAMESPACE = "payments-dev";

    @TempDir
    Path root;
    Path ws;
    Map<String, String> env;
    KubernetesClient kube;
    Ec2Client ec2;
    RdsClient rds;
    SecretsManagerClient secrets;

    @BeforeEach
    void copyExampleAndMakeTheNetwork(MotoServer.Moto moto) throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        ExampleCopy.tree(repo.resolve("examples/kubernetes"), root.resolve("examples/kubernetes"));
        ExampleCopy.tree(repo.resolve("modules"), root.resolve("modules"));
        ws = root.resolve("examples/kubernetes");
        edit("platctl.hcl", "http://127.0.0.1:5000", moto.endpoint());
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        byte[] key = new byte[32];
        new Random(7).nextBytes(key);
        env = Map.of("KUBECONFIG", cp.kubeconfig().toString(), "PLATCTL_STATE_KEY", Base64.getEncoder().encodeToString(key));
        kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(cp.kubeconfig()))).build();

        ec2 = MotoClients.of(Ec2Client.builder(), moto.endpoint());
        rds = MotoClients.of(RdsClient.builder(), moto.endpoint());
        secrets = MotoClients.of(SecretsManagerClient.builder(), moto.endpoint());
        MotoClients.networkFor(ec2, ws.resolve(DB_REQUEST));
    }

    @AfterEach
    void closeClients() {
        kube.close();
        ec2.close();
        rds.close();
        secrets.close();
    }

    @Test
    void theTeamNamespaceAndTheDatabasesConnectionSecretApplyCleanlyAndThePasswordIsNeverShown() throws Exception {
        Path planFile = root.resolve("db.plan");
        ChildCli plan = platctl("plan", "-out", planFile.toString(), "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan::transcript);
        assertTrue(plan.stdout().contains("Plan: 12 to add, 0 to change, 0 to destroy."), plan::transcript);
        assertTrue(plan.stdout().contains("# payments-dev-db.kubernetes_secret.connection_secret will be created"), plan::transcript);
        assertTrue(plan.stdout().contains("+ data            = (sensitive value)"), plan::transcript);

        ChildCli apply = platctl("apply", planFile.toString());
        assertEquals(0, apply.exitCode(), apply::transcript);
        assertTrue(apply.stdout().contains("Apply complete! Resources: 12 added, 0 changed, 0 destroyed."), apply::transcript);

        Namespace ns = kube.namespaces().withName(NAMESPACE).get();
        assertEquals("payments", ns.getMetadata().getLabels().get("team"));
        assertEquals("payments-oncall", ns.getMetadata().getLabels().get("owner"));
        assertEquals("baseline", ns.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
        ResourceQuota quota = kube.resourceQuotas().inNamespace(NAMESPACE).withName("team-quota").get();
        assertEquals(Map.of("requests.cpu", "2", "requests.memory", "4Gi", "limits.cpu", "4", "limits.memory", "8Gi", "pods", "20"),
                strings(quota.getSpec().getHard()));
        LimitRange limits = kube.limitRanges().inNamespace(NAMESPACE).withName("team-limits").get();
        assertEquals("Container", limits.getSpec().getLimits().get(0).getType());
        assertEquals(Map.of("cpu", "500m", "memory", "512Mi"), strings(limits.getSpec().getLimits().get(0).getDefault()));
        assertEquals(Map.of("cpu", "1", "memory", "2Gi"), strings(limits.getSpec().getLimits().get(0).getMax()));
        ServiceAccount deployer = kube.serviceAccounts().inNamespace(NAMESPACE).withName("deployer").get();
        assertFalse(deployer.getAutomountServiceAccountToken());
        RoleBinding edit = kube.rbac().roleBindings().inNamespace(NAMESPACE).withName("team-edit").get();
        assertEquals("ClusterRole/edit", edit.getRoleRef().getKind() + "/" + edit.getRoleRef().getName());
        assertEquals(List.of("Group payments-developers", "ServiceAccount deployer"),
                edit.getSubjects().stream().map((Subject s) -> s.getKind() + " " + s.getName()).toList());
        for (var labels : List.of(quota.getMetadata().getLabels(), limits.getMetadata().getLabels(),
                deployer.getMetadata().getLabels(), edit.getMetadata().getLabels())) {
            assertEquals("payments", labels.get("team"), labels.toString());
            assertEquals("payments-oncall", labels.get("owner"), labels.toString());
        }

        String connection = secrets.getSecretValue(b -> b.secretId("payments/payments-dev-db/postgresql")).secretString();
        String password = connection.replaceAll(".*\"password\":\"([^\"]+)\".*", "$1");
        assertEquals(32, password.length(), "the generated password, as Secrets Manager holds it");
        var db = rds.describeDBInstances(b -> b.dbInstanceIdentifier("payments-dev-db")).dbInstances().get(0);
        Secret secret = kube.secrets().inNamespace(NAMESPACE).withName("payments-dev-db").get();
        Map<String, String> data = new TreeMap<>();
        secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        assertEquals(Map.of("host", db.endpoint().address(), "port", String.valueOf(db.endpoint().port()), "username", "platform_admin",
                "password", password, "database", "payments_dev_db"), data);

        ChildCli again = platctl("plan", "--detailed-exitcode");
        assertEquals(0, again.exitCode(), again::transcript);
        assertTrue(again.stdout().contains("No changes."), again::transcript);

        ChildCli json = platctl("plan", "--json");
        assertEquals(0, json.exitCode(), json::transcript);
        assertTrue(json.stdout().contains("payments-dev-db.kubernetes_secret.connection_secret"), json::transcript);
        ChildCli markdown = platctl("plan", "--format", "markdown");
        assertEquals(0, markdown.exitCode(), markdown::transcript);
        ChildCli outputs = platctl("output", "--json");
        assertEquals(0, outputs.exitCode(), outputs::transcript);
        ChildCli state = platctl("state", "show", "payments-dev-db.kubernetes_secret.connection_secret");
        assertEquals(0, state.exitCode(), state::transcript);
        for (ChildCli run : List.of(plan, apply, again, json, markdown, outputs, state))
            assertFalse(run.stdout().contains(password) || run.stderr().contains(password), "printed the password:\n" + run.transcript());
        assertFalse(bytes(planFile).contains(password), "the saved plan holds the password");
        assertFalse(bytes(ws.resolve(".platctl/state.mv.db")).contains(password), "the state file holds the password in plain text");

        edit(DB_REQUEST, "    allowedCidrs: [10.20.0.0/16]", "    allowedCidrs: [10.20.0.0/16]\n    decommission: true");
        ChildCli decommission = platctl("apply", "--auto-approve", "--target", "payments-dev-db.aws_db_instance.this");
        assertEquals(0, decommission.exitCode(), decommission::transcript);
        ChildCli destroy = platctl("destroy", "--auto-approve");
        assertEquals(0, destroy.exitCode(), destroy::transcript);
        assertTrue(destroy.stdout().contains("Destroy complete! Resources: 0 added, 0 changed, 12 destroyed."), destroy::transcript);
        assertNull(kube.secrets().inNamespace(NAMESPACE).withName("payments-dev-db").get(), "the Secret is gone");
        assertNull(kube.namespaces().withName(NAMESPACE).get(), "the namespace is gone");
        assertEquals(0, rds.describeDBInstances().dbInstances().size());
    }

    @Test
    void theTeamNamespaceModulesOwnTestsPassAndPostgresqlShowsItsConnectionSecret() throws Exception {
        ChildCli test = platctl("module", "test", "../../modules/team-namespace");
        assertEquals(0, test.exitCode(), test::transcript);
        assertTrue(test.stdout().contains("4 passed, 0 failed."), test::transcript);
        ChildCli show = platctl("module", "show", "postgresql");
        assertEquals(0, show.exitCode(), show::transcript);
        assertTrue(show.stdout().contains("Connection secret (written to a Kubernetes Secret when a request sets"
                + " spec.writeConnectionSecretToRef; every value sensitive)\n  host, port, username, password, database"), show::transcript);
    }

    /**
     * Tokens that are no sensitive input anywhere: only being a Secret's data in a kubernetes_manifest keeps them hidden,
     * whether the manifest is an object or YAML text (filled from the input, or written inline).
     */
    @Test
    void aSecretWrittenAsAManifestIsNeverShownInPlansOrState() throws Exception {
        String token = "tok-4f9a1c-manifest";
        String base64 = Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
        String inline = "inline-7c2e90-yaml";
        String inlineBase64 = Base64.getEncoder().encodeToString(inline.getBytes(StandardCharsets.UTF_8));
        Path secretWs = root.resolve("secret-manifest");
        Files.createDirectories(secretWs.resolve("modules/app-secret"));
        Files.createDirectories(secretWs.resolve("requests/shop"));
        Files.writeString(secretWs.resolve("platctl.hcl"), """
                workspace {
                  modules  = "modules"
                  requests = "requests"
                }
                provider "kubernetes" {}
                """);
        Files.writeString(secretWs.resolve("modules/app-secret/module.hcl"), """
                module {
                  name    = "app-secret"
                  version = "1.0.0"
                  kind    = "AppSecret"
                }
                input "token" {
                  type = string
                }
                resource "kubernetes_manifest" "creds" {
                  manifest = {
                    apiVersion = "v1"
                    kind       = "Secret"
                    metadata   = { name = request.name, namespace = "default" }
                    data       = { user = "YWRtaW4=" }
                    stringData = { token = input.token }
                  }
                }
                resource "kubernetes_manifest" "yaml_creds" {
                  manifest_yaml = <<-EOT
                    apiVersion: v1
                    kind: Secret
                    metadata:
                      name: ${request.name}-yaml
                      namespace: default
                    data:
                      inline: %s
                    stringData:
                      token: ${input.token}
                  EOT
                }
                """.formatted(inlineBase64));
        Files.writeString(secretWs.resolve("requests/shop/shop-creds.yaml"), """
                apiVersion: platctl.dev/v1
                kind: AppSecret
                metadata:
                  name: shop-creds
                  team: shop
                spec:
                  module: app-secret@1.0.0
                  parameters:
                    token: %s
                """.formatted(token));
        List<ChildCli> runs = new java.util.ArrayList<>();
        ChildCli plan = run(secretWs, runs, "plan");
        assertEquals(0, plan.exitCode(), plan::transcript);
        assertTrue(plan.stdout().contains("(sensitive value)"), plan::transcript);
        ChildCli apply = run(secretWs, runs, "apply", "--auto-approve");
        assertEquals(0, apply.exitCode(), apply::transcript);
        Secret secret = kube.secrets().inNamespace("default").withName("shop-creds").get();
        assertEquals(token, new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8));
        Secret fromYaml = kube.secrets().inNamespace("default").withName("shop-creds-yaml").get();
        assertEquals(Map.of("inline", inlineBase64, "token", base64), fromYaml.getData());
        ChildCli again = run(secretWs, runs, "plan", "--detailed-exitcode");
        assertEquals(0, again.exitCode(), again::transcript);
        for (String address : List.of("shop-creds.kubernetes_manifest.creds", "shop-creds.kubernetes_manifest.yaml_creds")) {
            ChildCli state = run(secretWs, runs, "state", "show", address);
            assertEquals(0, state.exitCode(), state::transcript);
            assertTrue(state.stdout().contains("(sensitive value)"), state::transcript);
        }
        ChildCli json = run(secretWs, runs, "plan", "--json");
        assertEquals(0, json.exitCode(), json::transcript);
        assertTrue(json.stdout().contains("shop-creds.kubernetes_manifest.yaml_creds")
                && json.stdout().contains("shop-creds.kubernetes_manifest.creds"), json::transcript);
        ChildCli destroy = run(secretWs, runs, "destroy", "--auto-approve");
        assertEquals(0, destroy.exitCode(), destroy::transcript);
        assertTrue(destroy.stdout().contains("Resources: 0 added, 0 changed, 2 destroyed."), destroy::transcript);
        assertNull(kube.secrets().inNamespace("default").withName("shop-creds").get());
        assertNull(kube.secrets().inNamespace("default").withName("shop-creds-yaml").get());
        for (ChildCli r : runs)
            for (String shown : List.of(token, base64, inline, inlineBase64))
                assertFalse(r.stdout().contains(shown) || r.stderr().contains(shown), "printed " + shown + ":\n" + r.transcript());
    }

    private ChildCli run(Path workspace, List<ChildCli> runs, String... args) throws InterruptedException {
        ChildCli cli = ChildCli.start(workspace, env, args);
        cli.awaitExit();
        runs.add(cli);
        return cli;
    }

    private ChildCli platctl(String... args) throws InterruptedException {
        ChildCli cli = ChildCli.start(ws, env, args);
        cli.awaitExit();
        return cli;
    }

    private static Map<String, String> strings(Map<String, Quantity> quantities) {
        Map<String, String> out = new TreeMap<>();
        quantities.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    private static String bytes(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    private void edit(String file, String from, String to) throws IOException {
        ExampleCopy.edit(ws.resolve(file), from, to);
    }
}
