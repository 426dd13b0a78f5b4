package dev.platctl.providers.kubernetes;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ProviderLoader;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
}
