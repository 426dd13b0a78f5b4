package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.value.ObjectValue;
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
