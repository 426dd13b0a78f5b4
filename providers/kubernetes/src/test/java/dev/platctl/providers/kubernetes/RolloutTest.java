package dev.platctl.providers.kubernetes;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a StatefulSet, DaemonSet or Job counts as ready, and what is said when it is not. */
class RolloutTest {
    private static Map<String, Object> object(int generation, Map<String, Object> spec, Map<String, Object> status) {
        return Map.of("metadata", Map.of("name", "x", "generation", generation), "spec", spec, "status", status);
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> out = new HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], kv[i + 1]);
        return out;
    }

    @Test
    void theKindsWaitedForAreMatchedByGroupAndKind() {
        assertTrue(Rollout.of("apps/v1", "StatefulSet").orElseThrow() instanceof StatefulSetRollout);
        assertTrue(Rollout.of("apps/v1", "DaemonSet").orElseThrow() instanceof DaemonSetRollout);
        assertTrue(Rollout.of("batch/v1", "Job").orElseThrow() instanceof JobRollout);
        assertTrue(Rollout.of("apps/v1", "Deployment").orElseThrow() instanceof DeploymentRollout);
        assertEquals(Optional.empty(), Rollout.of("v1", "ConfigMap"));
        assertEquals(Optional.empty(), Rollout.of("example.com/v1", "Deployment"), "a custom kind that only shares the name");
    }

    @Nested
    class StatefulSets {
        private final Rollout rollout = new StatefulSetRollout();
        private final Map<String, Object> rolledOut = Map.of("observedGeneration", 2, "replicas", 3, "updatedReplicas", 3,
                "readyReplicas", 3, "currentRevision", "db-2", "updateRevision", "db-2");

        @Test
        void completeWhenObservedEveryReplicaUpdatedAndReadyAndTheUpdateRevisionCurrent() {
            Map<String, Object> spec = Map.of("replicas", 3);
            assertTrue(rollout.complete(object(2, spec, rolledOut)));
            assertFalse(rollout.complete(object(3, spec, rolledOut)), "the controller has not seen the new spec");
            assertFalse(rollout.complete(object(2, spec, with(rolledOut, "readyReplicas", 2))), "one replica not ready");
            assertFalse(rollout.complete(object(2, spec, with(rolledOut, "updatedReplicas", 2))), "one replica not updated");
            assertFalse(rollout.complete(object(2, spec, with(rolledOut, "replicas", 4))), "a replica being scaled away");
            assertFalse(rollout.complete(object(2, spec, with(rolledOut, "currentRevision", "db-1"))), "revision not yet current");
        }

        @Test
        void aPartitionedRollingUpdateIsDoneOnceTheReplicasAboveThePartitionAreUpdated() {
            Map<String, Object> spec = Map.of("replicas", 3, "updateStrategy", Map.of("type", "RollingUpdate",
                    "rollingUpdate", Map.of("partition", 2)));
            Map<String, Object> status = with(rolledOut, "updatedReplicas", 1, "currentRevision", "db-1");
            assertTrue(rollout.complete(object(2, spec, status)));
            assertFalse(rollout.complete(object(2, spec, with(status, "updatedReplicas", 0))));
        }

        @Test
        void onDeleteWaitsOnlyForReadiness() {
            Map<String, Object> spec = Map.of("replicas", 3, "updateStrategy", Map.of("type", "OnDelete"));
            assertTrue(rollout.complete(object(2, spec, with(rolledOut, "updatedReplicas", 0, "currentRevision", "db-1"))));
        }

        @Test
        void progressSaysWhichRevisionIsNotYetCurrent() {
            assertEquals("3 of 3 replicas updated, 3 ready, 3 in all, revision db-2 not yet current (current: db-1)",
                    rollout.progress(object(2, Map.of("replicas", 3), with(rolledOut, "currentRevision", "db-1"))));
            assertEquals("the statefulset controller has not observed generation 3 yet",
                    rollout.progress(object(3, Map.of("replicas", 3), rolledOut)));
        }
    }

    @Nested
    class DaemonSets {
        private final Rollout rollout = new DaemonSetRollout();
        private final Map<String, Object> rolledOut = Map.of("observedGeneration", 1, "desiredNumberScheduled", 4,
                "updatedNumberScheduled", 4, "numberAvailable", 4);

        @Test
        void completeWhenThePodOnEveryNodeIsUpdatedAndAvailable() {
            assertTrue(rollout.complete(object(1, Map.of(), rolledOut)));
            assertFalse(rollout.complete(object(2, Map.of(), rolledOut)), "the controller has not seen the new spec");
            assertFalse(rollout.complete(object(1, Map.of(), with(rolledOut, "updatedNumberScheduled", 3))));
            assertFalse(rollout.complete(object(1, Map.of(), with(rolledOut, "numberAvailable", 3))));
            assertEquals("4 of 4 pods updated, 3 available",
                    rollout.progress(object(1, Map.of(), with(rolledOut, "numberAvailable", 3))));
        }

        @Test
        void noNodesToRunOnIsComplete() {
            assertTrue(rollout.complete(object(1, Map.of(), Map.of("observedGeneration", 1, "desiredNumberScheduled", 0))));
        }

        @Test
        void onDeleteWaitsOnlyForAvailability() {
            Map<String, Object> spec = Map.of("updateStrategy", Map.of("type", "OnDelete"));
            assertTrue(rollout.complete(object(1, spec, with(rolledOut, "updatedNumberScheduled", 0))));
        }
    }

    @Nested
    class Jobs {
        private final Rollout rollout = new JobRollout();

        private Map<String, Object> job(Map<String, Object> spec, Map<String, Object> status) {
            return object(1, spec, status);
        }

        @Test
        void completeOnlyWithATrueCompleteCondition() {
            assertTrue(rollout.complete(job(Map.of(), Map.of("conditions", List.of(Map.of("type", "Complete", "status", "True"))))));
            assertFalse(rollout.complete(job(Map.of(), Map.of("conditions", List.of(Map.of("type", "Complete", "status", "False"))))));
            assertFalse(rollout.complete(job(Map.of(), Map.of("succeeded", 1))), "counts alone are not completion");
        }

        @Test
        void aFailedConditionIsAFailureWithItsReasonAndMessage() {
            Map<String, Object> failed = job(Map.of("completions", 1), Map.of("failed", 7, "conditions", List.of(Map.of(
                    "type", "Failed", "status", "True", "reason", "BackoffLimitExceeded",
                    "message", "Job has reached the specified backoff limit"))));
            assertEquals(Optional.of("BackoffLimitExceeded (Job has reached the specified backoff limit)"), rollout.failed(failed));
            assertEquals("0 of 1 succeeded, 0 active, 7 failed; BackoffLimitExceeded (Job has reached the specified backoff limit)",
                    rollout.reason(failed, List.of()));
        }

        @Test
        void progressCountsCompletionsOrSaysTheJobIsSuspended() {
            assertEquals("2 of 5 succeeded, 3 active, 1 failed",
                    rollout.progress(job(Map.of("completions", 5), Map.of("succeeded", 2, "active", 3, "failed", 1))));
            assertEquals("0 succeeded, 2 active, 0 failed", rollout.progress(job(Map.of("parallelism", 2), Map.of("active", 2))));
            assertEquals("the Job is suspended", rollout.progress(job(Map.of("suspend", true), Map.of())));
        }

        @Test
        void messagesNameTheJobItself() {
            assertEquals("the Job", rollout.awaited());
        }
    }
}
