package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kubernetes_config_map} against the real API server: the whole life of one object, drift and conflicts. */
@ExtendWith(KubeApiServer.class)
class ConfigMapTypeTest {
    private static final String TYPE = ConfigMapType.TYPE;
    private Fixture k;

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
    }

    @AfterEach
    void stop() {
        k.close();
    }

    private static ObjectValue config(String name, Map<String, String> data) {
        return obj("name", name, "labels", obj("app", "payments"),
                "data", new ObjectValue(data.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> dev.platctl.engine.value.Value.of(e.getValue())))));
    }

    private ConfigMap live(String name) {
        return k.admin.configMaps().inNamespace("default").withName(name).get();
    }

    @Test
    void createStampsTheAddressAndReadsBackOnlyManagedFields() {
        ObjectValue state = k.create(TYPE, config("cm-create", Map.of("a", "1")), "payments-api.kubernetes_config_map.app");
        ConfigMap cm = live("cm-create");
        assertEquals(Map.of("a", "1"), cm.getData());
        assertEquals("payments-api.kubernetes_config_map.app", cm.getMetadata().getLabels().get(AddressStamp.KEY));
        assertEquals("payments-api.kubernetes_config_map.app", cm.getMetadata().getAnnotations().get(AddressStamp.KEY));
        assertEquals("platctl", cm.getMetadata().getManagedFields().get(0).getManager());
        assertEquals("default/cm-create", Fixture.string(state, "id"));
        assertEquals(cm.getMetadata().getUid(), Fixture.string(state, "uid"));
        assertEquals(obj("app", "payments"), state.getOrNull("labels"), "the address stamp is not a user label");
        assertEquals(state, k.read(TYPE, state));
    }

    @Test
    void replanOfAnUnchangedConfigurationChangesNothing() {
        ObjectValue config = config("cm-noop", Map.of("a", "1", "b", "2"));
        ObjectValue state = k.create(TYPE, config, "x.kubernetes_config_map.noop");
        k.assertNoChanges(TYPE, k.read(TYPE, state), config);
    }

    @Test
    void changedDataIsUpdatedInPlaceAndRemovedKeysAreDeleted() {
        ObjectValue state = k.create(TYPE, config("cm-update", Map.of("a", "1", "b", "2")), "x.kubernetes_config_map.update");
        String uid = live("cm-update").getMetadata().getUid();
        ObjectValue updated = k.update(TYPE, state, config("cm-update", Map.of("a", "10")));
        ConfigMap cm = live("cm-update");
        assertEquals(Map.of("a", "10"), cm.getData());
        assertEquals(uid, cm.getMetadata().getUid(), "updated in place, not recreated");
        k.assertNoChanges(TYPE, k.read(TYPE, updated), config("cm-update", Map.of("a", "10")));
    }

    @Test
    void anotherNameOrNamespaceForcesReplacement() {
        ObjectValue state = k.create(TYPE, config("cm-replace", Map.of("a", "1")), "x.kubernetes_config_map.replace");
        PlanResult renamed = k.type(TYPE).plan(Optional.of(state), config("cm-replaced", Map.of("a", "1")));
        assertEquals(Set.of(AttributePath.of("name")), renamed.requiresReplace());
        PlanResult moved = k.type(TYPE).plan(Optional.of(state), config("cm-replace", Map.of("a", "1")).with("namespace",
                dev.platctl.engine.value.Value.of("kube-public")));
        assertEquals(Set.of(AttributePath.of("namespace")), moved.requiresReplace());
        k.type(TYPE).delete(state);
        ObjectValue created = k.type(TYPE).create(renamed.planned(), "x.kubernetes_config_map.replace");
        assertNull(live("cm-replace"));
        assertEquals(Map.of("a", "1"), live("cm-replaced").getData());
        assertEquals("default/cm-replaced", Fixture.string(created, "id"));
    }

    @Test
    void aValueChangedByAnotherManagerIsDriftThatOnlyAForcedApplyRepairs() {
        ObjectValue config = config("cm-drift", Map.of("a", "1", "b", "2"));
        ObjectValue state = k.create(TYPE, config, "x.kubernetes_config_map.drift");
        k.admin.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("cm-drift")
                        .endMetadata().withData(Map.of("a", "changed")).build())
                .fieldManager("kubectl-edit").forceConflicts().serverSideApply();

        ObjectValue drifted = k.read(TYPE, state);
        assertEquals(obj("a", "changed", "b", "2"), drifted.getOrNull("data"));
        PlanResult plan = k.type(TYPE).plan(Optional.of(drifted), config);
        assertEquals(obj("a", "1", "b", "2"), plan.planned().getOrNull("data"));

        ProviderException conflict = assertThrows(ProviderException.class, () -> k.type(TYPE).update(drifted, plan.planned()));
        assertTrue(conflict.getMessage().contains("conflict with \"kubectl-edit\""), conflict.getMessage());
        assertTrue(conflict.getMessage().contains(".data.a"), conflict.getMessage());
        assertTrue(conflict.getMessage().startsWith("cannot apply ConfigMap default/cm-drift: Conflict: Apply failed with 1 conflict: "),
                conflict.getMessage());
        assertTrue(conflict.getMessage().endsWith("(status 409); another field manager owns these fields: set force_conflicts = true"
                + " to take them over, or change the configuration to agree"), conflict.getMessage());
        assertTrue(ProviderException.told("update", "kubernetes_config_map x.kubernetes_config_map.cm", conflict).startsWith("cannot update"
                + " kubernetes_config_map x.kubernetes_config_map.cm (default/cm-drift): Conflict: "), "the object and the Status's reason apart");
        assertFalse(conflict.retryable(), "a retry meets the same owner");

        ObjectValue forced = config.with("force_conflicts", dev.platctl.engine.value.Value.TRUE);
        ObjectValue repaired = k.update(TYPE, drifted, forced);
        assertEquals(Map.of("a", "1", "b", "2"), live("cm-drift").getData());
        k.assertNoChanges(TYPE, k.read(TYPE, repaired), forced);
    }

    @Test
    void aManagedKeyDeletedByAnotherToolIsDriftRepairedWithoutForce() {
        ObjectValue config = config("cm-removed", Map.of("a", "1", "b", "2"));
        ObjectValue state = k.create(TYPE, config, "x.kubernetes_config_map.removed");
        k.admin.configMaps().inNamespace("default").withName("cm-removed").edit(cm -> {
            cm.getData().remove("b");
            return cm;
        });
        ObjectValue drifted = k.read(TYPE, state);
        assertEquals(obj("a", "1"), drifted.getOrNull("data"));
        k.update(TYPE, drifted, config);
        assertEquals(Map.of("a", "1", "b", "2"), live("cm-removed").getData());
    }

    @Test
    void fieldsOtherManagersAddAreLeftAloneAndNotDrift() {
        ObjectValue config = config("cm-shared", Map.of("a", "1"));
        ObjectValue state = k.create(TYPE, config, "x.kubernetes_config_map.shared");
        k.admin.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("cm-shared")
                        .addToLabels("team", "search").endMetadata().withData(Map.of("theirs", "x")).build())
                .fieldManager("other-tool").serverSideApply();
        k.assertNoChanges(TYPE, k.read(TYPE, state), config);
        k.update(TYPE, state, config("cm-shared", Map.of("a", "2")));
        assertEquals(Map.of("a", "2", "theirs", "x"), live("cm-shared").getData());
        assertEquals("search", live("cm-shared").getMetadata().getLabels().get("team"));
    }

    @Test
    void importAdoptsAnExistingObjectAndThenPlansNoChanges() {
        k.admin.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("cm-import")
                .addToLabels("app", "payments").endMetadata().withData(Map.of("a", "1")).build()).create();
        ObjectValue imported = k.type(TYPE).importState("default/cm-import").orElseThrow();
        assertEquals("", Fixture.string(imported, "platctl_address"));
        k.assertNoChanges(TYPE, imported, config("cm-import", Map.of("a", "1")).with("namespace",
                dev.platctl.engine.value.Value.of("default")));
        assertEquals(Optional.empty(), k.type(TYPE).importState("default/cm-nowhere"));
    }

    @Test
    void createRefusesAnObjectPlatctlDidNotCreate() {
        k.admin.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("cm-taken")
                .endMetadata().withData(Map.of("a", "theirs")).build()).create();
        ProviderException e = assertThrows(ProviderException.class,
                () -> k.create(TYPE, config("cm-taken", Map.of("a", "1")), "x.kubernetes_config_map.taken"));
        assertEquals("cannot create ConfigMap default/cm-taken: it already exists and platctl did not create it for"
                + " x.kubernetes_config_map.taken; import it (id \"default/cm-taken\") or delete it first", e.getMessage());
        assertTrue(ProviderException.told("create", "kubernetes_config_map x.kubernetes_config_map.taken", e).contains("(default/cm-taken): "));
        assertEquals(Map.of("a", "theirs"), live("cm-taken").getData());
    }

    @Test
    void deleteRemovesTheObjectAndReadThenFindsNothing() {
        ObjectValue state = k.create(TYPE, config("cm-delete", Map.of("a", "1")), "x.kubernetes_config_map.delete");
        k.type(TYPE).delete(state);
        assertNull(live("cm-delete"));
        assertEquals(Optional.empty(), k.type(TYPE).read(state));
        k.type(TYPE).delete(state);
    }

    @Test
    void aDeleteAFinalizerHoldsFailsRetryablyNamingTheFinalizerAndTheObject() {
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        try (KubernetesProvider p = new KubernetesProvider(Fixture.context(cp.dir()))) {
            assertFalse(p.configure(obj("kubeconfig", cp.kubeconfig().toString(), "wait_timeout_seconds", 2)).hasErrors());
            var type = p.resourceType(TYPE).orElseThrow();
            ObjectValue state = type.create(type.plan(Optional.empty(), config("cm-held", Map.of("a", "1"))).planned(),
                    "x.kubernetes_config_map.held");
            k.admin.configMaps().inNamespace("default").withName("cm-held").edit(cm -> {
                cm.getMetadata().setFinalizers(List.of("platctl.dev/hold"));
                return cm;
            });
            ProviderException e = assertThrows(ProviderException.class, () -> type.delete(state));
            assertEquals("cannot delete ConfigMap default/cm-held: still there after 2s; finalizers [platctl.dev/hold] have not finished",
                    e.getMessage());
            assertTrue(e.retryable(), "the finalizer's controller may still finish");
            assertTrue(live("cm-held").getMetadata().getDeletionTimestamp() != null, "the delete was made; only the wait gave up");

            k.admin.configMaps().inNamespace("default").withName("cm-held").edit(cm -> {
                cm.getMetadata().setFinalizers(List.of());
                return cm;
            });
            type.delete(state);
            assertNull(live("cm-held"));
        }
    }

    @Test
    void lookupFindsACrashedCreateByItsAddressEvenWhenTheAddressIsNoValidLabel() {
        String address = "payments-api.kubernetes_config_map.env[\"prod/eu\"]";
        ObjectValue config = config("cm-lookup", Map.of("a", "1"));
        PlanResult plan = k.type(TYPE).plan(Optional.empty(), config);
        k.type(TYPE).create(plan.planned(), address);
        ObjectValue found = k.type(TYPE).lookup(address, plan.planned()).orElseThrow();
        assertEquals("default/cm-lookup", Fixture.string(found, "id"));
        assertEquals(address, Fixture.string(found, "platctl_address"));
        assertEquals(Optional.empty(), k.type(TYPE).lookup("payments-api.kubernetes_config_map.other", plan.planned()));
        assertTrue(AddressStamp.labelValue(address).length() <= 63);
    }

    @Test
    void readAllMatchesEveryStateToItsObjectAndReportsTheMissingOnes() {
        ObjectValue a = k.create(TYPE, config("cm-all-a", Map.of("a", "1")), "x.kubernetes_config_map.all_a");
        ObjectValue b = k.create(TYPE, config("cm-all-b", Map.of("b", "2")).with("namespace",
                dev.platctl.engine.value.Value.of("kube-public")), "x.kubernetes_config_map.all_b");
        ObjectValue gone = k.create(TYPE, config("cm-all-gone", Map.of("c", "3")), "x.kubernetes_config_map.all_gone");
        k.type(TYPE).delete(gone);
        List<Optional<ObjectValue>> read = k.type(TYPE).readAll(List.of(a, b, gone));
        assertEquals(List.of(Optional.of(a), Optional.of(b), Optional.empty()), read);
        assertFalse(k.type(TYPE).readBatchSize() <= 1);
    }
}
