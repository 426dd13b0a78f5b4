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
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.platctl.providers.kubernetes.Fixture.list;
import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rollout waits against the real API server: with no nodes or workload controllers, the tests write the
 * workloads' and their pods' status through the status subresource, and time moves only when the waiter sleeps.
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
        cluster = new Cluster(Fixture.settings(TIMEOUT));
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
        assertEquals("cannot wait for Deployment default/stuck: its rollout did not complete within 10s: the deployment"
                + " controller has not observed generation 1 yet", e.getMessage());
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
        assertEquals("cannot wait for Deployment default/deadline: its rollout did not complete: 1 of 1 replicas updated,"
                + " 0 available, 1 in all; ProgressDeadlineExceeded (ReplicaSet \"deadline-1\" has timed out progressing.)",
                e.getMessage());
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
        assertEquals("cannot wait for Deployment default/" + name + ": its rollout did not complete within 10s: 1 of 1 replicas"
                + " updated, 0 available, 1 in all; " + reason, e.getMessage());
    }

    private ManifestType manifests(Sleeper sleeper) {
        return new ManifestType(cluster, new RolloutWaiter(cluster, time, sleeper));
    }

    private ObjectValue createManifest(ObjectValue config, Sleeper sleeper) {
        ManifestType type = manifests(sleeper);
        PlanResult p = type.plan(Optional.empty(), config);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics().toString());
        ObjectValue manifest = (ObjectValue) config.getOrNull("manifest");
        String name = Fixture.string((ObjectValue) manifest.getOrNull("metadata"), "name");
        return type.create(p.planned(), "team.kubernetes_manifest." + name);
    }

    private static ObjectValue podTemplate(ObjectValue labels, String image) {
        return obj("metadata", obj("labels", labels), "spec", obj("containers", list(obj("name", "app", "image", image))));
    }

    static ObjectValue statefulSet(String name) {
        ObjectValue labels = obj("app", name);
        return obj("manifest", obj("apiVersion", "apps/v1", "kind", "StatefulSet", "metadata", obj("name", name),
                "spec", obj("replicas", 2, "serviceName", name, "selector", obj("matchLabels", labels),
                        "template", podTemplate(labels, "registry.example/" + name + ":1"))));
    }

    static ObjectValue daemonSet(String name) {
        ObjectValue labels = obj("app", name);
        return obj("manifest", obj("apiVersion", "apps/v1", "kind", "DaemonSet", "metadata", obj("name", name),
                "spec", obj("selector", obj("matchLabels", labels), "template", podTemplate(labels, "registry.example/agent:1"))));
    }

    static ObjectValue job(String name) {
        return obj("manifest", obj("apiVersion", "batch/v1", "kind", "Job", "metadata", obj("name", name),
                "spec", obj("backoffLimit", 0, "template", obj("spec", obj("restartPolicy", "Never",
                        "containers", list(obj("name", "migrate", "image", "registry.example/migrate:1")))))));
    }

    private void statefulSetStatus(String name, int updated, int ready, String current) {
        k.admin.apps().statefulSets().inNamespace("default").withName(name).editStatus(s -> new StatefulSetBuilder(s)
                .withNewStatus().withObservedGeneration(s.getMetadata().getGeneration()).withReplicas(2)
                .withUpdatedReplicas(updated).withReadyReplicas(ready).withCurrentReplicas(2 - updated)
                .withCurrentRevision(current).withUpdateRevision(name + "-2").endStatus().build());
    }

    /** Creates a pod carrying the labels, as the workload's controller would, stuck as the status says. */
    private void stuckPod(String name, Map<String, String> labels, PodStatus status) {
        k.admin.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("app")
                .withImage("registry.example/x:1").endContainer().endSpec().build()).create();
        k.admin.pods().inNamespace("default").withName(name).editStatus(p -> new PodBuilder(p).withStatus(status).build());
    }

    @Test
    void aStatefulSetManifestWaitsUntilEveryReplicaIsReadyAndTheUpdateRevisionCurrent() {
        ObjectValue state = createManifest(statefulSet("db"), d -> {
            time.sleep(d);
            if (time.pauses.size() == 1) statefulSetStatus("db", 2, 2, "db-1");
            if (time.pauses.size() == 2) statefulSetStatus("db", 2, 2, "db-2");
        });
        assertEquals("default/db", Fixture.string(state, "id"));
        assertEquals(2, time.pauses.size(), "not done while revision db-1 was still current");
    }

    @Test
    void aStatefulSetThatNeverBecomesReadyTimesOutNamingItsStuckPod() {
        ProviderException e = assertThrows(ProviderException.class, () -> createManifest(statefulSet("cache"), d -> {
            if (time.pauses.isEmpty()) {
                stuckPod("cache-0", Map.of("app", "cache"), waiting("CrashLoopBackOff", "back-off 20s restarting failed container"));
                statefulSetStatus("cache", 2, 1, "cache-1");
            }
            time.sleep(d);
        }));
        assertEquals("cannot wait for StatefulSet default/cache: its rollout did not complete within 10s: 2 of 2 replicas"
                + " updated, 1 ready, 2 in all, revision cache-2 not yet current (current: cache-1);"
                + " pod cache-0 container app: CrashLoopBackOff (back-off 20s restarting failed container)", e.getMessage());
    }

    @Test
    void aDaemonSetManifestWaitsUntilThePodOnEveryNodeIsUpdatedAndAvailable() {
        createManifest(daemonSet("agent"), d -> {
            time.sleep(d);
            k.admin.apps().daemonSets().inNamespace("default").withName("agent").editStatus(s -> new DaemonSetBuilder(s)
                    .withNewStatus().withObservedGeneration(s.getMetadata().getGeneration()).withDesiredNumberScheduled(3)
                    .withCurrentNumberScheduled(3).withNumberMisscheduled(0).withUpdatedNumberScheduled(3)
                    .withNumberReady(time.pauses.size() == 1 ? 2 : 3).withNumberAvailable(time.pauses.size() == 1 ? 2 : 3)
                    .endStatus().build());
        });
        assertEquals(2, time.pauses.size(), "not done while one of three pods was unavailable");
    }

    @Test
    void aDaemonSetThatTimesOutSaysHowFarItGot() {
        ProviderException e = assertThrows(ProviderException.class, () -> createManifest(daemonSet("logs"), d -> {
            time.sleep(d);
            k.admin.apps().daemonSets().inNamespace("default").withName("logs").editStatus(s -> new DaemonSetBuilder(s)
                    .withNewStatus().withObservedGeneration(s.getMetadata().getGeneration()).withDesiredNumberScheduled(3)
                    .withCurrentNumberScheduled(3).withNumberMisscheduled(0).withUpdatedNumberScheduled(1)
                    .withNumberReady(3).withNumberAvailable(3).endStatus().build());
        }));
        assertEquals("cannot wait for DaemonSet default/logs: its rollout did not complete within 10s: 1 of 3 pods updated,"
                + " 3 available", e.getMessage());
    }

    @Test
    void aJobManifestWaitsUntilTheJobIsComplete() {
        createManifest(job("migrate"), d -> {
            time.sleep(d);
            if (time.pauses.size() < 2) return;
            k.admin.batch().v1().jobs().inNamespace("default").withName("migrate").editStatus(j -> new JobBuilder(j)
                    .withNewStatus().withStartTime("2026-11-25T10:00:00Z").withCompletionTime("2026-11-25T10:00:04Z")
                    .withSucceeded(1).withConditions(
                            new JobConditionBuilder().withType("SuccessCriteriaMet").withStatus("True").build(),
                            new JobConditionBuilder().withType("Complete").withStatus("True").build())
                    .endStatus().build());
        });
        assertEquals(2, time.pauses.size());
    }

    @Test
    void aFailedJobFailsAtOnceWithItsReasonAndThePodsError() {
        ProviderException e = assertThrows(ProviderException.class, () -> createManifest(job("seed"), d -> {
            time.sleep(d);
            var live = k.admin.batch().v1().jobs().inNamespace("default").withName("seed").get();
            stuckPod("seed-x7k2p", live.getSpec().getSelector().getMatchLabels(), new PodStatusBuilder().withPhase("Failed")
                    .withContainerStatuses(new ContainerStatusBuilder().withName("migrate").withImage("registry.example/migrate:1")
                            .withImageID("").withReady(false).withRestartCount(0).withNewState().withNewTerminated()
                            .withReason("Error").withExitCode(2).endTerminated().endState().build()).build());
            k.admin.batch().v1().jobs().inNamespace("default").withName("seed").editStatus(j -> new JobBuilder(j)
                    .withNewStatus().withStartTime("2026-11-25T10:00:00Z").withFailed(1).withConditions(
                            new JobConditionBuilder().withType("FailureTarget").withStatus("True")
                                    .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit").build(),
                            new JobConditionBuilder().withType("Failed").withStatus("True")
                                    .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit").build())
                    .endStatus().build());
        }));
        assertEquals("cannot wait for Job default/seed: the Job did not complete: 0 of 1 succeeded, 0 active, 1 failed;"
                + " BackoffLimitExceeded (Job has reached the specified backoff limit); pod seed-x7k2p container migrate:"
                + " Error (exit code 2)", e.getMessage());
        assertEquals(1, time.pauses.size(), "no waiting out the timeout once the Job has failed");
    }

    @Test
    void waitForRolloutFalseAppliesAManifestWithoutWaiting() {
        ObjectValue config = statefulSet("nowait").with("wait_for_rollout", Value.FALSE);
        createManifest(config, time);
        assertEquals(List.of(), time.pauses);
        assertEquals(2, k.admin.apps().statefulSets().inNamespace("default").withName("nowait").get().getSpec().getReplicas());
    }

    @Test
    void kindsWithoutARolloutAreNotWaitedFor() {
        createManifest(obj("manifest", obj("apiVersion", "v1", "kind", "ConfigMap", "metadata", obj("name", "plain"),
                "data", obj("a", "1"))), time);
        assertEquals(List.of(), time.pauses);
    }

    @Test
    void theStuckPodsAreFoundByTheSelectorsMatchExpressions() {
        ObjectValue labels = obj("app", "expr", "tier", "api");
        ObjectValue selector = obj("matchLabels", obj("app", "expr"), "matchExpressions", list(
                obj("key", "tier", "operator", "In", "values", list("api", "worker")),
                obj("key", "tier", "operator", "NotIn", "values", list("worker")),
                obj("key", "track", "operator", "Exists"),
                obj("key", "canary", "operator", "DoesNotExist")));
        ObjectValue config = obj("manifest", obj("apiVersion", "apps/v1", "kind", "Deployment", "metadata", obj("name", "expr"),
                "spec", obj("replicas", 1, "selector", selector,
                        "template", podTemplate(labels.with("track", Value.of("stable")), "registry.example/expr:1"))));
        ProviderException e = assertThrows(ProviderException.class, () -> createManifest(config, d -> {
            if (time.pauses.isEmpty()) {
                PodStatus pull = waiting("ImagePullBackOff", "Back-off pulling image");
                stuckPod("expr-selected", Map.of("app", "expr", "tier", "api", "track", "stable"), pull);
                stuckPod("expr-worker", Map.of("app", "expr", "tier", "worker", "track", "stable"), pull);
                stuckPod("expr-web", Map.of("app", "expr", "tier", "web", "track", "stable"), pull);
                stuckPod("expr-untracked", Map.of("app", "expr", "tier", "api"), pull);
                stuckPod("expr-canary", Map.of("app", "expr", "tier", "api", "track", "stable", "canary", "true"), pull);
                k.admin.apps().deployments().inNamespace("default").withName("expr").editStatus(dep -> new DeploymentBuilder(dep)
                        .withNewStatus().withObservedGeneration(dep.getMetadata().getGeneration()).withReplicas(1)
                        .withUpdatedReplicas(1).withUnavailableReplicas(1).endStatus().build());
            }
            time.sleep(d);
        }));
        assertEquals("cannot wait for Deployment default/expr: its rollout did not complete within 10s: 1 of 1 replicas"
                + " updated, 0 available, 1 in all; pod expr-selected container app: ImagePullBackOff (Back-off pulling image)",
                e.getMessage());
    }
}
