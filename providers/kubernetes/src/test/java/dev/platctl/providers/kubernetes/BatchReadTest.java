package dev.platctl.providers.kubernetes;

import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Refresh reads Kubernetes objects with one list call per kind and namespace, counted on the wire. */
@ExtendWith(KubeApiServer.class)
class BatchReadTest {
    private Fixture k;
    private Cluster counted;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
        Interceptor recorder = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
                requests.add(request.method() + " " + request.uri().getPath() + (request.uri().getQuery() == null ? "" : "?" + request.uri().getQuery()));
            }
        };
        counted = new Cluster(Fixture.settings(Duration.ofSeconds(30)), b -> b.addOrReplaceInterceptor("record", recorder));
    }

    @AfterEach
    void stop() {
        counted.close();
        k.close();
    }

    @Test
    void readAllOfTwoKindsInTwoNamespacesListsFourTimesAndGetsNothingByName() {
        List<ObjectValue> configMaps = new ArrayList<>();
        List<ObjectValue> secrets = new ArrayList<>();
        for (String ns : List.of("default", "kube-public"))
            for (int i = 0; i < 3; i++) {
                configMaps.add(k.create(ConfigMapType.TYPE, obj("name", "batch-cm-" + i, "namespace", ns, "data", obj("i", "" + i)),
                        "batch.kubernetes_config_map.c" + i + ns));
                secrets.add(k.create(SecretType.TYPE, obj("name", "batch-secret-" + i, "namespace", ns, "data", obj("i", "" + i)),
                        "batch.kubernetes_secret.s" + i + ns));
            }
        ConfigMapType configMapType = new ConfigMapType(counted);
        SecretType secretType = new SecretType(counted);
        counted.kind("v1", "ConfigMap");
        counted.kind("v1", "Secret");
        requests.clear();

        List<Optional<ObjectValue>> readMaps = configMapType.readAll(configMaps);
        List<Optional<ObjectValue>> readSecrets = secretType.readAll(secrets);

        assertEquals(List.of("GET /api/v1/namespaces/default/configmaps", "GET /api/v1/namespaces/kube-public/configmaps",
                "GET /api/v1/namespaces/default/secrets", "GET /api/v1/namespaces/kube-public/secrets"), requests,
                "one list per kind and namespace for 12 objects, and no get by name");
        assertEquals(configMaps.stream().map(Value::unmarked).toList(), readMaps.stream().map(o -> o.orElseThrow().unmarked()).toList());
        assertEquals(secrets.stream().map(Value::unmarked).toList(), readSecrets.stream().map(o -> o.orElseThrow().unmarked()).toList());
    }

    /**
     * Finding out that nothing defines a kind takes four requests (its version, its group, the definitions and the
     * APIServices), made once for the run however many states are read.
     */
    @Test
    void statesOfAKindNothingDefinesAreGoneAfterOneDiscoveryForTheRun() {
        ManifestType manifests = new ManifestType(counted, new RolloutWaiter(counted, java.time.Clock.systemUTC(), Sleeper.REAL));
        List<ObjectValue> states = new ArrayList<>();
        for (int i = 0; i < 5; i++)
            states.add(obj("manifest", obj("apiVersion", "deleted.platctl.dev/v1", "kind", "Relic", "metadata", obj("name", "relic-" + i)),
                    "id", "default/relic-" + i));
        counted.kind("v1", "ConfigMap");
        requests.clear();

        assertEquals(java.util.Collections.nCopies(5, Optional.empty()), manifests.readAll(states));
        assertEquals(java.util.Collections.nCopies(5, Optional.empty()), manifests.readAll(states));
        assertEquals(Optional.empty(), manifests.read(states.get(0)));
        manifests.delete(states.get(1));

        assertEquals(List.of("GET /apis/deleted.platctl.dev/v1", "GET /apis/deleted.platctl.dev",
                "GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions", "GET /apis/apiregistration.k8s.io/v1/apiservices"), requests);
    }
}
