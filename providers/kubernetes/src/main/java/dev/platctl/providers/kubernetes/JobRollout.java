package dev.platctl.providers.kubernetes;

import java.util.Map;
import java.util.Optional;

import static dev.platctl.providers.kubernetes.RolloutStatus.condition;
import static dev.platctl.providers.kubernetes.RolloutStatus.number;
import static dev.platctl.providers.kubernetes.RolloutStatus.status;

/** A Job is done when its Complete condition is true, and has failed when its Failed condition is. */
record JobRollout() implements Rollout {
    @Override
    public String awaited() {
        return "the Job";
    }

    @Override
    public boolean complete(Map<String, Object> job) {
        return condition(job, "Complete", "True").isPresent();
    }

    @Override
    public Optional<String> failed(Map<String, Object> job) {
        return condition(job, "Failed", "True").map(RolloutStatus::describe);
    }

    @Override
    public String progress(Map<String, Object> job) {
        Map<String, Object> spec = Manifests.map(job.get("spec"));
        if (Boolean.TRUE.equals(spec.get("suspend"))) return "the Job is suspended";
        Map<String, Object> status = status(job);
        Object completions = spec.get("completions");
        return number(status.get("succeeded")) + (completions == null ? "" : " of " + completions) + " succeeded, "
                + number(status.get("active")) + " active, " + number(status.get("failed")) + " failed";
    }
}
