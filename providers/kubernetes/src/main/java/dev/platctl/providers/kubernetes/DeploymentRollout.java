package dev.platctl.providers.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.platctl.providers.kubernetes.RolloutStatus.condition;
import static dev.platctl.providers.kubernetes.RolloutStatus.number;
import static dev.platctl.providers.kubernetes.RolloutStatus.observed;
import static dev.platctl.providers.kubernetes.RolloutStatus.status;
import static dev.platctl.providers.kubernetes.RolloutStatus.wanted;

/**
 * A Deployment is rolled out when every wanted replica is updated and available with no old ones left; it
 * has failed on ProgressDeadlineExceeded.
 */
record DeploymentRollout() implements Rollout {
    @Override
    public boolean complete(Map<String, Object> deployment) {
        Map<String, Object> status = status(deployment);
        long wanted = wanted(deployment);
        return observed(deployment)
                && number(status.get("updatedReplicas")) == wanted
                && number(status.get("replicas")) == wanted
                && number(status.get("availableReplicas")) == wanted;
    }

    @Override
    public Optional<String> failed(Map<String, Object> deployment) {
        return condition(deployment, "Progressing", "False")
                .filter(c -> "ProgressDeadlineExceeded".equals(c.get("reason")))
                .map(RolloutStatus::describe);
    }

    @Override
    public List<String> problems(Map<String, Object> deployment) {
        return condition(deployment, "ReplicaFailure", "True").map(RolloutStatus::describe).stream().toList();
    }

    @Override
    public String progress(Map<String, Object> deployment) {
        if (!observed(deployment)) return RolloutStatus.unobserved("deployment", deployment);
        Map<String, Object> status = status(deployment);
        return number(status.get("updatedReplicas")) + " of " + wanted(deployment) + " replicas updated, "
                + number(status.get("availableReplicas")) + " available, " + number(status.get("replicas")) + " in all";
    }
}
