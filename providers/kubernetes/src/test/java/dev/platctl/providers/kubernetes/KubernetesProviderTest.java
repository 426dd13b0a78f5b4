package dev.platctl.providers.kubernetes;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ProviderLoader;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider's settings: kubeconfig or host + token + CA, and the errors a wrong one gives. */
@ExtendWith(KubeApiServer.class)
class KubernetesProviderTest {
    @TempDir
    Path dir;

    @Test
    void isFoundThroughTheServiceLoaderWithItsResourceTypes() {
        assertTrue(ProviderLoader.installed().contains("kubernetes"));
        KubernetesProvider p = new KubernetesProvider(Fixture.context(dir));
        assertEquals(List.of("kubernetes_namespace", "kubernetes_config_map", "kubernetes_secret", "kubernetes_deployment",
                        "kubernetes_service", "kubernetes_service_account",
                        "kubernetes_role", "kubernetes_role_binding", "kubernetes_resource_quota", "kubernetes_limit_range",
                        "kubernetes_ingress", "kubernetes_horizontal_pod_autoscaler",
                        "kubernetes_manifest"),
                p.resourceTypes().stream().map(t -> t.schema().type()).toList());
    }

    @Test
    void hostTokenAndCaReachTheClusterWithTheDefaultNamespaceGiven() {
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        try (KubernetesProvider p = new KubernetesProvider(Fixture.context(dir))) {
            Diagnostics d = p.configure(obj("host", cp.host(), "token", cp.token(), "ca_cert", cp.caCert(), "namespace", "kube-public"));
            assertFalse(d.hasErrors(), d.toString());
            ObjectValue state = p.resourceType(ConfigMapType.TYPE).orElseThrow().create(
                    p.resourceType(ConfigMapType.TYPE).orElseThrow().plan(Optional.empty(), obj("name", "via-host")).planned(),
                    "x.kubernetes_config_map.via_host");
            assertEquals("kube-public/via-host", Fixture.string(state, "id"));
        }
    }

    @Test
    void aMissingKubeconfigFileIsADiagnostic() {
        KubernetesProvider p = new KubernetesProvider(Fixture.context(dir));
        Diagnostics d = p.configure(obj("kubeconfig", "nowhere/kubeconfig"));
        assertTrue(d.hasErrors());
        assertTrue(d.errors().get(0).detail().contains("no kubeconfig file at " + dir.resolve("nowhere/kubeconfig")), d.toString());
    }

    @Test
    void aWrongTokenIsAClearErrorFromTheApiServer() {
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        try (KubernetesProvider p = new KubernetesProvider(Fixture.context(dir))) {
            p.configure(obj("host", cp.host(), "token", "not-the-token", "ca_cert", cp.caCert()));
            var type = p.resourceType(NamespaceType.TYPE).orElseThrow();
            ProviderException e = assertThrows(ProviderException.class,
                    () -> type.read(obj("name", "default", "id", "default")));
            assertTrue(e.getMessage().startsWith("cannot discover kind Namespace in v1: "), e.getMessage());
            assertTrue(e.getMessage().contains("Unauthorized") && e.getMessage().contains("(status 401)"), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-token"), e.getMessage());
        }
    }

    @Test
    void aKubeconfigPointingNowhereIsAClearConnectionError() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, Files.readString(KubeApiServer.get().kubeconfig())
                .replace(KubeApiServer.get().host(), "https://127.0.0.1:1"));
        try (KubernetesProvider p = new KubernetesProvider(Fixture.context(dir))) {
            assertFalse(p.configure(obj("kubeconfig", "kubeconfig")).hasErrors());
            var type = p.resourceType(NamespaceType.TYPE).orElseThrow();
            ProviderException e = assertThrows(ProviderException.class, () -> type.read(obj("name", "default")));
            assertTrue(e.getMessage().startsWith("cannot discover kind Namespace in v1: "), e.getMessage());
            assertTrue(e.getMessage().contains("no answer from the API server: ") && e.getMessage().contains("ConnectException"), e.getMessage());
        }
    }

    /** A kubeconfig whose current context points at a closed port and whose second context is the test cluster. */
    private Path twoContexts() throws Exception {
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        Path file = dir.resolve("two-contexts.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: dead
                  cluster: {server: "https://127.0.0.1:1", certificate-authority-data: %s}
                - name: test
                  cluster: {server: "%s", certificate-authority-data: %s}
                users:
                - name: admin
                  user: {token: %s}
                contexts:
                - name: dead
                  context: {cluster: dead, user: admin, namespace: default}
                - name: live
                  context: {cluster: test, user: admin, namespace: kube-public}
                current-context: dead
                """.formatted(pem(cp), cp.host(), pem(cp), cp.token()));
        return file;
    }

    private static String pem(KubeApiServer.ControlPlane cp) {
        return Base64.getEncoder().encodeToString(cp.caCert().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static KubernetesProvider provider(Path dir, Map<String, String> environment, ObjectValue config) {
        KubernetesProvider p = new KubernetesProvider(new ProviderContext(dir, Clock.systemUTC(), () -> new SplittableRandom(1), environment));
        Diagnostics d = p.configure(config);
        assertFalse(d.hasErrors(), d.toString());
        return p;
    }

    private static ObjectValue createConfigMap(KubernetesProvider p, String name) {
        var type = p.resourceType(ConfigMapType.TYPE).orElseThrow();
        return type.create(type.plan(Optional.empty(), obj("name", name)).planned(), "x.kubernetes_config_map." + name);
    }

    private static ProviderException firstUseFails(KubernetesProvider p) {
        var type = p.resourceType(NamespaceType.TYPE).orElseThrow();
        return assertThrows(ProviderException.class, () -> type.read(obj("name", "default")));
    }

    @Test
    void theNamedContextIsUsedEvenWhenAnotherIsCurrentAndGivesTheDefaultNamespace() throws Exception {
        twoContexts();
        try (KubernetesProvider p = provider(dir, Map.of(), obj("kubeconfig", "two-contexts.yaml", "context", "live"))) {
            assertEquals("kube-public/from-context", Fixture.string(createConfigMap(p, "from-context"), "id"),
                    "the live context's cluster (the current one is a closed port) and its namespace");
        }
    }

    @Test
    void theNamedContextOfTheKubeconfigInTheEnvironmentIsUsed() throws Exception {
        Path file = twoContexts();
        try (KubernetesProvider p = provider(dir, Map.of("KUBECONFIG", file.toString()), obj("context", "live"))) {
            assertEquals("kube-public/from-environment", Fixture.string(createConfigMap(p, "from-environment"), "id"));
        }
    }

    @Test
    void aContextTheKubeconfigDoesNotHaveIsAnErrorNotAnotherCluster() throws Exception {
        Path file = twoContexts();
        try (KubernetesProvider p = provider(dir, Map.of(), obj("kubeconfig", "two-contexts.yaml", "context", "lvie"))) {
            ProviderException e = firstUseFails(p);
            assertEquals("cannot configure provider \"kubernetes\": context \"lvie\" is not in two-contexts.yaml (it has: dead, live)",
                    e.getMessage());
            assertFalse(e.retryable());
        }
        try (KubernetesProvider p = provider(dir, Map.of("KUBECONFIG", file.toString()), obj("context", "lvie"))) {
            assertEquals("cannot configure provider \"kubernetes\": context \"lvie\" is not in " + file + " (it has: dead, live)",
                    firstUseFails(p).getMessage());
        }
    }

    /** Every resource type reaches the cluster through the same connection, so each reports a wrong kubeconfig the same way. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceTypes")
    void everyResourceTypeReportsAWrongContextOnFirstUse(String type) throws Exception {
        twoContexts();
        try (KubernetesProvider p = provider(dir, Map.of(), obj("kubeconfig", "two-contexts.yaml", "context", "prod"))) {
            ObjectValue state = type.equals(ManifestType.TYPE)
                    ? obj("manifest", obj("apiVersion", "v1", "kind", "ConfigMap", "metadata", obj("name", "x")))
                    : obj("name", "x", "namespace", "default");
            ProviderException e = assertThrows(ProviderException.class, () -> p.resourceType(type).orElseThrow().read(state));
            assertEquals("cannot configure provider \"kubernetes\": context \"prod\" is not in two-contexts.yaml (it has: dead, live)",
                    e.getMessage());
        }
    }

    static List<String> resourceTypes() {
        return new KubernetesProvider(Fixture.context(Path.of("."))).resourceTypes().stream().map(t -> t.schema().type()).toList();
    }

    @Test
    void aMalformedKubeconfigIsAnErrorNamingTheFileAndLine() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user: {token: hunter2]\n");
        try (KubernetesProvider p = provider(dir, Map.of(), obj("kubeconfig", "broken.yaml"))) {
            String m = firstUseFails(p).getMessage();
            assertTrue(m.startsWith("cannot configure provider \"kubernetes\": cannot read kubeconfig broken.yaml: "), m);
            assertEquals("cannot configure provider \"kubernetes\": cannot read kubeconfig broken.yaml: invalid YAML at line 5,"
                    + " column 24: while parsing a flow mapping; expected ',' or '}', but got ]", m, "the line holding the token is not quoted");
        }
        Files.writeString(dir.resolve("prose.yaml"), "this is not a kubeconfig\n");
        try (KubernetesProvider p = provider(dir, Map.of(), obj("kubeconfig", "prose.yaml"))) {
            assertEquals("cannot configure provider \"kubernetes\": cannot read kubeconfig prose.yaml: it holds no kubeconfig"
                    + " (a mapping with clusters, contexts and users)", firstUseFails(p).getMessage());
        }
    }

    @Test
    void aKubeconfigThatIsADirectoryOrMissingSaysSoInsteadOfBlamingItsContents() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("kubeconfig.d"));
        try (KubernetesProvider p = provider(dir, Map.of("KUBECONFIG", folder.toString()), ObjectValue.EMPTY)) {
            assertEquals("cannot configure provider \"kubernetes\": cannot read kubeconfig " + folder + ": it is a directory, not a file",
                    firstUseFails(p).getMessage());
        }
        Diagnostics d = new KubernetesProvider(Fixture.context(dir)).configure(obj("kubeconfig", "kubeconfig.d"));
        assertEquals("provider \"kubernetes\": " + folder + " is a directory, not a kubeconfig file.", d.errors().get(0).detail());
    }

    @Test
    void insideAClusterWithAContextSetTheErrorSaysTheServiceAccountHasNoContexts() {
        try (KubernetesProvider p = provider(dir, Map.of("HOME", dir.toString(), "KUBERNETES_SERVICE_HOST", "10.0.0.1",
                "KUBERNETES_SERVICE_PORT", "443"), obj("context", "prod"))) {
            assertEquals("cannot configure provider \"kubernetes\": found no kubeconfig: $KUBECONFIG is not set and "
                    + dir.resolve(".kube/config") + " does not exist; platctl is running inside a cluster ($KUBERNETES_SERVICE_HOST is set),"
                    + " but its service account configuration has no contexts, and context \"prod\" is set (leave context out to use"
                    + " the service account); set kubeconfig (and context), or host with token and ca_cert, in the provider"
                    + " \"kubernetes\" block", firstUseFails(p).getMessage());
        }
    }

    /**
     * In a pod, the API server's address comes from the environment platctl was given and the service account from its
     * mount (a folder standing in for it here); the token is read again for each request, as the kubelet rotates it.
     */
    @Test
    void insideAClusterTheServiceAddressAndTheMountedServiceAccountReachTheCluster() throws Exception {
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        java.net.URI api = java.net.URI.create(cp.host());
        Path mount = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(mount.resolve("token"), cp.token() + "\n");
        Files.writeString(mount.resolve("ca.crt"), cp.caCert());
        Files.writeString(mount.resolve("namespace"), "kube-public");
        Map<String, String> pod = Map.of("HOME", dir.toString(), "KUBERNETES_SERVICE_HOST", api.getHost(),
                "KUBERNETES_SERVICE_PORT", String.valueOf(api.getPort()));
        try (KubernetesProvider p = new KubernetesProvider(new ProviderContext(dir, Clock.systemUTC(), () -> new SplittableRandom(1), pod), mount)) {
            assertFalse(p.configure(ObjectValue.EMPTY).hasErrors());
            assertEquals("kube-public/in-pod", Fixture.string(createConfigMap(p, "in-pod"), "id"), "the pod's namespace");

            Files.writeString(mount.resolve("token"), "an-expired-token");
            ProviderException e = assertThrows(ProviderException.class, () -> createConfigMap(p, "with-old-token"));
            assertTrue(e.getMessage().contains("Unauthorized") && e.getMessage().endsWith("(status 401)"), e.getMessage());
            Files.writeString(mount.resolve("token"), cp.token());
            assertEquals("kube-public/with-new-token", Fixture.string(createConfigMap(p, "with-new-token"), "id"));
        }
    }

    @Test
    void insideAClusterWithoutTheServiceAccountOrTheServicePortTheErrorSaysWhatIsMissing() {
        Path mount = dir.resolve("no-serviceaccount");
        Map<String, String> pod = Map.of("HOME", dir.toString(), "KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443");
        try (KubernetesProvider p = new KubernetesProvider(new ProviderContext(dir, Clock.systemUTC(), () -> new SplittableRandom(1), pod), mount)) {
            assertFalse(p.configure(ObjectValue.EMPTY).hasErrors());
            assertEquals("cannot configure provider \"kubernetes\": platctl is running inside a cluster ($KUBERNETES_SERVICE_HOST is set),"
                    + " but cannot read its service account token " + mount.resolve("token") + ": the file does not exist",
                    firstUseFails(p).getMessage());
        }
        try (KubernetesProvider p = provider(dir, Map.of("HOME", dir.toString(), "KUBERNETES_SERVICE_HOST", "10.0.0.1"), ObjectValue.EMPTY)) {
            assertEquals("cannot configure provider \"kubernetes\": platctl is running inside a cluster ($KUBERNETES_SERVICE_HOST is set),"
                    + " but $KUBERNETES_SERVICE_HOST and $KUBERNETES_SERVICE_PORT must both be set, as Kubernetes sets them in a pod; set"
                    + " kubeconfig, or host with token and ca_cert, in the provider \"kubernetes\" block", firstUseFails(p).getMessage());
        }
    }

    @Test
    void withNoKubeconfigAnywhereTheErrorSaysWhereItLooked() {
        try (KubernetesProvider p = provider(dir, Map.of("HOME", dir.toString()), ObjectValue.EMPTY)) {
            assertEquals("cannot configure provider \"kubernetes\": found no kubeconfig: $KUBECONFIG is not set and "
                    + dir.resolve(".kube/config") + " does not exist, and platctl is not running inside a cluster"
                    + " ($KUBERNETES_SERVICE_HOST is not set); set kubeconfig (and context), or host with token and ca_cert,"
                    + " in the provider \"kubernetes\" block", firstUseFails(p).getMessage());
        }
        try (KubernetesProvider p = provider(dir, Map.of("KUBECONFIG", dir.resolve("a.yaml") + ":" + dir.resolve("b.yaml")),
                ObjectValue.EMPTY)) {
            assertTrue(firstUseFails(p).getMessage().startsWith("cannot configure provider \"kubernetes\": found no kubeconfig: $KUBECONFIG lists "
                    + dir.resolve("a.yaml") + ", " + dir.resolve("b.yaml") + ", none of which exists"));
        }
    }

    @Test
    void aCaThatDidNotSignTheServersCertificateIsAClearTlsError() throws Exception {
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        try (KubernetesProvider p = provider(dir, Map.of(), obj("host", cp.host(), "token", cp.token(), "ca_cert", someOtherCa()))) {
            ProviderException e = firstUseFails(p);
            assertTrue(e.getMessage().startsWith("cannot discover kind Namespace in v1: the TLS handshake failed: platctl does not trust"
                    + " the API server's certificate: it is not signed by the configured CA"), e.getMessage());
            assertTrue(e.getMessage().endsWith("(SunCertPathBuilderException: unable to find valid certification path to requested target)"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("no answer"), "the server did answer: " + e.getMessage());
            assertFalse(e.retryable(), "retrying cannot fix a wrong CA");
        }
    }

    /**
     * A TLS endpoint that wants a client certificate, as an API server behind a mutual-TLS proxy does (kube-apiserver
     * itself only asks for one, and answers 401 to a bad one): its refusal is not the CA's fault.
     */
    @Test
    void aServerThatRefusesTheClientCertificateIsAClearTlsErrorThatDoesNotBlameTheCa() throws Exception {
        try (MutualTlsServer server = MutualTlsServer.start(dir);
             KubernetesProvider p = provider(dir, Map.of(), obj("host", server.url(), "token", "t", "ca_cert", server.certificatePem()))) {
            ProviderException e = firstUseFails(p);
            assertTrue(e.getMessage().startsWith("cannot discover kind Namespace in v1: the TLS handshake failed: the API server (or a"
                    + " proxy in front of it) refused platctl's client certificate: it requires one and none was configured, or it"
                    + " does not accept the configured one (client-certificate in the kubeconfig) (SSLHandshakeException: Received fatal"
                    + " alert: "), e.getMessage());
            assertFalse(e.getMessage().contains("not signed by the configured CA") || e.getMessage().contains("no answer"), e.getMessage());
            assertFalse(e.retryable(), "retrying cannot fix a missing client certificate");
        }
    }

    /** A real CA certificate that did not sign the test API server's: the first one the JDK trusts. */
    private static String someOtherCa() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        X509Certificate ca = Arrays.stream(tmf.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                .map(t -> ((X509TrustManager) t).getAcceptedIssuers()[0]).findFirst().orElseThrow();
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void kubeconfigOrContextTogetherWithHostIsRefused() throws Exception {
        twoContexts();
        KubernetesProvider p = new KubernetesProvider(Fixture.context(dir));
        Diagnostics d = p.configure(obj("kubeconfig", "two-contexts.yaml", "host", "https://127.0.0.1:6443"));
        assertEquals("provider \"kubernetes\" takes either kubeconfig and context or host (with token and ca_cert), not both;"
                + " it has host and kubeconfig.", d.errors().get(0).detail());
        d = p.configure(obj("context", "live", "host", "https://127.0.0.1:6443"));
        assertEquals("provider \"kubernetes\" takes either kubeconfig and context or host (with token and ca_cert), not both;"
                + " it has host and context.", d.errors().get(0).detail());
    }
}
