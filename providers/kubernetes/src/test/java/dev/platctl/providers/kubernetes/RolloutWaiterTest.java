package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rollout waits against the real API server: with no nodes or deployment controller, the tests write the
 * Deployment's and its pods' status through the status subresource, and time moves only when the waiter sleeps.
 */
@ExtendWith(KubeApiServer.class)
class RolloutWaiterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private Fixture k;
    private Cluster cluster;
    private FakeTime time;

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
        cluster = new Cluster(new ClusterSettings(Optional.of(KubeApiServer.get().kubeconfig()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), TIMEOUT));
        time = new FakeTime();
        k.admin.serviceAccounts().inNamespace("default").resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("default").endMetadata().build()).fieldManager("test-setup").serverSideApply();
    }

    @AfterEach
    void stop() {
        cluster.close();
        k.close();
    }

    private DeploymentType type(Sleeper sleeper) {
        return new DeploymentType(cluster, new RolloutWaiter(cluster, time, sleeper));
    }

    private ObjectValue create(String name, Sleeper sleeper) {
        ObjectValue config = DeploymentTypeTest.config(name, name, 1, "registry.example/" + name + ":1")
                .with("wait_for_rollout", Value.TRUE);
        DeploymentType type = type(sleeper);
        PlanResult p = type.plan(Optional.empty(), config);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics().toString());
        return type.create(p.planned(), "team.kubernetes_deployment." + name);
    }

    /** Writes the status the deployment controller would once the one replica is up. */
    private void rolledOut(String name) {
        k.admin.apps().deployments().inNamespace("default").withName(name).editStatus(d -> new DeploymentBuilder(d)
                .withNewStatus().withObservedGeneration(d.getMetadata().getGeneration()).withReplicas(1)
                .withUpdatedReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).endStatus().build());
    }

    @Test
    void createReturnsOnceTheControllerReportsTheRolloutComplete() {
        ObjectValue state = create("ready", d -> {
            time.sleep(d);
            rolledOut("ready");
        });
        assertEquals("default/ready", Fixture.string(state, "id"));
        assertEquals(List.of(RolloutWaiter.POLL), time.pauses);
    }

    @Test
    void anUpdateWaitsForTheNewGenerationNotTheOldOnesStatus() {
        ObjectValue state = create("gen", d -> {
            time.sleep(d);
            rolledOut("gen");
        });
        DeploymentType type = type(d -> {
            time.sleep(d);
            if (time.pauses.size() == 3) rolledOut("gen");
        });
        ObjectValue changed = DeploymentTypeTest.config("gen", "gen", 1, "registry.example/gen:2").with("wait_for_rollout", Value.TRUE);
        type.update(state, type.plan(Optional.of(state), changed).planned());
        assertEquals(3, time.pauses.size(), "one pause for the create, two more until the new generation is observed");
    }

    @Test
    void aRolloutThatNeverCompletesTimesOutSayingHowFarItGot() {
        ProviderException e = assertThrows(ProviderException.class, () -> create("stuck", time));
        assertEquals("rollout of Deployment default/stuck did not complete within 10s: the deployment controller has not"
                + " observed generation 1 yet", e.getMessage());
        assertEquals(TIMEOUT, time.pauses.stream().reduce(Duration.ZERO, Duration::plus));
    }

    @Test
    void aRolloutTimeoutOnTheResourceOverridesTheProviders() {
        DeploymentType type = type(time);
        ObjectValue config = DeploymentTypeTest.config("short", "short", 1, "x:1").with("wait_for_rollout", Value.TRUE)
                .with("rollout_timeout_seconds", Value.of(3));
        ProviderException e = assertThrows(ProviderException.class, () -> type.create(type.plan(Optional.empty(), config).planned(),
                "team.kubernetes_deployment.short"));
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1)), time.pauses);
        assertTrue(e.getMessage().contains("within 3s"), e.getMessage());
    }

    @Test
    void progressDeadlineExceededFailsAtOnce() {
        ProviderException e = assertThrows(ProviderException.class, () -> create("deadline", d -> {
            time.sleep(d);
            k.admin.apps().deployments().inNamespace("default").withName("deadline").editStatus(dep -> new DeploymentBuilder(dep)
                    .withNewStatus().withObservedGeneration(dep.getMetadata().getGeneration()).withReplicas(1).withUpdatedReplicas(1)
                    .withUnavailableReplicas(1).withConditions(new DeploymentConditionBuilder().withType("Progressing")
                            .withStatus("False").withReason("ProgressDeadlineExceeded")
                            .withMessage("ReplicaSet \"deadline-1\" has timed out progressing.").build())
                    .endStatus().build());
        }));
        assertEquals("rollout of Deployment default/deadline did not complete: 1 of 1 replicas updated, 0 available, 1 in all;"
                + " ProgressDeadlineExceeded (ReplicaSet \"deadline-1\" has timed out progressing.)", e.getMessage());
        assertEquals(1, time.pauses.size());
    }

    static Stream<Arguments> stuckPods() {
        return Stream.of(
                Arguments.of("pull-backoff", waiting("ImagePullBackOff", "Back-off pulling image"),
                        "pod pull-backoff-pod container app: ImagePullBackOff (Back-off pulling image)"),
                Arguments.of("pull-error", waiting("ErrImagePull", "manifest unknown"),
                        "pod pull-error-pod container app: ErrImagePull (manifest unknown)"),
                Arguments.of("crash", waiting("CrashLoopBackOff", "back-off 40s restarting failed container"),
                        "pod crash-pod container app: CrashLoopBackOff (back-off 40s restarting failed container)"),
                Arguments.of("unschedulable", new PodStatusBuilder().withConditions(new PodConditionBuilder()
                                .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                                .withMessage("0/3 nodes are available: 3 Insufficient cpu.").build()).build(),
                        "pod unschedulable-pod: Unschedulable (0/3 nodes are available: 3 Insufficient cpu.)"));
    }

    private static PodStatus waiting(String reason, String message) {
        return new PodStatusBuilder().withPhase("Pending").withContainerStatuses(new ContainerStatusBuilder().withName("app")
                .withImage("registry.example/x:1").withImageID("").withReady(false).withRestartCount(0)
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stuckPods")
    void aTimeoutNamesWhatTheDeploymentsPodsAreStuckOn(String name, PodStatus status, String reason) {
        ProviderException e = assertThrows(ProviderException.class, () -> create(name, d -> {
            if (time.pauses.isEmpty()) {
                k.admin.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name + "-pod")
                        .addToLabels("app", name).endMetadata().withNewSpec().addNewContainer().withName("app")
                        .withImage("registry.example/x:1").endContainer().endSpec().build()).create();
                k.admin.pods().inNamespace("default").withName(name + "-pod").editStatus(p -> new PodBuilder(p).withStatus(status).build());
                k.admin.apps().deployments().inNamespace("default").withName(name).editStatus(dep -> new DeploymentBuilder(dep)
                        .withNewStatus().withObservedGeneration(dep.getMetadata().getGeneration()).withReplicas(1)
                        .withUpdatedReplicas(1).withUnavailableReplicas(1).endStatus().build());
            }
            time.sleep(d);
        }));
        assertEquals("rollout of Deployment default/" + name + " did not complete within 10s: 1 of 1 replicas updated,"
                + " 0 available, 1 in all; " + reason, e.getMessage());
    }
}
