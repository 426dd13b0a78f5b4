package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
