package dev.platctl.providers.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a Deployment's rollout is complete, read from its status, and if not, why: a failed condition
 * (ProgressDeadlineExceeded, ReplicaFailure) or what its pods are stuck on (image pulls, crash loops, scheduling).
 */
final class RolloutStatus {
    /** Container waiting reasons that are part of a normal start, not a reason the rollout is stuck. */
    private static final Set<String> STARTING = Set.of("ContainerCreating", "PodInitializing");

    private RolloutStatus() {
    }

    /** The controller saw the latest spec and every wanted replica is updated and available, with no old ones left. */
    static boolean complete(Map<String, Object> deployment) {
        Map<String, Object> status = Manifests.map(deployment.get("status"));
        long wanted = number(Manifests.map(deployment.get("spec")).get("replicas"), 1);
        return observed(deployment)
                && number(status.get("updatedReplicas"), 0) == wanted
                && number(status.get("replicas"), 0) == wanted
                && number(status.get("availableReplicas"), 0) == wanted;
    }

    /** The reason the rollout can no longer finish on its own, when the controller has said so. */
    static Optional<String> failed(Map<String, Object> deployment) {
        return condition(deployment, "Progressing", "False")
                .filter(c -> "ProgressDeadlineExceeded".equals(c.get("reason")))
                .map(RolloutStatus::describe);
    }

    /** How far the rollout got, then every reason found in the conditions and the pods, most telling first. */
    static String reason(Map<String, Object> deployment, List<Map<String, Object>> pods) {
        List<String> reasons = new ArrayList<>();
        failed(deployment).ifPresent(reasons::add);
        condition(deployment, "ReplicaFailure", "True").map(RolloutStatus::describe).ifPresent(reasons::add);
        for (Map<String, Object> pod : pods) podReason(pod).ifPresent(reasons::add);
        String progress = progress(deployment);
        return reasons.isEmpty() ? progress : progress + "; " + String.join("; ", reasons);
    }

    private static String progress(Map<String, Object> deployment) {
        if (!observed(deployment)) return "the deployment controller has not observed generation "
                + number(Manifests.metadata(deployment).get("generation"), 0) + " yet";
        Map<String, Object> status = Manifests.map(deployment.get("status"));
        long wanted = number(Manifests.map(deployment.get("spec")).get("replicas"), 1);
        return number(status.get("updatedReplicas"), 0) + " of " + wanted + " replicas updated, "
                + number(status.get("availableReplicas"), 0) + " available, " + number(status.get("replicas"), 0) + " in all";
    }

    /** The first container waiting on something other than a normal start, else the pod not being schedulable. */
    static Optional<String> podReason(Map<String, Object> pod) {
        String name = "pod " + Manifests.name(pod);
        Map<String, Object> status = Manifests.map(pod.get("status"));
        for (String list : List.of("initContainerStatuses", "containerStatuses"))
            for (Object c : Manifests.list(status.get(list))) {
                Map<String, Object> waiting = Manifests.map(Manifests.map(Manifests.map(c).get("state")).get("waiting"));
                Object reason = waiting.get("reason");
                if (reason != null && !STARTING.contains(reason))
                    return Optional.of(name + " container " + Manifests.map(c).get("name") + ": " + describe(waiting));
            }
        for (Object c : Manifests.list(status.get("conditions"))) {
            Map<String, Object> cond = Manifests.map(c);
            if ("PodScheduled".equals(cond.get("type")) && "False".equals(cond.get("status")))
                return Optional.of(name + ": " + describe(cond));
        }
        return Optional.empty();
    }

    private static boolean observed(Map<String, Object> deployment) {
        return number(Manifests.map(deployment.get("status")).get("observedGeneration"), 0)
                >= number(Manifests.metadata(deployment).get("generation"), 0);
    }

    private static Optional<Map<String, Object>> condition(Map<String, Object> deployment, String type, String status) {
        return Manifests.list(Manifests.map(deployment.get("status")).get("conditions")).stream()
                .map(Manifests::map)
                .filter(c -> type.equals(c.get("type")) && status.equals(c.get("status")))
                .findFirst();
    }

    private static String describe(Map<String, Object> reasonAndMessage) {
        Object message = reasonAndMessage.get("message");
        String reason = String.valueOf(reasonAndMessage.get("reason"));
        return message == null || message.toString().isBlank() ? reason : reason + " (" + message + ")";
    }

    private static long number(Object o, long absent) {
        return o instanceof Number n ? n.longValue() : absent;
    }
}
