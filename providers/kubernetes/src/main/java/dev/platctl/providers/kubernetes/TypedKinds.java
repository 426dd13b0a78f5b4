package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;

import java.util.List;

/**
 * The typed resource types that are a kind's metadata plus a few fields and need nothing more: service
 * accounts, RBAC, quotas, limits, ingresses and horizontal pod autoscalers.
 */
final class TypedKinds {
    static final String SERVICE_ACCOUNT = "kubernetes_service_account";
    static final String ROLE = "kubernetes_role";
    static final String ROLE_BINDING = "kubernetes_role_binding";
    static final String RESOURCE_QUOTA = "kubernetes_resource_quota";
    static final String LIMIT_RANGE = "kubernetes_limit_range";
    static final String INGRESS = "kubernetes_ingress";
    static final String HORIZONTAL_POD_AUTOSCALER = "kubernetes_horizontal_pod_autoscaler";
    private static final String RBAC = "rbac.authorization.k8s.io/v1";

    private TypedKinds() {
    }

    static List<KubernetesObjectType> all(Cluster cluster) {
        return List.of(
                new MappedObjectType(cluster, SERVICE_ACCOUNT, "A Kubernetes ServiceAccount.", "v1", "ServiceAccount", List.of(
                        FieldMapping.of(AttributeSchema.optional("automount_service_account_token", AttributeType.BOOL,
                                "Whether pods get this account's token mounted."), "automountServiceAccountToken"))),
                new MappedObjectType(cluster, ROLE, "A Kubernetes RBAC Role.", RBAC, "Role", List.of(
                        FieldMapping.of(AttributeSchema.optional("rules", AttributeType.LIST,
                                "Policy rules: objects with apiGroups, resources, verbs (and resourceNames)."), "rules"))),
                new MappedObjectType(cluster, ROLE_BINDING, "A Kubernetes RBAC RoleBinding.", RBAC, "RoleBinding", List.of(
                        FieldMapping.of(AttributeSchema.required("role_ref", AttributeType.OBJECT,
                                "The role bound: apiGroup, kind (Role or ClusterRole) and name; it cannot change in place.")
                                .asForceNew(), "roleRef"),
                        FieldMapping.of(AttributeSchema.optional("subjects", AttributeType.LIST,
                                "Who gets the role: objects with kind (User, Group, ServiceAccount), name, and apiGroup or namespace."),
                                "subjects"))),
                new MappedObjectType(cluster, RESOURCE_QUOTA, "A Kubernetes ResourceQuota.", "v1", "ResourceQuota", List.of(
                        FieldMapping.of(AttributeSchema.optional("hard", AttributeType.MAP,
                                "Limits by resource name, as quantities: {\"requests.cpu\" = \"4\", pods = \"20\"}."), "spec.hard"))),
                new MappedObjectType(cluster, LIMIT_RANGE, "A Kubernetes LimitRange.", "v1", "LimitRange", List.of(
                        FieldMapping.of(AttributeSchema.optional("limits", AttributeType.LIST,
                                "Limit items: objects with type (Container, Pod, ...), default, defaultRequest, max, min."),
                                "spec.limits"))),
                new MappedObjectType(cluster, INGRESS, "A Kubernetes Ingress (networking.k8s.io/v1).", "networking.k8s.io/v1",
                        "Ingress", List.of(FieldMapping.of(AttributeSchema.required("spec", AttributeType.OBJECT,
                        "The Ingress's spec: ingressClassName, rules, tls, defaultBackend."), "spec"))),
                new MappedObjectType(cluster, HORIZONTAL_POD_AUTOSCALER, "A Kubernetes HorizontalPodAutoscaler (autoscaling/v2).",
                        "autoscaling/v2", "HorizontalPodAutoscaler", List.of(FieldMapping.of(AttributeSchema.required("spec",
                        AttributeType.OBJECT, "The autoscaler's spec: scaleTargetRef, minReplicas, maxReplicas, metrics, behavior."),
                        "spec"))));
    }
}
