package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
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
        return Stream.of(
                Arguments.of(TypedKinds.SERVICE_ACCOUNT, "v1", "ServiceAccount",
                        obj("name", "deployer", "automount_service_account_token", false),
                        obj("name", "deployer", "automount_service_account_token", true)),
                Arguments.of(TypedKinds.ROLE, "rbac.authorization.k8s.io/v1", "Role",
                        obj("name", "reader", "rules", list(obj("apiGroups", list(""), "resources", list("pods"), "verbs", list("get")))),
                        obj("name", "reader", "rules", list(obj("apiGroups", list(""), "resources", list("pods"),
                                "verbs", list("get", "list", "watch"))))),
                Arguments.of(TypedKinds.ROLE_BINDING, "rbac.authorization.k8s.io/v1", "RoleBinding",
                        obj("name", "team-edit", "role_ref", obj("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", "edit"),
                                "subjects", list(obj("kind", "Group", "name", "payments", "apiGroup", "rbac.authorization.k8s.io"))),
                        obj("name", "team-edit", "role_ref", obj("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", "edit"),
                                "subjects", list(obj("kind", "Group", "name", "payments-admins", "apiGroup", "rbac.authorization.k8s.io")))),
                Arguments.of(TypedKinds.RESOURCE_QUOTA, "v1", "ResourceQuota",
                        obj("name", "size", "hard", obj("requests.cpu", "2", "pods", "10")),
                        obj("name", "size", "hard", obj("requests.cpu", "4", "pods", "20"))),
                Arguments.of(TypedKinds.LIMIT_RANGE, "v1", "LimitRange",
                        obj("name", "defaults", "limits", list(obj("type", "Container", "default", obj("cpu", "500m", "memory", "256Mi")))),
                        obj("name", "defaults", "limits", list(obj("type", "Container", "default", obj("cpu", "1", "memory", "512Mi"))))),
                Arguments.of(TypedKinds.INGRESS, "networking.k8s.io/v1", "Ingress",
                        obj("name", "web", "spec", obj("rules", list(obj("host", "web.example.com", "http", obj("paths", list(
                                obj("path", "/", "pathType", "Prefix", "backend", obj("service", obj("name", "web",
                                        "port", obj("number", 80)))))))))),
                        obj("name", "web", "spec", obj("ingressClassName", "nginx", "rules", list(obj("host", "www.example.com",
                                "http", obj("paths", list(obj("path", "/", "pathType", "Prefix", "backend", obj("service",
                                        obj("name", "web", "port", obj("number", 8080))))))))))),
                Arguments.of(TypedKinds.HORIZONTAL_POD_AUTOSCALER, "autoscaling/v2", "HorizontalPodAutoscaler",
                        obj("name", "web", "spec", obj("scaleTargetRef", obj("apiVersion", "apps/v1", "kind", "Deployment", "name", "web"),
                                "minReplicas", 2, "maxReplicas", 5, "metrics", list(obj("type", "Resource", "resource",
                                        obj("name", "cpu", "target", obj("type", "Utilization", "averageUtilization", 70)))))),
                        obj("name", "web", "spec", obj("scaleTargetRef", obj("apiVersion", "apps/v1", "kind", "Deployment", "name", "web"),
                                "minReplicas", 3, "maxReplicas", 10, "metrics", list(obj("type", "Resource", "resource",
                                        obj("name", "cpu", "target", obj("type", "Utilization", "averageUtilization", 60))))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void createReplansCleanUpdatesInPlaceIsAdoptedByImportAndDeletes(String type, String apiVersion, String kind, ObjectValue config,
                                                             ObjectValue changed) {
        ObjectValue state = k.create(type, config, "team.x." + type);
        GenericKubernetesResource live = k.admin.genericKubernetesResources(apiVersion, kind).inNamespace("default")
                .withName(Fixture.string(config, "name")).get();
        assertEquals(Fixture.string(state, "uid"), live.getMetadata().getUid());
        k.assertNoChanges(type, k.read(type, state), config);

        ObjectValue updated = k.update(type, k.read(type, state), changed);
        k.assertNoChanges(type, k.read(type, updated), changed);

        ObjectValue imported = k.type(type).importState("default/" + Fixture.string(config, "name")).orElseThrow();
        assertEquals(Fixture.string(updated, "uid"), Fixture.string(imported, "uid"));
        ObjectValue adopted = k.update(type, imported, changed.with("namespace", Value.of("default")));
        k.assertNoChanges(type, k.read(type, adopted), changed.with("namespace", Value.of("default")));

        k.type(type).delete(updated);
        assertEquals(Optional.empty(), k.type(type).read(updated));
        assertNull(k.admin.genericKubernetesResources(apiVersion, kind).inNamespace("default")
                .withName(Fixture.string(config, "name")).get());
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
