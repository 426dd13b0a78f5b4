package dev.platctl.providers.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The status fields every {@link Rollout} reads (observed generation, counts, conditions), and what a
 * workload's pod is stuck on: image pulls, crash loops, a failed container, scheduling.
 */
final class RolloutStatus {
    /** Container waiting reasons that are part of a normal start, not a reason the rollout is stuck. */
    private static final Set<String> STARTING = Set.of("ContainerCreating", "PodInitializing");

    private RolloutStatus() {
    }

    /** The first container waiting on something other than a normal start or ended in failure, else the pod not being schedulable. */
    static Optional<String> podReason(Map<String, Object> pod) {
        String name = "pod " + Manifests.name(pod);
        Map<String, Object> status = Manifests.map(pod.get("status"));
        for (String list : List.of("initContainerStatuses", "containerStatuses"))
            for (Object c : Manifests.list(status.get(list))) {
                Map<String, Object> state = Manifests.map(Manifests.map(c).get("state"));
                String container = name + " container " + Manifests.map(c).get("name") + ": ";
                Map<String, Object> waiting = Manifests.map(state.get("waiting"));
                Object reason = waiting.get("reason");
                if (reason != null && !STARTING.contains(reason)) return Optional.of(container + describe(waiting));
                Map<String, Object> terminated = Manifests.map(state.get("terminated"));
                if (number(terminated.get("exitCode")) != 0)
                    return Optional.of(container + terminated.getOrDefault("reason", "Terminated")
                            + " (exit code " + terminated.get("exitCode") + ")");
            }
        for (Object c : Manifests.list(status.get("conditions"))) {
            Map<String, Object> cond = Manifests.map(c);
            if ("PodScheduled".equals(cond.get("type")) && "False".equals(cond.get("status")))
                return Optional.of(name + ": " + describe(cond));
        }
        return Optional.empty();
    }

    static Map<String, Object> status(Map<String, Object> object) {
        return Manifests.map(object.get("status"));
    }

    /** The replicas the spec asks for; the API server defaults an absent count to 1. */
    static long wanted(Map<String, Object> object) {
        Object replicas = Manifests.map(object.get("spec")).get("replicas");
        return replicas instanceof Number n ? n.longValue() : 1;
    }

    /** Whether the controller has seen the object's latest spec. */
    static boolean observed(Map<String, Object> object) {
        return number(status(object).get("observedGeneration")) >= number(Manifests.metadata(object).get("generation"));
    }

    static String unobserved(String controller, Map<String, Object> object) {
        return "the " + controller + " controller has not observed generation "
                + number(Manifests.metadata(object).get("generation")) + " yet";
    }

    static Optional<Map<String, Object>> condition(Map<String, Object> object, String type, String status) {
        return Manifests.list(status(object).get("conditions")).stream()
                .map(Manifests::map)
                .filter(c -> type.equals(c.get("type")) && status.equals(c.get("status")))
                .findFirst();
    }

    /** {@code Reason (message)}, or the reason alone. */
    static String describe(Map<String, Object> reasonAndMessage) {
        Object message = reasonAndMessage.get("message");
        String reason = String.valueOf(reasonAndMessage.get("reason"));
        return message == null || message.toString().isBlank() ? reason : reason + " (" + message + ")";
    }

    /** A count from the status; absent counts are 0. */
    static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
