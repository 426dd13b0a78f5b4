package dev.platctl.providers.kubernetes;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Planning without a cluster: offline (platctl validate) nothing needs a kubeconfig and the API server is never asked;
 * online, the cluster is asked only for what the configuration leaves to it. No API server runs for these tests, and
 * $HOME is an empty folder, so there is no kubeconfig anywhere.
 */
class OfflinePlanTest {
    @TempDir
    Path dir;

    KubernetesProvider provider(boolean offline, ObjectValue config) {
        ProviderContext online = new ProviderContext(dir, Clock.systemUTC(), () -> new SplittableRandom(1), Map.of("HOME", dir.toString()));
        KubernetesProvider p = new KubernetesProvider(offline ? online.asOffline() : online);
        var d = p.configure(config);
        assertFalse(d.hasErrors(), d.toString());
        return p;
    }

    static PlanResult plan(KubernetesProvider p, String type, ObjectValue config) {
        PlanResult r = p.resourceType(type).orElseThrow().plan(Optional.empty(), config);
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics().toString());
        return r;
    }

    @Test
    void offlineAnObjectWithoutANamespaceIsPlannedWithItUnknown() {
        try (KubernetesProvider p = provider(true, ObjectValue.EMPTY)) {
            assertEquals(Value.UNKNOWN, plan(p, ConfigMapType.TYPE, obj("name", "settings")).planned().getOrNull("namespace"));
            assertEquals(Value.UNKNOWN, plan(p, "kubernetes_resource_quota", obj("name", "quota")).planned().getOrNull("namespace"));
        }
    }

    @Test
    void offlineTheProviderBlocksNamespaceIsKnownAndAWrittenOneIsKept() {
        try (KubernetesProvider p = provider(true, obj("namespace", "team-a"))) {
            assertEquals(Value.of("team-a"), plan(p, ConfigMapType.TYPE, obj("name", "settings")).planned().getOrNull("namespace"));
            assertEquals(Value.of("team-b"), plan(p, ConfigMapType.TYPE, obj("name", "settings", "namespace", "team-b"))
                    .planned().getOrNull("namespace"));
        }
    }

    /** A custom kind nothing serves yet plans, as written: whether it is namespaced is discovered only when it is applied. */
    @Test
    void offlineAManifestIsPlannedAsWrittenWithoutDiscoveringItsKind() {
        ObjectValue manifest = obj("apiVersion", "example.com/v1", "kind", "Widget", "metadata", obj("name", "w"), "spec", obj("size", 3));
        try (KubernetesProvider p = provider(true, ObjectValue.EMPTY)) {
            assertEquals(manifest, plan(p, ManifestType.TYPE, obj("manifest", manifest)).planned().getOrNull("manifest"));
        }
    }

    /** Offline is for planning only: anything that would reach the cluster says so instead of looking for a kubeconfig. */
    @Test
    void offlineTheClusterIsNeverAsked() {
        try (KubernetesProvider p = provider(true, ObjectValue.EMPTY)) {
            ResourceType type = p.resourceType(NamespaceType.TYPE).orElseThrow();
            ProviderException e = assertThrows(ProviderException.class, () -> type.read(obj("name", "default", "id", "default")));
            assertEquals("cannot reach the cluster: provider \"kubernetes\" was made offline, to plan without the API server"
                    + " (platctl validate)", e.getMessage());
        }
    }

    /** The kubeconfig file holds credentials, which a check without the cluster does not have; wrong settings are still errors. */
    @Test
    void offlineAKubeconfigFileThatIsNotThereIsNotLookedForButWrongSettingsAreStillErrors() {
        ProviderContext ctx = new ProviderContext(dir, Clock.systemUTC(), () -> new SplittableRandom(1), Map.of()).asOffline();
        try (KubernetesProvider p = new KubernetesProvider(ctx)) {
            assertEquals(List.of(), p.configure(obj("kubeconfig", "clusters/prod.yaml", "context", "prod")).errors());
            assertEquals(List.of("Unsupported provider setting \"server\"", "Conflicting provider settings"),
                    p.configure(obj("server", "https://k8s", "host", "https://k8s", "context", "prod")).errors().stream()
                            .map(Diagnostic::summary).toList());
        }
    }

    @Test
    void onlineAnObjectThatNamesItsNamespaceIsPlannedWithoutAKubeconfig() {
        try (KubernetesProvider p = provider(false, ObjectValue.EMPTY)) {
            assertEquals(Value.of("team-a"), plan(p, ConfigMapType.TYPE, obj("name", "settings", "namespace", "team-a"))
                    .planned().getOrNull("namespace"));
        }
    }

    /** The engine tells such a failure once for all the resources that need the provider. */
    @Test
    void onlineAnObjectWithoutANamespaceNeedsTheKubeconfigAndItsAbsenceIsAConfigurationFailure() {
        try (KubernetesProvider p = provider(false, ObjectValue.EMPTY)) {
            ResourceType type = p.resourceType(ConfigMapType.TYPE).orElseThrow();
            ProviderException e = assertThrows(ProviderException.class, () -> type.plan(Optional.empty(), obj("name", "settings")));
            ProviderConfigurationException c = assertInstanceOf(ProviderConfigurationException.class, e);
            assertEquals("kubernetes", c.provider());
            assertTrue(c.problem().startsWith("found no kubeconfig: $KUBECONFIG is not set and " + dir.resolve(".kube/config")
                    + " does not exist"), c.problem());
        }
    }
}
