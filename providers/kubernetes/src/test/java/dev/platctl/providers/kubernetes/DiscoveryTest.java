package dev.platctl.providers.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery while several workers look up kinds and apply definitions at once, made deterministic by an interceptor that
 * holds one API server answer until the test lets it through.
 */
@ExtendWith(KubeApiServer.class)
class DiscoveryTest {
    private static final String DEFINITIONS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    /** How long a test waits for the API server or a worker before it gives up: a guard against hanging, not a measure. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Hold hold = new Hold();
    /** Paths whose GET the interceptor sends elsewhere, to stand for an API server that answers differently. */
    private final Map<String, Rewrite> rewrites = new ConcurrentHashMap<>();

    /** Sends a GET to another path: always, or only the next {@code times} times. */
    private record Rewrite(String to, boolean always, AtomicInteger times) {
        static Rewrite always(String to) {
            return new Rewrite(to, true, new AtomicInteger());
        }

        static Rewrite times(int n, String to) {
            return new Rewrite(to, false, new AtomicInteger(n));
        }

        boolean applies() {
            return always || times.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }
    private Fixture k;
    private Cluster cluster;

    /** Holds the first answer to a GET of one path, after it arrived, until {@link #release()}. */
    private static final class Hold {
        private volatile String path;
        private final AtomicInteger answers = new AtomicInteger();
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void first(String path) {
            this.path = path;
        }

        void answered(HttpRequest request) {
            if (!request.method().equals("GET") || !request.uri().getPath().equals(path) || answers.getAndIncrement() > 0) return;
            arrived.countDown();
            try {
                if (!released.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitArrival() throws InterruptedException {
            assertTrue(arrived.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the held answer never arrived");
        }

        void release() {
            released.countDown();
        }
    }

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
        Interceptor interceptor = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
                requests.add(request.method() + " " + request.uri().getPath());
                Rewrite r = rewrites.get(request.uri().getPath());
                if (r != null && request.method().equals("GET") && r.applies()) builder.uri(request.uri().resolve(r.to()));
            }

            @Override
            public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
                hold.answered(request);
            }
        };
        cluster = new Cluster(Fixture.settings(Duration.ofSeconds(30)), b -> b.addOrReplaceInterceptor("test", interceptor));
        cluster.kind("v1", "ConfigMap"); // the client is made and connected before the test's own requests
        requests.clear();
    }

    @AfterEach
    void stop() {
        hold.release();
        cluster.close();
        k.close();
    }

    /**
     * One worker is looking up a kind nothing defines yet (it has the list of definitions in hand, without its
     * definition) when another applies the definition and forgets discovery: the first does not return, nor leave behind
     * for the rest of the run, what it found before the definition existed.
     */
    @Test
    void aLookupOvertakenByADefinitionChangeLooksAgainInsteadOfReturningOrRememberingWhatIsStale() throws Exception {
        hold.first(DEFINITIONS);
        CompletableFuture<Kind> racing = CompletableFuture.supplyAsync(() -> cluster.kind("race.platctl.dev/v1", "Racer"));
        hold.awaitArrival();
        CustomResourceDefinition crd = definition("racers", "Racer", "race.platctl.dev");
        try {
            k.admin.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            waitUntil(() -> served("race.platctl.dev/v1", "racers"), "the definition is served");
            cluster.definitionsChanged();
            hold.release();

            Kind found = racing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals("racers", found.context().getPlural(), "the lookup that was overtaken found the kind");
            assertTrue(found.namespaced());
            KindNotServed otherVersion = assertThrows(KindNotServed.class, () -> cluster.kind("race.platctl.dev/v2", "Racer"));
            assertEquals("cannot find kind Racer in race.platctl.dev/v2: its CustomResourceDefinition racers.race.platctl.dev serves"
                    + " only race.platctl.dev/v1", otherVersion.getMessage(), "the run's list of definitions has the new one");
        } finally {
            deleteDefinition("racers.race.platctl.dev");
        }
    }

    /**
     * Two workers refresh objects of two kinds nothing defines any more: the second waits for the first's list of
     * definitions instead of making its own, and both find their objects gone.
     */
    @Test
    void lookupsAtTheSameTimeShareOneListOfDefinitions() throws Exception {
        hold.first(DEFINITIONS);
        CompletableFuture<KindNotServed> first = notServed("parallel.platctl.dev/v1", "Alpha");
        hold.awaitArrival();
        Thread[] second = new Thread[1];
        CompletableFuture<KindNotServed> other = new CompletableFuture<>();
        second[0] = new Thread(() -> {
            try {
                cluster.kind("parallel.platctl.dev/v1", "Beta");
                other.completeExceptionally(new AssertionError("Beta is served"));
            } catch (KindNotServed e) {
                other.complete(e);
            } catch (RuntimeException e) {
                other.completeExceptionally(e);
            }
        });
        second[0].start();
        waitUntil(() -> second[0].getState() == Thread.State.WAITING || count(DEFINITIONS) > 1,
                "the second lookup waits for the first one's list, or makes its own");
        hold.release();

        assertTrue(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).gone());
        assertTrue(other.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).gone());
        assertEquals(1, count(DEFINITIONS), () -> "one list of definitions for both: " + requests);
        assertEquals(1, count("/apis/parallel.platctl.dev/v1"), () -> "and one discovery of the version: " + requests);
        KindNotServed again = assertThrows(KindNotServed.class, () -> cluster.kind("parallel.platctl.dev/v1", "Gamma"));
        assertTrue(again.gone());
        assertEquals(1, count(DEFINITIONS), () -> "and none for a third kind later in the run: " + requests);
    }

    private static final ResourceDefinitionContext API_SERVICES = new ResourceDefinitionContext.Builder()
            .withGroup("apiregistration.k8s.io").withVersion("v1").withKind("APIService").withPlural("apiservices")
            .withNamespaced(false).build();

    private static ObjectValue state(String apiVersion, String kind, String name) {
        return obj("manifest", obj("apiVersion", apiVersion, "kind", kind, "metadata", obj("name", name)), "id", "default/" + name);
    }

    /**
     * An APIService hands API group aggregated.platctl.dev to an aggregated API server that is not there (its service
     * does not exist), as during an upgrade of that server: its objects live in that server, so they are not gone, whether
     * the API server answers its discovery with 503 (as it does here) or the aggregated server answers that it serves
     * nothing at that version (which the interceptor plays).
     */
    @Test
    void objectsOfAGroupAnAggregatedApiServerServesAreNeverGoneWhileThatServerIsAway() throws Exception {
        GenericKubernetesResource apiService = k.admin.getKubernetesSerialization().convertValue(Map.of(
                "apiVersion", "apiregistration.k8s.io/v1", "kind", "APIService", "metadata", Map.of("name", "v1.aggregated.platctl.dev"),
                "spec", Map.of("group", "aggregated.platctl.dev", "version", "v1", "insecureSkipTLSVerify", true,
                        "groupPriorityMinimum", 1000, "versionPriority", 15,
                        "service", Map.of("namespace", "default", "name", "metrics-nowhere", "port", 443))),
                GenericKubernetesResource.class);
        var created = k.admin.genericKubernetesResources(API_SERVICES).resource(apiService);
        created.create();
        try {
            waitUntil(() -> created.get().getAdditionalProperties().get("status") instanceof Map<?, ?> status
                    && status.get("conditions") instanceof List<?> conditions && !conditions.isEmpty(), "the APIService is checked");
            ManifestType manifests = new ManifestType(cluster, new RolloutWaiter(cluster, java.time.Clock.systemUTC(), Sleeper.REAL));
            ObjectValue metric = state("aggregated.platctl.dev/v1", "Metric", "cpu");

            ProviderException unavailable = assertThrows(ProviderException.class, () -> manifests.read(metric));
            assertEquals("cannot discover kind Metric in aggregated.platctl.dev/v1: Service Unavailable (status 503)", unavailable.getMessage());
            assertTrue(unavailable.retryable());

            rewrites.put("/apis/aggregated.platctl.dev/v1", Rewrite.always("/apis/aggregated.platctl.dev/v9"));
            cluster.definitionsChanged();
            String expected = "cannot find kind Metric in aggregated.platctl.dev/v1: the API server serves no such kind in API group"
                    + " aggregated.platctl.dev (aggregated.platctl.dev/v1) and no CustomResourceDefinition defines it, but an aggregated"
                    + " API server serves API group aggregated.platctl.dev and may still hold its objects: APIService"
                    + " v1.aggregated.platctl.dev (service default/metrics-nowhere) is Available=False (ServiceNotFound):"
                    + " service/metrics-nowhere in \"default\" is not present";
            for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> manifests.read(metric), () -> manifests.readAll(List.of(metric)), () -> manifests.delete(metric))) {
                ProviderException e = assertThrows(ProviderException.class, call);
                assertEquals(expected, e.getMessage());
                assertTrue(e.retryable(), "the aggregated API server may come back");
            }
        } finally {
            created.delete();
        }
    }

    /**
     * Telling a kind whose definition was deleted from one whose objects live elsewhere takes listing
     * CustomResourceDefinitions and APIServices; a user RBAC lets do neither, then only the first, gets an error that says
     * so, not objects reported gone.
     */
    @Test
    void withoutPermissionToListDefinitionsOrApiServicesAnUnservedKindIsAnErrorNotGone() throws Exception {
        KubeApiServer.ControlPlane cp = KubeApiServer.get();
        ClusterSettings unprivileged = new ClusterSettings(Optional.empty(), Optional.empty(), Optional.of(cp.host()),
                Optional.of(cp.unprivilegedToken()), Optional.of(cp.caCert()), Optional.empty(), Duration.ofSeconds(30),
                cp.dir(), Map.of(), ClusterSettings.SERVICE_ACCOUNT);
        String role = "platctl-test-list-definitions";
        try (Cluster limited = new Cluster(unprivileged);
             KubernetesClient asUser = new KubernetesClientBuilder().withConfig(unprivileged.toConfig()).build()) {
            ManifestType manifests = new ManifestType(limited, new RolloutWaiter(limited, java.time.Clock.systemUTC(), Sleeper.REAL));
            ObjectValue thing = state("rbac.platctl.dev/v1", "Thing", "t");
            for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> manifests.read(thing), () -> manifests.readAll(List.of(thing)), () -> manifests.delete(thing))) {
                ProviderException e = assertThrows(ProviderException.class, call);
                assertEquals("cannot find kind Thing in rbac.platctl.dev/v1: the API server does not serve it, and platctl may not list"
                        + " CustomResourceDefinitions to tell whether its definition was deleted (403)", e.getMessage());
                assertFalse(e.retryable());
            }

            k.admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(role).endMetadata()
                    .addNewRule().withApiGroups("apiextensions.k8s.io").withResources("customresourcedefinitions").withVerbs("list")
                    .endRule().build()).create();
            k.admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(role).endMetadata()
                    .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                    .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(KubeApiServer.UNPRIVILEGED_USER)
                    .endSubject().build()).create();
            waitUntil(() -> asUser.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                    .withNewSpec().withNewResourceAttributes().withGroup("apiextensions.k8s.io").withResource("customresourcedefinitions")
                    .withVerb("list").endResourceAttributes().endSpec().build()).getStatus().getAllowed(),
                    "the API server lets the user list definitions");
            limited.definitionsChanged();
            ProviderException e = assertThrows(ProviderException.class, () -> manifests.read(thing));
            assertEquals("cannot find kind Thing in rbac.platctl.dev/v1: the API server serves no API group rbac.platctl.dev and no"
                    + " CustomResourceDefinition defines the kind, and platctl may not list APIServices to tell whether an aggregated"
                    + " API server serves the group (403)", e.getMessage());
            assertThrows(ProviderException.class, () -> manifests.delete(thing));
        } finally {
            k.admin.rbac().clusterRoleBindings().withName(role).delete();
            k.admin.rbac().clusterRoles().withName(role).delete();
        }
    }

    /**
     * The API server reports a definition Established a moment before its discovery lists the kind (the interceptor
     * stretches that moment over three discovery requests): creating the definition waits for discovery too, so a custom
     * resource created right after it is served at the first attempt.
     */
    @Test
    void creatingADefinitionWaitsUntilDiscoveryServesItsKindSoItsCustomResourcesAreCreatedAtOnce() throws Exception {
        rewrites.put("/apis/lag.platctl.dev/v1", Rewrite.times(3, "/apis/lag.platctl.dev/v9"));
        ManifestType manifests = new ManifestType(cluster, new RolloutWaiter(cluster, java.time.Clock.systemUTC(), Sleeper.REAL));
        ObjectValue crd = obj("manifest", Manifests.fromJava(k.admin.getKubernetesSerialization().convertValue(
                definition("lagers", "Lager", "lag.platctl.dev"), Map.class)));
        ObjectValue crdState = manifests.create(manifests.plan(Optional.empty(), crd).planned(), "lag.kubernetes_manifest.crd");
        try {
            ObjectValue lager = obj("manifest", obj("apiVersion", "lag.platctl.dev/v1", "kind", "Lager", "metadata", obj("name", "l")));
            ObjectValue created = manifests.create(manifests.plan(Optional.empty(), lager).planned(), "lag.kubernetes_manifest.l");
            assertEquals("default/l", Fixture.string(created, "id"));
            assertTrue(count("/apis/lag.platctl.dev/v1") >= 5, () -> "three answers without the kind and one with it while the"
                    + " definition was created, then the custom resource's own lookup: " + requests);
        } finally {
            manifests.delete(crdState);
        }
    }

    private CompletableFuture<KindNotServed> notServed(String apiVersion, String kind) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                cluster.kind(apiVersion, kind);
            } catch (KindNotServed e) {
                return e;
            }
            throw new AssertionError(kind + " is served");
        });
    }

    private long count(String path) {
        synchronized (requests) {
            return requests.stream().filter(Predicate.isEqual("GET " + path)).count();
        }
    }

    private boolean served(String apiVersion, String plural) {
        var list = k.admin.getApiResources(apiVersion);
        return list != null && list.getResources().stream().anyMatch(r -> r.getName().equals(plural));
    }

    private void deleteDefinition(String name) {
        var crd = k.admin.apiextensions().v1().customResourceDefinitions().withName(name);
        crd.delete();
        crd.waitUntilCondition(Objects::isNull, PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    static CustomResourceDefinition definition(String plural, String kind, String group) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + "." + group).endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withPlural(plural).withSingular(kind.toLowerCase()).withKind(kind).endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema().withNewOpenAPIV3Schema()
                .withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build();
    }

    /** Waits for a condition (of the API server, or of another thread) that the test cannot be told of directly. */
    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("gave up waiting: " + what);
            Thread.sleep(10);
        }
    }
}
