package dev.platctl.providers.kubernetes;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a Deployment's rollout counts as complete, and the reason given when it or its pods are stuck. */
class RolloutStatusTest {
    private static final Rollout DEPLOYMENT = new DeploymentRollout();

    static Map<String, Object> deployment(int generation, int replicas, Map<String, Object> status) {
        return Map.of("metadata", Map.of("name", "api", "generation", generation),
                "spec", Map.of("replicas", replicas), "status", status);
    }

    static Map<String, Object> counts(int observed, int replicas, int updated, int available) {
        return Map.of("observedGeneration", observed, "replicas", replicas, "updatedReplicas", updated,
                "availableReplicas", available);
    }

    static Map<String, Object> waitingPod(String name, String reason, String message) {
        return Map.of("metadata", Map.of("name", name), "status", Map.of("containerStatuses", List.of(Map.of(
                "name", "app", "state", Map.of("waiting", Map.of("reason", reason, "message", message))))));
    }

    @Test
    void completeWhenObservedAndEveryReplicaIsUpdatedAndAvailable() {
        assertTrue(DEPLOYMENT.complete(deployment(2, 3, counts(2, 3, 3, 3))));
        assertFalse(DEPLOYMENT.complete(deployment(3, 3, counts(2, 3, 3, 3))), "the controller has not seen the new spec");
        assertFalse(DEPLOYMENT.complete(deployment(2, 3, counts(2, 4, 3, 3))), "an old replica is still there");
        assertFalse(DEPLOYMENT.complete(deployment(2, 3, counts(2, 3, 2, 3))), "one replica is not updated");
        assertFalse(DEPLOYMENT.complete(deployment(2, 3, counts(2, 3, 3, 2))), "one replica is not available");
        assertFalse(DEPLOYMENT.complete(deployment(1, 1, Map.of())), "no status yet");
    }

    @Test
    void zeroReplicasIsCompleteWithoutAnyCounts() {
        assertTrue(DEPLOYMENT.complete(deployment(1, 0, Map.of("observedGeneration", 1))));
    }

    @Test
    void aProgressDeadlineExceededConditionIsAFailure() {
        Map<String, Object> d = deployment(1, 1, Map.of("observedGeneration", 1, "conditions", List.of(Map.of(
                "type", "Progressing", "status", "False", "reason", "ProgressDeadlineExceeded",
                "message", "ReplicaSet \"api-5d\" has timed out progressing."))));
        assertEquals(Optional.of("ProgressDeadlineExceeded (ReplicaSet \"api-5d\" has timed out progressing.)"), DEPLOYMENT.failed(d));
        assertEquals("0 of 1 replicas updated, 0 available, 0 in all; ProgressDeadlineExceeded (ReplicaSet \"api-5d\" has timed out progressing.)",
                DEPLOYMENT.reason(d, List.of()));
    }

    @Test
    void aProgressingConditionThatIsStillTrueIsNoFailure() {
        Map<String, Object> d = deployment(1, 1, Map.of("observedGeneration", 1, "conditions", List.of(Map.of(
                "type", "Progressing", "status", "True", "reason", "ReplicaSetUpdated"))));
        assertEquals(Optional.empty(), DEPLOYMENT.failed(d));
    }

    @Test
    void podsWaitingOnImagesOrCrashingAreNamedWithTheirContainer() {
        Map<String, Object> d = deployment(1, 2, counts(1, 2, 2, 0));
        assertEquals("2 of 2 replicas updated, 0 available, 2 in all; pod api-1 container app: ImagePullBackOff (Back-off pulling image \"nope:1\"); "
                        + "pod api-2 container app: CrashLoopBackOff (back-off 10s restarting failed container)",
                DEPLOYMENT.reason(d, List.of(waitingPod("api-1", "ImagePullBackOff", "Back-off pulling image \"nope:1\""),
                        waitingPod("api-2", "CrashLoopBackOff", "back-off 10s restarting failed container"))));
        assertEquals(Optional.of("pod api-3 container app: ErrImagePull (manifest unknown)"),
                RolloutStatus.podReason(waitingPod("api-3", "ErrImagePull", "manifest unknown")));
    }

    @Test
    void containersThatAreMerelyStartingAreNoReason() {
        assertEquals(Optional.empty(), RolloutStatus.podReason(waitingPod("api-1", "ContainerCreating", "")));
    }

    @Test
    void anUnschedulablePodIsNamedWithTheSchedulersMessage() {
        Map<String, Object> pod = Map.of("metadata", Map.of("name", "api-1"), "status", Map.of("conditions", List.of(Map.of(
                "type", "PodScheduled", "status", "False", "reason", "Unschedulable",
                "message", "0/3 nodes are available: 3 Insufficient cpu."))));
        assertEquals(Optional.of("pod api-1: Unschedulable (0/3 nodes are available: 3 Insufficient cpu.)"), RolloutStatus.podReason(pod));
    }

    @Test
    void aReplicaFailureConditionIsReported() {
        Map<String, Object> d = deployment(1, 1, Map.of("observedGeneration", 1, "conditions", List.of(Map.of(
                "type", "ReplicaFailure", "status", "True", "reason", "FailedCreate", "message", "exceeded quota: size"))));
        assertEquals("0 of 1 replicas updated, 0 available, 0 in all; FailedCreate (exceeded quota: size)", DEPLOYMENT.reason(d, List.of()));
    }

    @Test
    void aSpecTheControllerHasNotSeenSaysSo() {
        assertEquals("the deployment controller has not observed generation 2 yet",
                DEPLOYMENT.reason(deployment(2, 1, counts(1, 1, 1, 1)), List.of()));
    }

    @Test
    void aContainerThatExitedWithAnErrorIsNamedWithItsExitCode() {
        Map<String, Object> pod = Map.of("metadata", Map.of("name", "migrate-x1"), "status", Map.of("containerStatuses", List.of(Map.of(
                "name", "migrate", "state", Map.of("terminated", Map.of("reason", "Error", "exitCode", 3))))));
        assertEquals(Optional.of("pod migrate-x1 container migrate: Error (exit code 3)"), RolloutStatus.podReason(pod));
        Map<String, Object> succeeded = Map.of("metadata", Map.of("name", "migrate-x2"), "status", Map.of("containerStatuses", List.of(Map.of(
                "name", "migrate", "state", Map.of("terminated", Map.of("reason", "Completed", "exitCode", 0))))));
        assertEquals(Optional.empty(), RolloutStatus.podReason(succeeded));
    }
}
