package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.stream.Stream;

import static dev.platctl.providers.kubernetes.Fixture.list;
import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which manifest changes the immutable-field table turns into replacements, and which it leaves in place. */
class ImmutableFieldsTest {
    private static final AttributePath M = AttributePath.of("manifest");

    private static ObjectValue object(String apiVersion, String kind, Object... rest) {
        ObjectValue o = obj("apiVersion", apiVersion, "kind", kind, "metadata", obj("name", "x"));
        for (int i = 0; i < rest.length; i += 2) o = o.with((String) rest[i], Fixture.value(rest[i + 1]));
        return o;
    }

    private static Arguments row(String reason, ObjectValue before, ObjectValue after, AttributePath... replace) {
        return Arguments.of(reason, before, after, Set.of(replace));
    }

    private static AttributePath spec(String field) {
        return M.key("spec").key(field);
    }

    static Stream<Arguments> changes() {
        ObjectValue sel = obj("matchLabels", obj("app", "a"));
        ObjectValue sel2 = obj("matchLabels", obj("app", "b"));
        ObjectValue claim = obj("metadata", obj("name", "data"), "spec", obj("accessModes", list("ReadWriteOnce")));
        return Stream.of(
                row("a Deployment's selector", object("apps/v1", "Deployment", "spec", obj("selector", sel, "replicas", 1)),
                        object("apps/v1", "Deployment", "spec", obj("selector", sel2, "replicas", 1)), spec("selector")),
                row("a Deployment's replicas change in place", object("apps/v1", "Deployment", "spec", obj("selector", sel, "replicas", 1)),
                        object("apps/v1", "Deployment", "spec", obj("selector", sel, "replicas", 3))),
                row("a ReplicaSet's selector", object("apps/v1", "ReplicaSet", "spec", obj("selector", sel)),
                        object("apps/v1", "ReplicaSet", "spec", obj("selector", sel2)), spec("selector")),
                row("a DaemonSet's selector", object("apps/v1", "DaemonSet", "spec", obj("selector", sel)),
                        object("apps/v1", "DaemonSet", "spec", obj("selector", sel2)), spec("selector")),
                row("a StatefulSet's serviceName, claim templates and pod management policy",
                        object("apps/v1", "StatefulSet", "spec", obj("serviceName", "db", "volumeClaimTemplates", list(claim),
                                "podManagementPolicy", "OrderedReady", "replicas", 1)),
                        object("apps/v1", "StatefulSet", "spec", obj("serviceName", "db-headless", "volumeClaimTemplates",
                                list(claim.with("spec", obj("accessModes", list("ReadWriteMany")))),
                                "podManagementPolicy", "Parallel", "replicas", 2)),
                        spec("serviceName"), spec("volumeClaimTemplates"), spec("podManagementPolicy")),
                row("a StatefulSet's replicas change in place", object("apps/v1", "StatefulSet", "spec", obj("serviceName", "db", "replicas", 1)),
                        object("apps/v1", "StatefulSet", "spec", obj("serviceName", "db", "replicas", 3))),
                row("a Job's template", object("batch/v1", "Job", "spec", obj("template", obj("spec", obj("restartPolicy", "Never")))),
                        object("batch/v1", "Job", "spec", obj("template", obj("spec", obj("restartPolicy", "OnFailure")))),
                        spec("template")),
                row("a Job's parallelism changes in place", object("batch/v1", "Job", "spec", obj("parallelism", 1)),
                        object("batch/v1", "Job", "spec", obj("parallelism", 2))),
                row("a Service's cluster IP set to another", object("v1", "Service", "spec", obj("clusterIP", "10.0.0.10")),
                        object("v1", "Service", "spec", obj("clusterIP", "10.0.0.11")), spec("clusterIP")),
                row("a Service's cluster IP no longer set keeps the allocated one",
                        object("v1", "Service", "spec", obj("clusterIP", "10.0.0.10")), object("v1", "Service", "spec", obj())),
                row("a Service becoming ExternalName changes in place (the server clears its cluster IP)",
                        object("v1", "Service", "spec", obj("ports", list(obj("port", 80)))),
                        object("v1", "Service", "spec", obj("type", "ExternalName", "externalName", "db.example.com"))),
                row("a Service from ClusterIP to NodePort changes in place", object("v1", "Service", "spec", obj("type", "ClusterIP")),
                        object("v1", "Service", "spec", obj("type", "NodePort"))),
                row("a claim's storage class, access modes and volume",
                        object("v1", "PersistentVolumeClaim", "spec", obj("storageClassName", "slow",
                                "accessModes", list("ReadWriteOnce"), "volumeName", "pv-1")),
                        object("v1", "PersistentVolumeClaim", "spec", obj("storageClassName", "fast",
                                "accessModes", list("ReadWriteMany"), "volumeName", "pv-2")),
                        spec("accessModes"), spec("storageClassName"), spec("volumeName")),
                row("a claim's volume mode, selector and data source",
                        object("v1", "PersistentVolumeClaim", "spec", obj("volumeMode", "Filesystem")),
                        object("v1", "PersistentVolumeClaim", "spec", obj("volumeMode", "Block",
                                "selector", obj("matchLabels", obj("tier", "fast")),
                                "dataSource", obj("kind", "PersistentVolumeClaim", "name", "seed"),
                                "dataSourceRef", obj("kind", "PersistentVolumeClaim", "name", "seed"))),
                        spec("volumeMode"), spec("selector"), spec("dataSource"), spec("dataSourceRef")),
                row("a claim's storage request grows in place",
                        object("v1", "PersistentVolumeClaim", "spec", obj("resources", obj("requests", obj("storage", "1Gi")))),
                        object("v1", "PersistentVolumeClaim", "spec", obj("resources", obj("requests", obj("storage", "2Gi"))))),
                row("an immutable ConfigMap's data", object("v1", "ConfigMap", "immutable", true, "data", obj("a", "1")),
                        object("v1", "ConfigMap", "immutable", true, "data", obj("a", "2")), M.key("data")),
                row("an immutable Secret made mutable again", object("v1", "Secret", "immutable", true, "data", obj("a", "MQ==")),
                        object("v1", "Secret", "data", obj("a", "MQ==")), M.key("immutable")),
                row("a mutable ConfigMap's data, made immutable in the same change, changes in place",
                        object("v1", "ConfigMap", "data", obj("a", "1")), object("v1", "ConfigMap", "immutable", true, "data", obj("a", "2"))),
                row("another API group", object("apps/v1", "Deployment"), object("example.com/v1", "Deployment"), M.key("apiVersion")),
                row("another version of the same group changes in place", object("autoscaling/v1", "HorizontalPodAutoscaler"),
                        object("autoscaling/v2", "HorizontalPodAutoscaler")),
                row("another kind, name and namespace", object("v1", "ConfigMap"),
                        object("v1", "Secret", "metadata", obj("name", "y", "namespace", "other")),
                        M.key("kind"), M.key("metadata").key("name"), M.key("metadata").key("namespace")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void changesToImmutableFieldsForceReplacement(String reason, ObjectValue before, ObjectValue after, Set<AttributePath> replace) {
        assertEquals(replace, ImmutableFields.changed(M, before, after), reason);
    }

    @Test
    void aValueNotKnownUntilApplyIsNoReplacementYet() {
        ObjectValue before = object("apps/v1", "StatefulSet", "spec", obj("serviceName", "db"));
        assertEquals(Set.of(), ImmutableFields.changed(M, before,
                object("apps/v1", "StatefulSet", "spec", obj("serviceName", Value.UNKNOWN))));
        assertEquals(Set.of(), ImmutableFields.changed(M, before,
                object("apps/v1", "StatefulSet", "spec", obj("serviceName", "db"), "metadata", obj("name", Value.UNKNOWN))));
        assertEquals(Set.of(), ImmutableFields.changed(M, before, Value.UNKNOWN), "a manifest_yaml known only at apply");
    }
}
