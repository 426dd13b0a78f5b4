package dev.platctl.providers.kubernetes;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.platctl.providers.kubernetes.RolloutStatus.number;
import static dev.platctl.providers.kubernetes.RolloutStatus.observed;
import static dev.platctl.providers.kubernetes.RolloutStatus.status;
import static dev.platctl.providers.kubernetes.RolloutStatus.wanted;

/**
 * A StatefulSet is rolled out when every wanted replica is updated and ready and, for RollingUpdate, the
 * update revision has become the current one. A partitioned rolling update is done once the replicas at or
 * above the partition are updated; with OnDelete the controller replaces no pod by itself, so only
 * readiness is awaited.
 */
record StatefulSetRollout() implements Rollout {
    @Override
    public boolean complete(Map<String, Object> set) {
        Map<String, Object> status = status(set);
        long wanted = wanted(set);
        if (!observed(set) || number(status.get("readyReplicas")) != wanted || number(status.get("replicas")) != wanted)
            return false;
        if (!rollingUpdate(set)) return true;
        long partition = partition(set);
        if (partition > 0) return number(status.get("updatedReplicas")) >= wanted - partition;
        return number(status.get("updatedReplicas")) == wanted && revisionCurrent(status);
    }

    @Override
    public Optional<String> failed(Map<String, Object> set) {
        return Optional.empty();
    }

    @Override
    public String progress(Map<String, Object> set) {
        if (!observed(set)) return RolloutStatus.unobserved("statefulset", set);
        Map<String, Object> status = status(set);
        String counts = number(status.get("updatedReplicas")) + " of " + wanted(set) + " replicas updated, "
                + number(status.get("readyReplicas")) + " ready, " + number(status.get("replicas")) + " in all";
        return rollingUpdate(set) && partition(set) == 0 && !revisionCurrent(status)
                ? counts + ", revision " + status.get("updateRevision") + " not yet current (current: "
                + status.get("currentRevision") + ")"
                : counts;
    }

    private static boolean rollingUpdate(Map<String, Object> set) {
        return !"OnDelete".equals(strategy(set).get("type"));
    }

    private static long partition(Map<String, Object> set) {
        return number(Manifests.map(strategy(set).get("rollingUpdate")).get("partition"));
    }

    private static Map<String, Object> strategy(Map<String, Object> set) {
        return Manifests.map(Manifests.map(set.get("spec")).get("updateStrategy"));
    }

    private static boolean revisionCurrent(Map<String, Object> status) {
        return Objects.equals(status.get("currentRevision"), status.get("updateRevision"));
    }
}
