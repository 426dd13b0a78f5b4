package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Polls a Deployment until its rollout is complete, failing with the reason it is not when it gives up. */
final class RolloutWaiter {
    static final Duration POLL = Duration.ofSeconds(2);

    private final Cluster cluster;
    private final Clock clock;
    private final Sleeper sleeper;

    RolloutWaiter(Cluster cluster, Clock clock, Sleeper sleeper) {
        this.cluster = cluster;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Returns once the rollout is complete; fails at once on ProgressDeadlineExceeded, else after the timeout. */
    void await(String namespace, String name, Duration timeout) {
        Kind deployments = cluster.kind("apps/v1", "Deployment");
        Instant deadline = clock.instant().plus(timeout);
        String what = "Deployment " + namespace + "/" + name;
        while (true) {
            Map<String, Object> live = cluster.get(deployments, namespace, name).orElseThrow(() ->
                    new ProviderException(what + " was deleted while platctl waited for its rollout"));
            if (RolloutStatus.complete(live)) return;
            Optional<String> failed = RolloutStatus.failed(live);
            Instant now = clock.instant();
            if (failed.isPresent() || !now.isBefore(deadline))
                throw new ProviderException("rollout of " + what + " did not complete"
                        + (failed.isPresent() ? "" : " within " + timeout.toSeconds() + "s") + ": "
                        + RolloutStatus.reason(live, pods(live, namespace)), false, null);
            Duration left = Duration.between(now, deadline);
            try {
                sleeper.sleep(left.compareTo(POLL) < 0 ? left : POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException("interrupted while waiting for the rollout of " + what, true, e);
            }
        }
    }

    /** The pods the Deployment's selector matches by its match labels. */
    private List<Map<String, Object>> pods(Map<String, Object> deployment, String namespace) {
        Map<String, Object> matchLabels = Manifests.map(Manifests.map(Manifests.map(deployment.get("spec"))
                .get("selector")).get("matchLabels"));
        if (matchLabels.isEmpty()) return List.of();
        Map<String, String> labels = matchLabels.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
        return cluster.listLabelled(cluster.kind("v1", "Pod"), namespace, labels);
    }
}
