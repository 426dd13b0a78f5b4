package dev.platctl.providers.kubernetes;

import java.util.Map;
import java.util.Optional;

import static dev.platctl.providers.kubernetes.RolloutStatus.number;
import static dev.platctl.providers.kubernetes.RolloutStatus.observed;
import static dev.platctl.providers.kubernetes.RolloutStatus.status;

/**
 * A DaemonSet is rolled out when the pod on every node it should run on is updated and available; with
 * OnDelete the controller replaces no pod by itself, so only availability is awaited.
 */
record DaemonSetRollout() implements Rollout {
    @Override
    public boolean complete(Map<String, Object> set) {
        Map<String, Object> status = status(set);
        long desired = number(status.get("desiredNumberScheduled"));
        return observed(set)
                && number(status.get("numberAvailable")) == desired
                && (onDelete(set) || number(status.get("updatedNumberScheduled")) == desired);
    }

    @Override
    public Optional<String> failed(Map<String, Object> set) {
        return Optional.empty();
    }

    @Override
    public String progress(Map<String, Object> set) {
        if (!observed(set)) return RolloutStatus.unobserved("daemonset", set);
        Map<String, Object> status = status(set);
        return number(status.get("updatedNumberScheduled")) + " of " + number(status.get("desiredNumberScheduled"))
                + " pods updated, " + number(status.get("numberAvailable")) + " available";
    }

    private static boolean onDelete(Map<String, Object> set) {
        return "OnDelete".equals(Manifests.map(Manifests.map(set.get("spec")).get("updateStrategy")).get("type"));
    }
}
