package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kubernetes_service} against the real API server: lifecycle, drift, and the fields that force replacement. */
@ExtendWith(KubeApiServer.class)
class ServiceTypeTest {
    private static final String TYPE = ServiceType.TYPE;
    private Fixture k;

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
    }

    @AfterEach
    void stop() {
        k.close();
    }

    private static ObjectValue config(String name, ObjectValue spec) {
        return obj("name", name, "labels", obj("app", name), "spec", spec);
    }

    private static ObjectValue clusterIp(String app, int port) {
        return obj("selector", obj("app", app), "ports", list(obj("name", "http", "port", port, "targetPort", 8080)));
    }

    private Service live(String name) {
        return k.admin.services().inNamespace("default").withName(name).get();
    }

    @Test
    void createReadNoOpUpdateDriftRepairAndDelete() {
        ObjectValue config = config("api", clusterIp("api", 80));
        ObjectValue state = k.create(TYPE, config, "team.kubernetes_service.api");
        Service s = live("api");
        assertTrue(s.getSpec().getClusterIP().startsWith("10.0.0."), "the server allocates a cluster IP");
        assertEquals(s.getSpec().getClusterIP(), Fixture.string(state, "cluster_ip"));
        assertEquals("TCP", s.getSpec().getPorts().get(0).getProtocol(), "and defaults the protocol");
        assertEquals(state, k.read(TYPE, state));
        k.assertNoChanges(TYPE, k.read(TYPE, state), config);

        ObjectValue changed = config("api", clusterIp("api-v2", 8000));
        PlanResult inPlace = k.type(TYPE).plan(Optional.of(state), changed);
        assertEquals(Set.of(), inPlace.requiresReplace());
        ObjectValue updated = k.update(TYPE, k.read(TYPE, state), changed);
        assertEquals(8000, live("api").getSpec().getPorts().get(0).getPort());
        assertEquals(s.getSpec().getClusterIP(), live("api").getSpec().getClusterIP(), "updated in place, same IP");
        k.assertNoChanges(TYPE, k.read(TYPE, updated), changed);

        k.admin.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("api").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "someone-else")).endSpec().build())
                .fieldManager("kubectl-edit").forceConflicts().serverSideApply();
        ObjectValue drifted = k.read(TYPE, updated);
        assertEquals(obj("app", "someone-else"), ((ObjectValue) drifted.getOrNull("spec")).getOrNull("selector"));
        PlanResult plan = k.type(TYPE).plan(Optional.of(drifted), changed);
        ProviderException conflict = assertThrows(ProviderException.class, () -> k.type(TYPE).update(drifted, plan.planned()));
        assertTrue(conflict.getMessage().contains("conflict with \"kubectl-edit\""), conflict.getMessage());
        ObjectValue forced = changed.with("force_conflicts", Value.TRUE);
        ObjectValue repaired = k.update(TYPE, drifted, forced);
        assertEquals(Map.of("app", "api-v2"), live("api").getSpec().getSelector());
        k.assertNoChanges(TYPE, k.read(TYPE, repaired), forced);

        ObjectValue imported = k.type(TYPE).importState("default/api").orElseThrow();
        assertEquals(Fixture.string(repaired, "uid"), Fixture.string(imported, "uid"));
        ObjectValue inNamespace = forced.with("namespace", Value.of("default"));
        ObjectValue adopted = k.update(TYPE, imported, inNamespace);
        k.assertNoChanges(TYPE, k.read(TYPE, adopted), inNamespace);

        k.type(TYPE).delete(repaired);
        assertNull(live("api"));
        assertEquals(Optional.empty(), k.type(TYPE).read(repaired));
    }

    @Test
    void aPortAnotherManagerAddsIsNotAChangeAndStaysThroughPlatctlsUpdates() {
        ObjectValue config = config("shared-ports", clusterIp("shared", 80));
        ObjectValue state = k.create(TYPE, config, "team.kubernetes_service.shared_ports");
        k.admin.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("shared-ports").endMetadata()
                        .withNewSpec().addNewPort().withName("metrics").withPort(9090).endPort().endSpec().build())
                .fieldManager("monitoring-operator").serverSideApply();
        assertEquals(2, live("shared-ports").getSpec().getPorts().size());
        k.assertNoChanges(TYPE, k.read(TYPE, state), config);
        ObjectValue updated = k.update(TYPE, k.read(TYPE, state), config("shared-ports", clusterIp("shared", 81)));
        assertEquals(java.util.Set.of(81, 9090), java.util.Set.copyOf(live("shared-ports").getSpec().getPorts().stream().map(p -> p.getPort()).toList()),
                "the other manager's port is left alone");
        k.assertNoChanges(TYPE, k.read(TYPE, updated), config("shared-ports", clusterIp("shared", 81)));

        k.admin.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("shared-ports").endMetadata()
                        .withNewSpec().addNewPort().withName("http").withPort(81).withNewTargetPort(9999).endPort().endSpec().build())
                .fieldManager("kubectl-edit").forceConflicts().serverSideApply();
        PlanResult drift = k.type(TYPE).plan(Optional.of(k.read(TYPE, updated)), config("shared-ports", clusterIp("shared", 81)));
        assertEquals(clusterIp("shared", 81), drift.planned().getOrNull("spec"), "planned back to platctl's target port");
        assertEquals(obj("name", "http", "port", 81, "targetPort", 9999),
                ((dev.platctl.engine.value.ListValue) ((ObjectValue) k.read(TYPE, updated).getOrNull("spec")).getOrNull("ports")).items().get(0),
                "their change to platctl's port reads as drift");
        k.type(TYPE).delete(updated);
    }

    @Test
    void aClusterIpTheUserSetCannotChangeInPlace() {
        ObjectValue config = config("fixed-ip", clusterIp("fixed", 80).with("clusterIP", Value.of("10.0.0.50")));
        ObjectValue state = k.create(TYPE, config, "team.kubernetes_service.fixed_ip");
        assertEquals("10.0.0.50", live("fixed-ip").getSpec().getClusterIP());
        k.assertNoChanges(TYPE, k.read(TYPE, state), config);

        ObjectValue moved = config("fixed-ip", clusterIp("fixed", 80).with("clusterIP", Value.of("10.0.0.51")));
        PlanResult p = k.type(TYPE).plan(Optional.of(k.read(TYPE, state)), moved);
        assertEquals(Set.of(AttributePath.of("spec", "clusterIP")), p.requiresReplace());
        assertEquals(Value.UNKNOWN, p.planned().getOrNull("cluster_ip"));
        k.type(TYPE).delete(state);
        ObjectValue replaced = k.type(TYPE).create(p.planned(), "team.kubernetes_service.fixed_ip");
        assertEquals("10.0.0.51", live("fixed-ip").getSpec().getClusterIP());
        k.assertNoChanges(TYPE, k.read(TYPE, replaced), moved);
    }

    @Test
    void anAllocatedClusterIpIsNoReasonToReplaceEvenWhenTheUserThenWritesItDown() {
        ObjectValue state = k.create(TYPE, config("allocated", clusterIp("allocated", 80)), "team.kubernetes_service.allocated");
        PlanResult p = k.type(TYPE).plan(Optional.of(k.read(TYPE, state)), config("allocated", clusterIp("allocated", 81)));
        assertEquals(Set.of(), p.requiresReplace());
        String allocated = live("allocated").getSpec().getClusterIP();
        ObjectValue pinned = config("allocated", clusterIp("allocated", 80).with("clusterIP", Value.of(allocated)));
        ObjectValue updated = k.update(TYPE, k.read(TYPE, state), pinned);
        assertEquals(allocated, Fixture.string(updated, "cluster_ip"));
        k.assertNoChanges(TYPE, k.read(TYPE, updated), pinned);
    }

    @Test
    void switchingToAndFromExternalNameChangesInPlace() {
        ObjectValue state = k.create(TYPE, config("kinds", clusterIp("kinds", 80)), "team.kubernetes_service.kinds");
        ObjectValue external = config("kinds", obj("type", "ExternalName", "externalName", "db.example.com"));
        PlanResult toExternal = k.type(TYPE).plan(Optional.of(k.read(TYPE, state)), external);
        assertEquals(Set.of(), toExternal.requiresReplace());
        ObjectValue aliased = k.update(TYPE, k.read(TYPE, state), external);
        assertEquals("db.example.com", live("kinds").getSpec().getExternalName());
        assertEquals("", Fixture.string(aliased, "cluster_ip"), "the server cleared the cluster IP");
        k.assertNoChanges(TYPE, k.read(TYPE, aliased), external);

        ObjectValue internal = config("kinds", clusterIp("kinds", 80));
        PlanResult back = k.type(TYPE).plan(Optional.of(k.read(TYPE, aliased)), internal);
        assertEquals(Set.of(), back.requiresReplace());
        ObjectValue again = k.update(TYPE, k.read(TYPE, aliased), internal);
        assertFalse(Fixture.string(again, "cluster_ip").isEmpty(), "the server allocated a cluster IP again");
        k.assertNoChanges(TYPE, k.read(TYPE, again), internal);
        k.type(TYPE).delete(again);
    }
}
