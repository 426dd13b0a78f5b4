package dev.platctl.providers.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test control plane is a real one: it serves the version API and its namespace controller finishes deletes. */
@ExtendWith(KubeApiServer.class)
class KubeApiServerTest {
    @Test
    void servesKubernetesThroughTheWrittenKubeconfig() throws Exception {
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(cp.kubeconfig()))).build()) {
            assertEquals("1", client.getKubernetesVersion().getMajor());
            assertTrue(client.getKubernetesVersion().getMinor().startsWith("37"));
        }
    }

    @Test
    void deletedNamespaceIsRemovedByTheNamespaceController() throws Exception {
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(cp.kubeconfig()))).build()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("smoke").endMetadata().build()).create();
            client.configMaps().inNamespace("smoke").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                    .withNewMetadata().withName("c").endMetadata().build()).create();
            client.namespaces().withName("smoke").delete();
            client.namespaces().withName("smoke").waitUntilCondition(n -> n == null, 2, TimeUnit.MINUTES);
            assertNull(client.namespaces().withName("smoke").get());
        }
    }
}
