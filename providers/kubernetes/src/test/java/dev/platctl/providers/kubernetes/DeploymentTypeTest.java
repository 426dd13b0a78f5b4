package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.kubernetes.Fixture.list;
import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kubernetes_deployment} against the real API server, without waiting for rollouts (there are no nodes). */
@ExtendWith(KubeApiServer.class)
class DeploymentTypeTest {
    private static final String TYPE = DeploymentType.TYPE;
    private Fixture k;

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
    }

    @AfterEach
    void stop() {
        k.close();
    }

    static ObjectValue config(String name, String app, int replicas, String image) {
        ObjectValue labels = obj("app", app);
        return obj("name", name, "labels", labels, "wait_for_rollout", false,
                "spec", obj("replicas", replicas, "selector", obj("matchLabels", labels),
                        "template", obj("metadata", obj("labels", labels),
                                "spec", obj("containers", list(obj("name", "app", "image", image))))));
    }

    private Deployment live(String name) {
        return k.admin.apps().deployments().inNamespace("default").withName(name).get();
    }

    @Test
    void createReadNoOpUpdateDriftRepairAndDelete() {
        ObjectValue config = config("web", "web", 2, "nginx:1.27");
        ObjectValue state = k.create(TYPE, config, "team.kubernetes_deployment.web");
        Deployment d = live("web");
        assertEquals(2, d.getSpec().getReplicas());
        assertEquals("RollingUpdate", d.getSpec().getStrategy().getType(), "the server's default strategy");
        assertEquals(d.getMetadata().getUid(), Fixture.string(state, "uid"));
        assertEquals(state, k.read(TYPE, state));
        k.assertNoChanges(TYPE, k.read(TYPE, state), config);

        ObjectValue changed = config("web", "web", 3, "nginx:1.28");
        ObjectValue updated = k.update(TYPE, k.read(TYPE, state), changed);
        assertEquals("nginx:1.28", live("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(d.getMetadata().getUid(), live("web").getMetadata().getUid(), "updated in place");
        k.assertNoChanges(TYPE, k.read(TYPE, updated), changed);

        k.admin.apps().deployments().inNamespace("default").resource(new DeploymentBuilder().withNewMetadata()
                        .withName("web").endMetadata().withNewSpec().withReplicas(7).endSpec().build())
                .fieldManager("hpa-by-hand").forceConflicts().serverSideApply();
        ObjectValue drifted = k.read(TYPE, updated);
        assertEquals(Value.of(7), ((ObjectValue) drifted.getOrNull("spec")).getOrNull("replicas"));
        PlanResult plan = k.type(TYPE).plan(Optional.of(drifted), changed);
        ProviderException conflict = assertThrows(ProviderException.class, () -> k.type(TYPE).update(drifted, plan.planned()));
        assertTrue(conflict.getMessage().contains("conflict with \"hpa-by-hand\""), conflict.getMessage());
        ObjectValue forced = changed.with("force_conflicts", Value.TRUE);
        ObjectValue repaired = k.update(TYPE, drifted, forced);
        assertEquals(3, live("web").getSpec().getReplicas());
        k.assertNoChanges(TYPE, k.read(TYPE, repaired), forced);

        k.type(TYPE).delete(repaired);
        assertNull(live("web"));
        assertEquals(Optional.empty(), k.type(TYPE).read(repaired));
    }

    private static ObjectValue withSidecarReadyContainer(String name, String mode) {
        ObjectValue labels = obj("app", name);
        return obj("name", name, "labels", labels, "wait_for_rollout", false,
                "spec", obj("replicas", 1, "selector", obj("matchLabels", labels),
                        "template", obj("metadata", obj("labels", labels),
                                "spec", obj("containers", list(obj("name", "app", "image", "nginx:1.27",
                                        "env", list(obj("name", "MODE", "value", mode)),
                                        "ports", list(obj("containerPort", 8080)),
                                        "resources", obj("requests", obj("cpu", "0.5", "memory", "1024Mi"),
                                                "limits", obj("memory", "2048Mi"))))))));
    }

    /** What a sidecar injector or another controller does: its own env var and port in platctl's container, applied as its own manager. */
    private void inject(String name, String manager, ObjectValue container, boolean force) {
        Deployment partial = k.admin.getKubernetesSerialization().convertValue(Manifests.toJava(obj("apiVersion", "apps/v1",
                "kind", "Deployment", "metadata", obj("name", name, "namespace", "default"), "spec", obj("template", obj("spec",
                        obj("containers", list(container)))))), Deployment.class);
        var op = k.admin.apps().deployments().inNamespace("default").resource(partial).fieldManager(manager);
        if (force) op.forceConflicts().serverSideApply();
        else op.serverSideApply();
    }

    @Test
    void envVarsAndPortsAnotherManagerAddsAreNotChangesButItsChangeToAManagedEnvVarIsDrift() {
        ObjectValue config = withSidecarReadyContainer("shared", "fast");
        ObjectValue state = k.create(TYPE, config, "team.kubernetes_deployment.shared");
        var resources = live("shared").getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertEquals("500m", resources.getRequests().get("cpu").toString(), "the server writes quantities its own way");
        assertEquals("1Gi", resources.getRequests().get("memory").toString());
        assertEquals("2Gi", resources.getLimits().get("memory").toString());
        k.assertNoChanges(TYPE, k.read(TYPE, state), config);

        inject("shared", "injector", obj("name", "app", "env", list(obj("name", "INJECTED", "value", "yes")),
                "ports", list(obj("containerPort", 9090, "name", "metrics"))), false);
        var container = live("shared").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("MODE", "INJECTED"), container.getEnv().stream().map(e -> e.getName()).toList());
        assertEquals(List.of(8080, 9090), container.getPorts().stream().map(p -> p.getContainerPort()).toList());
        k.assertNoChanges(TYPE, k.read(TYPE, state), config);

        ObjectValue updated = k.update(TYPE, k.read(TYPE, state), withSidecarReadyContainer("shared", "slow"));
        container = live("shared").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("MODE=slow", "INJECTED=yes"), container.getEnv().stream().map(e -> e.getName() + "=" + e.getValue()).toList(),
                "platctl's apply leaves the other manager's env var alone");
        k.assertNoChanges(TYPE, k.read(TYPE, updated), withSidecarReadyContainer("shared", "slow"));

        inject("shared", "kubectl-edit", obj("name", "app", "env", list(obj("name", "MODE", "value", "debug"))), true);
        ObjectValue drifted = k.read(TYPE, updated);
        ObjectValue driftedContainer = (ObjectValue) ((ListValue) ((ObjectValue) ((ObjectValue) ((ObjectValue) drifted.getOrNull("spec"))
                .getOrNull("template")).getOrNull("spec")).getOrNull("containers")).items().get(0);
        assertEquals(list(obj("name", "MODE", "value", "debug")), driftedContainer.getOrNull("env"), "their value, and only platctl's env var");
        ProviderException conflict = assertThrows(ProviderException.class,
                () -> k.type(TYPE).update(drifted, k.type(TYPE).plan(Optional.of(drifted), withSidecarReadyContainer("shared", "slow")).planned()));
        assertTrue(conflict.getMessage().contains("conflict with \"kubectl-edit\""), conflict.getMessage());
        ObjectValue repaired = k.update(TYPE, drifted, withSidecarReadyContainer("shared", "slow").with("force_conflicts", Value.TRUE));
        k.assertNoChanges(TYPE, k.read(TYPE, repaired), withSidecarReadyContainer("shared", "slow").with("force_conflicts", Value.TRUE));
        k.type(TYPE).delete(repaired);
    }

    @Test
    void aNewSelectorForcesReplacement() {
        ObjectValue state = k.create(TYPE, config("sel", "sel", 1, "nginx:1.27"), "team.kubernetes_deployment.sel");
        ObjectValue relabelled = config("sel", "sel-v2", 1, "nginx:1.27");
        PlanResult p = k.type(TYPE).plan(Optional.of(k.read(TYPE, state)), relabelled);
        assertEquals(Set.of(AttributePath.of("spec", "selector")), p.requiresReplace());
        assertEquals(Value.UNKNOWN, p.planned().getOrNull("uid"));
        k.type(TYPE).delete(state);
        ObjectValue replaced = k.type(TYPE).create(p.planned(), "team.kubernetes_deployment.sel");
        assertEquals(Map.of("app", "sel-v2"), live("sel").getSpec().getSelector().getMatchLabels());
        k.assertNoChanges(TYPE, k.read(TYPE, replaced), relabelled);
        assertEquals(Set.of(), k.type(TYPE).plan(Optional.of(replaced), config("sel", "sel-v2", 4, "nginx:1.28")).requiresReplace(),
                "replicas and image change in place");
    }

    @Test
    void importAdoptsADeploymentAndThenPlansNoChanges() {
        ObjectValue config = config("adopted", "adopted", 1, "nginx:1.27");
        k.create(TYPE, config, "team.kubernetes_deployment.adopted");
        ObjectValue imported = k.type(TYPE).importState("default/adopted").orElseThrow();
        assertEquals(Value.TRUE, imported.getOrNull("wait_for_rollout"), "the default, so a configuration without it is no change");
        ObjectValue withNamespace = config.with("namespace", Value.of("default"));
        ObjectValue adopted = k.update(TYPE, imported, withNamespace);
        k.assertNoChanges(TYPE, k.read(TYPE, adopted), withNamespace);
    }

    @Test
    void aRolloutTimeoutMustBeAPositiveWholeNumber() {
        PlanResult p = k.type(TYPE).plan(Optional.empty(), config("bad", "bad", 1, "x").with("rollout_timeout_seconds", Value.of(0)));
        assertEquals("kubernetes_deployment.rollout_timeout_seconds must be a whole number of seconds above 0.",
                p.diagnostics().errors().get(0).detail());
    }
}
