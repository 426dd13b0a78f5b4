package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kubernetes_namespace} against the real API server, whose namespace controller finishes deletes. */
@ExtendWith(KubeApiServer.class)
class NamespaceTypeTest {
    private static final String TYPE = NamespaceType.TYPE;
    private Fixture k;

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
    }

    @AfterEach
    void stop() {
        k.close();
    }

    private Namespace live(String name) {
        return k.admin.namespaces().withName(name).get();
    }

    @Test
    void lifecycleCreateNoOpUpdateDriftRepairReplaceImportDelete() {
        ObjectValue config = obj("name", "team-payments", "labels", obj("team", "payments"));
        ObjectValue state = k.create(TYPE, config, "payments.kubernetes_namespace.this");
        assertEquals("team-payments", Fixture.string(state, "id"));
        assertEquals("team-payments", live("team-payments").getMetadata().getLabels().get("kubernetes.io/metadata.name"));
        k.assertNoChanges(TYPE, k.read(TYPE, state), config);

        ObjectValue relabelled = obj("name", "team-payments", "labels", obj("team", "payments", "env", "prod"));
        state = k.update(TYPE, state, relabelled);
        assertEquals("prod", live("team-payments").getMetadata().getLabels().get("env"));

        k.admin.namespaces().withName("team-payments").edit(n -> {
            n.getMetadata().getLabels().remove("env");
            return n;
        });
        ObjectValue drifted = k.read(TYPE, state);
        assertEquals(obj("team", "payments"), drifted.getOrNull("labels"));
        state = k.update(TYPE, drifted, relabelled);
        assertEquals("prod", live("team-payments").getMetadata().getLabels().get("env"));

        assertEquals(Set.of(AttributePath.of("name")),
                k.type(TYPE).plan(Optional.of(state), obj("name", "team-payments-2")).requiresReplace());

        ObjectValue imported = k.type(TYPE).importState("team-payments").orElseThrow();
        assertEquals(relabelled.getOrNull("labels"), imported.getOrNull("labels"), "system labels are not imported");

        k.type(TYPE).delete(state);
        assertNull(live("team-payments"));
        assertEquals(Optional.empty(), k.type(TYPE).read(state));
    }

    @Test
    void aLabelAnotherManagerChangedIsDriftThatOnlyAForcedApplyRepairs() {
        ObjectValue config = obj("name", "team-conflict", "labels", obj("team", "payments", "tier", "gold"));
        ObjectValue state = k.create(TYPE, config, "conflict.kubernetes_namespace.this");
        k.admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-conflict")
                .addToLabels("team", "search").endMetadata().build()).fieldManager("kubectl-edit").forceConflicts().serverSideApply();
        ObjectValue drifted = k.read(TYPE, state);
        assertEquals(obj("team", "search", "tier", "gold"), drifted.getOrNull("labels"));
        PlanResult plan = k.type(TYPE).plan(Optional.of(drifted), config);
        assertEquals(obj("team", "payments", "tier", "gold"), plan.planned().getOrNull("labels"));
        ProviderException conflict = assertThrows(ProviderException.class, () -> k.type(TYPE).update(drifted, plan.planned()));
        assertTrue(conflict.getMessage().startsWith("cannot apply Namespace team-conflict: "), conflict.getMessage());
        assertTrue(conflict.getMessage().contains("conflict with \"kubectl-edit\""), conflict.getMessage());
        assertTrue(conflict.getMessage().contains(".metadata.labels.team"), conflict.getMessage());
        ObjectValue forced = config.with("force_conflicts", Value.TRUE);
        ObjectValue repaired = k.update(TYPE, drifted, forced);
        assertEquals("payments", live("team-conflict").getMetadata().getLabels().get("team"));
        k.assertNoChanges(TYPE, k.read(TYPE, repaired), forced);
        k.type(TYPE).delete(repaired);
    }

    @Test
    void deleteWaitsUntilTheNamespaceControllerHasEmptiedIt() {
        ObjectValue state = k.create(TYPE, obj("name", "team-busy"), "busy.kubernetes_namespace.this");
        k.create(ConfigMapType.TYPE, obj("name", "inside", "namespace", "team-busy", "data", obj("a", "1")),
                "busy.kubernetes_config_map.inside");
        k.type(TYPE).delete(state);
        assertNull(live("team-busy"));
    }

    @Test
    void importIgnoresLabelsTheClusterSets() {
        k.admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-imported")
                .addToLabels("team", "search").endMetadata().build()).create();
        ObjectValue imported = k.type(TYPE).importState("team-imported").orElseThrow();
        k.assertNoChanges(TYPE, imported, obj("name", "team-imported", "labels", obj("team", "search")));
        assertTrue(Fixture.string(imported, "uid").length() > 10);
    }
}
