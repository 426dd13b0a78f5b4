package dev.platctl.providers.kubernetes;

import java.util.Objects;

/** Which Kubernetes object a resource is: its kind and, for namespaced kinds, its namespace and name. */
record ObjectRef(String apiVersion, String kind, String namespace, String name) {
    ObjectRef {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    }

    /** The id platctl shows and imports by: {@code namespace/name}, or {@code name} for cluster-wide objects. */
    String id() {
        return namespace == null ? name : namespace + "/" + name;
    }

    /** How messages name the object: {@code ConfigMap payments/app-config}. */
    @Override
    public String toString() {
        return kind + " " + id();
    }
}
