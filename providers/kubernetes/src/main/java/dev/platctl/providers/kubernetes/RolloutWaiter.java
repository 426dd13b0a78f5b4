package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Polls a workload until its {@link Rollout} is complete, failing with the reason it is not when it gives up. */
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

    /** Whether platctl waits for objects of this kind: Deployments, StatefulSets, DaemonSets and Jobs. */
    static boolean waitsFor(ObjectRef ref) {
        return Rollout.of(ref.apiVersion(), ref.kind()).isPresent();
    }

    /**
     * Returns once the rollout is complete; fails at once when the controller reports a failure
     * (ProgressDeadlineExceeded, a Job's Failed condition), else after the timeout.
     */
    void await(ObjectRef ref, Duration timeout) {
        Rollout rollout = Rollout.of(ref.apiVersion(), ref.kind()).orElseThrow(() ->
                new IllegalArgumentException("platctl does not wait for the rollout of " + ref.kind()));
        Kind kind = cluster.kind(ref.apiVersion(), ref.kind());
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Map<String, Object> live = cluster.get(kind, ref.namespace(), ref.name()).orElseThrow(() ->
                    failure(ref, "it was deleted while platctl waited for " + rollout.awaited(), false, null));
            if (rollout.complete(live)) return;
            Optional<String> failed = rollout.failed(live);
            Instant now = clock.instant();
            if (failed.isPresent() || !now.isBefore(deadline))
                throw failure(ref, rollout.awaited() + " did not complete"
                        + (failed.isPresent() ? "" : " within " + timeout.toSeconds() + "s") + ": "
                        + rollout.reason(live, pods(live, ref.namespace())), false, null);
            Duration left = Duration.between(now, deadline);
            try {
                sleeper.sleep(left.compareTo(POLL) < 0 ? left : POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(ref, "interrupted while waiting for " + rollout.awaited(), true, e);
            }
        }
    }

    /**
     * {@code cannot wait for Deployment web/api: its rollout did not complete ...} on its own; with the object's id and the
     * reason apart, so the engine tells it as the create or update that waited, with the resource's address.
     */
    private static ProviderException failure(ObjectRef ref, String reason, boolean retryable, Throwable cause) {
        return ProviderException.of("wait for", ref.kind(), ref.id(), reason, retryable, cause);
    }

    /** The pods the workload's selector (match labels and match expressions) selects. */
    private List<Map<String, Object>> pods(Map<String, Object> workload, String namespace) {
        return LabelSelectors.query(Manifests.map(Manifests.map(workload.get("spec")).get("selector")))
                .map(q -> cluster.listSelected(cluster.kind("v1", "Pod"), namespace, q))
                .orElse(List.of());
    }
}
