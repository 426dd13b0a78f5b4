package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static dev.platctl.providers.kubernetes.Fixture.list;
import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Service accounts, roles, role bindings, quotas, limit ranges, ingresses and autoscalers against the real API server. */
@ExtendWith(KubeApiServer.class)
class TypedKindsTest {
    private Fixture k;

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
    }

    @AfterEach
    void stop() {
        k.close();
    }

    static Stream<Arguments> kinds() {
        ObjectValue ingressSpec = obj("ingressClassName", "nginx", "rules", list(obj("host", "www.example.com",
                "http", obj("paths", list(obj("path", "/", "pathType", "Prefix", "backend", obj("service",
                        obj("name", "web", "port", obj("number", 8080)))))))));
        ObjectValue hpaSpec = obj("scaleTargetRef", obj("apiVersion", "apps/v1", "kind", "Deployment", "name", "web"),
                "minReplicas", 3, "maxReplicas", 10, "metrics", list(obj("type", "Resource", "resource",
                        obj("name", "cpu", "target", obj("type", "Utilization", "averageUtilization", 60)))));
        ObjectValue secretsOnly = obj("apiGroups", list(""), "resources", list("secrets"), "verbs", list("get"));
        ObjectValue mallory = obj("kind", "User", "name", "mallory", "apiGroup", "rbac.authorization.k8s.io");
        ObjectValue widerLimits = obj("type", "Container", "default", obj("cpu", "2", "memory", "512Mi"));
        return Stream.of(
                Arguments.of(TypedKinds.SERVICE_ACCOUNT, "v1", "ServiceAccount",
                        obj("name", "deployer", "automount_service_account_token", false),
                        obj("name", "deployer", "automount_service_account_token", true),
                        "kubectl-edit turns token mounting off again",
                        obj("automountServiceAccountToken", false), "automount_service_account_token", Value.FALSE),
                Arguments.of(TypedKinds.ROLE, "rbac.authorization.k8s.io/v1", "Role",
                        obj("name", "reader", "rules", list(obj("apiGroups", list(""), "resources", list("pods"), "verbs", list("get")))),
                        obj("name", "reader", "rules", list(obj("apiGroups", list(""), "resources", list("pods"),
                                "verbs", list("get", "list", "watch")))),
                        "kubectl-edit replaces the rules (a list the server replaces whole)",
                        obj("rules", list(secretsOnly)), "rules", list(secretsOnly)),
                Arguments.of(TypedKinds.ROLE_BINDING, "rbac.authorization.k8s.io/v1", "RoleBinding",
                        obj("name", "team-edit", "role_ref", obj("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", "edit"),
                                "subjects", list(obj("kind", "Group", "name", "payments", "apiGroup", "rbac.authorization.k8s.io"))),
                        obj("name", "team-edit", "role_ref", obj("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", "edit"),
                                "subjects", list(obj("kind", "Group", "name", "payments-admins", "apiGroup", "rbac.authorization.k8s.io"))),
                        "kubectl-edit binds someone else",
                        obj("subjects", list(mallory)), "subjects", list(mallory)),
                Arguments.of(TypedKinds.RESOURCE_QUOTA, "v1", "ResourceQuota",
                        obj("name", "size", "hard", obj("requests.cpu", "2", "pods", "10")),
                        obj("name", "size", "hard", obj("requests.cpu", "4", "pods", "20")),
                        "kubectl-edit raises one limit; the other stays platctl's",
                        obj("spec", obj("hard", obj("pods", "99"))), "hard", obj("requests.cpu", "4", "pods", "99")),
                Arguments.of(TypedKinds.LIMIT_RANGE, "v1", "LimitRange",
                        obj("name", "defaults", "limits", list(obj("type", "Container", "default", obj("cpu", "500m", "memory", "256Mi")))),
                        obj("name", "defaults", "limits", list(obj("type", "Container", "default", obj("cpu", "1", "memory", "512Mi")))),
                        "kubectl-edit widens the default (the limits list is replaced whole)",
                        obj("spec", obj("limits", list(widerLimits))), "limits", list(widerLimits)),
                Arguments.of(TypedKinds.INGRESS, "networking.k8s.io/v1", "Ingress",
                        obj("name", "web", "spec", obj("rules", list(obj("host", "web.example.com", "http", obj("paths", list(
                                obj("path", "/", "pathType", "Prefix", "backend", obj("service", obj("name", "web",
                                        "port", obj("number", 80)))))))))),
                        obj("name", "web", "spec", ingressSpec),
                        "kubectl-edit moves the ingress to another controller",
                        obj("spec", obj("ingressClassName", "traefik")), "spec", ingressSpec.with("ingressClassName", Value.of("traefik"))),
                Arguments.of(TypedKinds.HORIZONTAL_POD_AUTOSCALER, "autoscaling/v2", "HorizontalPodAutoscaler",
                        obj("name", "web", "spec", obj("scaleTargetRef", obj("apiVersion", "apps/v1", "kind", "Deployment", "name", "web"),
                                "minReplicas", 2, "maxReplicas", 5, "metrics", list(obj("type", "Resource", "resource",
                                        obj("name", "cpu", "target", obj("type", "Utilization", "averageUtilization", 70)))))),
                        obj("name", "web", "spec", hpaSpec),
                        "kubectl-edit caps the replicas",
                        obj("spec", obj("maxReplicas", 4)), "spec", hpaSpec.with("maxReplicas", Value.of(4))));
    }

    /** Another field manager, as {@code kubectl apply --server-side --force-conflicts --field-manager=kubectl-edit} would. */
    private void applyAs(String manager, String apiVersion, String kind, String name, ObjectValue fields) {
        ObjectValue object = fields.with("apiVersion", Value.of(apiVersion)).with("kind", Value.of(kind))
                .with("metadata", obj("name", name, "namespace", "default"));
        GenericKubernetesResource r = k.admin.getKubernetesSerialization().convertValue(Manifests.toJava(object), GenericKubernetesResource.class);
        k.admin.genericKubernetesResources(apiVersion, kind).inNamespace("default").resource(r).fieldManager(manager)
                .forceConflicts().serverSideApply();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void createReplansCleanUpdatesDriftsConflictsIsRepairedIsAdoptedByImportAndDeletes(
            String type, String apiVersion, String kind, ObjectValue config, ObjectValue changed,
            String drift, ObjectValue driftFields, String driftedAttribute, Value driftedValue) {
        String name = Fixture.string(config, "name");
        ObjectValue state = k.create(type, config, "team.x." + type);
        GenericKubernetesResource live = k.admin.genericKubernetesResources(apiVersion, kind).inNamespace("default")
                .withName(name).get();
        assertEquals(Fixture.string(state, "uid"), live.getMetadata().getUid());
        k.assertNoChanges(type, k.read(type, state), config);

        ObjectValue updated = k.update(type, k.read(type, state), changed);
        k.assertNoChanges(type, k.read(type, updated), changed);
        assertEquals(Set.of(AttributePath.of("name")),
                k.type(type).plan(Optional.of(updated), changed.with("name", Value.of(name + "-2"))).requiresReplace());
        assertEquals(Set.of(AttributePath.of("namespace")),
                k.type(type).plan(Optional.of(updated), changed.with("namespace", Value.of("kube-public"))).requiresReplace());

        applyAs("kubectl-edit", apiVersion, kind, name, driftFields);
        ObjectValue drifted = k.read(type, updated);
        assertEquals(driftedValue, drifted.getOrNull(driftedAttribute).unmarked(), drift + ": the read shows it");
        PlanResult repair = k.type(type).plan(Optional.of(drifted), changed);
        assertEquals(changed.getOrNull(driftedAttribute), repair.planned().getOrNull(driftedAttribute), drift + ": planned back");
        ProviderException conflict = assertThrows(ProviderException.class, () -> k.type(type).update(drifted, repair.planned()));
        assertTrue(conflict.getMessage().contains("conflict with \"kubectl-edit\""), conflict.getMessage());
        assertTrue(conflict.getMessage().contains("set force_conflicts = true"), conflict.getMessage());
        ObjectValue forced = changed.with("force_conflicts", Value.TRUE);
        ObjectValue repaired = k.update(type, drifted, forced);
        k.assertNoChanges(type, k.read(type, repaired), forced);

        ObjectValue imported = k.type(type).importState("default/" + name).orElseThrow();
        assertEquals(Fixture.string(updated, "uid"), Fixture.string(imported, "uid"));
        ObjectValue adopted = k.update(type, imported, changed.with("namespace", Value.of("default")));
        k.assertNoChanges(type, k.read(type, adopted), changed.with("namespace", Value.of("default")));

        k.type(type).delete(updated);
        assertEquals(Optional.empty(), k.type(type).read(updated));
        assertNull(k.admin.genericKubernetesResources(apiVersion, kind).inNamespace("default").withName(name).get());
    }

    @Test
    void aRoleBindingsRoleCannotChangeInPlace() {
        ObjectValue config = obj("name", "viewers", "role_ref", obj("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", "view"));
        ObjectValue state = k.create(TypedKinds.ROLE_BINDING, config, "team.x.viewers");
        PlanResult p = k.type(TypedKinds.ROLE_BINDING).plan(Optional.of(state),
                config.with("role_ref", obj("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", "edit")));
        assertEquals(Set.of(AttributePath.of("role_ref")), p.requiresReplace());
    }

    @Test
    void quotaValuesMustBeStringsSoTheServerDoesNotRewriteThem() {
        PlanResult p = k.type(TypedKinds.RESOURCE_QUOTA).plan(Optional.empty(), obj("name", "q", "hard", obj("pods", 10)));
        assertTrue(p.diagnostics().hasErrors());
        assertEquals("kubernetes_resource_quota.hard[\"pods\"] must be a string, got number.", p.diagnostics().errors().get(0).detail());
    }
}
