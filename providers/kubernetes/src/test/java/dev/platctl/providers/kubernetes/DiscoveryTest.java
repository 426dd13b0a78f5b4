package dev.platctl.providers.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
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
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
