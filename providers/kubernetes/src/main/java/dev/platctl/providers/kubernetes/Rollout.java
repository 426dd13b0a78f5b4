package dev.platctl.providers.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a workload that platctl applied is ready, read from the status its controller writes: a Deployment,
 * StatefulSet or DaemonSet whose rollout is complete, a Job that has completed; and, if not, why.
 */
sealed interface Rollout permits DeploymentRollout, StatefulSetRollout, DaemonSetRollout, JobRollout {

    /** The rollout of a kind platctl waits for, by API group (any version) and kind. */
    static Optional<Rollout> of(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return Optional.ofNullable(switch (group + "/" + kind) {
            case "apps/Deployment" -> new DeploymentRollout();
            case "apps/StatefulSet" -> new StatefulSetRollout();
            case "apps/DaemonSet" -> new DaemonSetRollout();
            case "batch/Job" -> new JobRollout();
            default -> null;
        });
    }

    /** How messages name what is awaited, after the object they are about: {@code its rollout}. */
    default String awaited() {
        return "its rollout";
    }

    /** Whether the object is ready: its controller saw the latest spec and brought every pod up to it. */
    boolean complete(Map<String, Object> object);

    /** The reason the object can no longer become ready on its own, when its controller has said so. */
    Optional<String> failed(Map<String, Object> object);

    /** How far it got, in the status's own counts. */
    String progress(Map<String, Object> object);

    /** Conditions worth naming when it is not ready, beyond {@link #failed}. */
    default List<String> problems(Map<String, Object> object) {
        return List.of();
    }

    /** How far it got, then every reason found in the conditions and the pods, most telling first. */
    default String reason(Map<String, Object> object, List<Map<String, Object>> pods) {
        List<String> reasons = new ArrayList<>();
        failed(object).ifPresent(reasons::add);
        reasons.addAll(problems(object));
        for (Map<String, Object> pod : pods) RolloutStatus.podReason(pod).ifPresent(reasons::add);
        String progress = progress(object);
        return reasons.isEmpty() ? progress : progress + "; " + String.join("; ", reasons);
    }
}
