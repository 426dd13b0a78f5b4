package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.http.HttpClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One cluster as the resource types see it: objects as plain maps, read, listed, applied with
 * server-side apply as field manager {@value #FIELD_MANAGER} and deleted; the client is made on first use. An offline
 * cluster (for {@code platctl validate}) never makes one: planning needs no kubeconfig, and any call to the API server
 * is refused.
 */
final class Cluster implements AutoCloseable {
    static final String FIELD_MANAGER = "platctl";
    private static final Duration DISCOVERY_POLL = Duration.ofMillis(100);

    private final ClusterSettings settings;
    private final boolean offline;
    private final Consumer<HttpClient.Builder> http;
    private final Discovery discovery = new Discovery(this::client);
    private volatile KubernetesClient client;
    private volatile String defaultNamespace;

    Cluster(ClusterSettings settings) {
        this(settings, false);
    }

    Cluster(ClusterSettings settings, boolean offline) {
        this(settings, offline, b -> {
        });
    }

    /** With {@code http}: changes to the HTTP client, such as an interceptor that counts requests in tests. */
    Cluster(ClusterSettings settings, Consumer<HttpClient.Builder> http) {
        this(settings, false, http);
    }

    private Cluster(ClusterSettings settings, boolean offline, Consumer<HttpClient.Builder> http) {
        this.settings = settings;
        this.offline = offline;
        this.http = http;
    }

    String defaultNamespace() {
        client();
        return defaultNamespace;
    }

    /**
     * The namespace a plan gives an object that names none: the provider block's {@code namespace}, else the kubeconfig
     * context's, else "default". Offline, only the block's is known without reading the kubeconfig, and an object
     * without a namespace is planned with it unknown.
     */
    Value plannedNamespace() {
        if (offline) return settings.namespace().<Value>map(Value::of).orElse(Value.UNKNOWN);
        return Value.of(defaultNamespace());
    }

    Duration waitTimeout() {
        return settings.waitTimeout();
    }

    /**
     * How the API server serves {@code apiVersion}/{@code kind}, found by discovery; what discovery finds (served
     * or not) is remembered for the run, until {@link #definitionsChanged()}. Fails with {@link KindNotServed}, which
     * says why and whether the kind's objects are gone.
     */
    Kind kind(String apiVersion, String kind) {
        return discovery.kind(apiVersion, kind);
    }

    /**
     * Forgets what discovery found, for after a CustomResourceDefinition was applied or deleted: the kinds the API
     * server serves, and their scope, may have changed.
     */
    void definitionsChanged() {
        discovery.forget();
    }

    Optional<Map<String, Object>> get(Kind kind, String namespace, String name) {
        try {
            GenericKubernetesResource r = in(kind, namespace).withName(name).get();
            return Optional.ofNullable(r).map(this::toMap);
        } catch (KubernetesClientException e) {
            throw ApiErrors.of("read", kind.kind(), id(namespace, name), e);
        }
    }

    /** Every object of the kind in one namespace (or cluster-wide), optionally only those with a label. */
    List<Map<String, Object>> list(Kind kind, String namespace, Optional<Map.Entry<String, String>> label) {
        try {
            NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op = in(kind, namespace);
            GenericKubernetesResourceList l = label.isPresent()
                    ? op.withLabel(label.get().getKey(), label.get().getValue()).list()
                    : op.list();
            return l.getItems().stream().map(this::toMap).toList();
        } catch (KubernetesClientException e) {
            throw ApiErrors.of("list", kind.kind() + (namespace == null ? "" : " in namespace " + namespace), null, e);
        }
    }

    /** The objects of the kind in one namespace that a label query such as {@code app=web,tier in (api)} selects. */
    List<Map<String, Object>> listSelected(Kind kind, String namespace, String labelQuery) {
        try {
            return in(kind, namespace).withLabelSelector(labelQuery).list().getItems().stream().map(this::toMap).toList();
        } catch (KubernetesClientException e) {
            throw ApiErrors.of("list", kind.kind() + " in namespace " + namespace + " selected by " + labelQuery, null, e);
        }
    }

    /**
     * Applies the object with server-side apply; a conflict with another field manager names that manager. The values of a
     * Secret are taken out of the API server's answer.
     */
    Map<String, Object> apply(Kind kind, Map<String, Object> manifest, boolean force) {
        GenericKubernetesResource r = client().getKubernetesSerialization().convertValue(manifest, GenericKubernetesResource.class);
        String namespace = kind.namespaced() ? r.getMetadata().getNamespace() : null;
        String id = id(namespace, r.getMetadata().getName());
        try {
            var op = in(kind, namespace).resource(r).fieldManager(FIELD_MANAGER);
            return toMap(force ? op.forceConflicts().serverSideApply() : op.serverSideApply());
        } catch (KubernetesClientException e) {
            SecretValues sent = SecretValues.of(manifest);
            if (e.getCode() == ApiErrors.CONFLICT) throw ApiErrors.conflict("apply", kind.kind(), id, e, sent);
            throw ApiErrors.of("apply", kind.kind(), id, e, sent);
        }
    }

    /** Deletes the object and waits until it is gone (finalizers done), at most the configured timeout. */
    void delete(Kind kind, String namespace, String name) {
        try {
            Resource<GenericKubernetesResource> res = in(kind, namespace).withName(name);
            res.delete();
            res.waitUntilCondition(o -> o == null, settings.waitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return;
            if (e instanceof KubernetesClientTimeoutException)
                throw ProviderException.of("delete", kind.kind(), id(namespace, name), "still there after "
                        + settings.waitTimeout().toSeconds() + "s; finalizers " + finalizers(kind, namespace, name) + " have not finished",
                        true, null);
            throw ApiErrors.of("delete", kind.kind(), id(namespace, name), e);
        }
    }

    /**
     * Waits until the object's status has the condition with status True, at most the configured timeout; the
     * message of a timeout lists the object's conditions, which say why (a CustomResourceDefinition whose names
     * another one holds is not Established, and its NamesAccepted condition says so). The timeout is not retryable: a
     * create made again would find the object it applied and take it as created without waiting.
     */
    void awaitCondition(Kind kind, String namespace, String name, String condition) {
        try {
            in(kind, namespace).withName(name).waitUntilCondition(o -> o != null && conditions(toMap(o)).stream()
                    .anyMatch(c -> condition.equals(c.get("type")) && "True".equals(c.get("status"))),
                    settings.waitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            String now = get(kind, namespace, name).map(o -> conditions(o).stream()
                    .map(c -> c.get("type") + "=" + c.get("status") + (c.get("message") == null ? "" : " (" + c.get("message") + ")"))
                    .toList().toString()).orElse("[] (the object is gone)");
            throw ProviderException.of("apply", kind.kind(), id(namespace, name), "not " + condition + " after "
                    + settings.waitTimeout().toSeconds() + "s; its conditions are " + now, false, null);
        } catch (KubernetesClientException e) {
            throw ApiErrors.of("wait for", kind.kind(), id(namespace, name), e);
        }
    }

    /**
     * Waits, at most the configured timeout, until discovery lists {@code kind} at each of {@code versions} of
     * {@code group}: the API server reports a CustomResourceDefinition Established a moment before its discovery serves
     * the kind, and a custom resource looked up in between would find its kind not served yet. Gives up quietly: a
     * custom resource then fails with the retryable error that says so.
     */
    void awaitServed(String group, String kind, List<String> versions) {
        long deadline = System.nanoTime() + settings.waitTimeout().toNanos();
        List<String> waiting = new ArrayList<>(versions);
        while (true) {
            waiting.removeIf(v -> {
                try {
                    APIResourceList served = client().getApiResources(group + "/" + v);
                    return served != null && served.getResources().stream().anyMatch(r -> kind.equals(r.getKind()));
                } catch (KubernetesClientException e) {
                    return false;
                }
            });
            if (waiting.isEmpty() || System.nanoTime() - deadline > 0) return;
            try {
                Thread.sleep(DISCOVERY_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<Map<String, Object>> conditions(Map<String, Object> object) {
        return Manifests.list(Manifests.map(object.get("status")).get("conditions")).stream().map(Manifests::map).toList();
    }

    private String finalizers(Kind kind, String namespace, String name) {
        return get(kind, namespace, name).map(Manifests::finalizers).orElse(List.of()).toString();
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> in(Kind kind, String namespace) {
        var all = client().genericKubernetesResources(kind.context());
        return kind.namespaced() ? all.inNamespace(namespace) : all;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(GenericKubernetesResource r) {
        return client().getKubernetesSerialization().convertValue(r, Map.class);
    }

    private static String id(String namespace, String name) {
        return namespace == null ? name : namespace + "/" + name;
    }

    KubernetesClient client() {
        KubernetesClient c = client;
        if (c != null) return c;
        if (offline)
            throw new ProviderException("cannot reach the cluster: provider \"" + KubernetesProvider.NAME + "\" was made offline,"
                    + " to plan without the API server (platctl validate)");
        synchronized (this) {
            if (client == null) {
                Config config;
                try {
                    config = settings.toConfig();
                } catch (KubernetesClientException e) {
                    throw new ProviderConfigurationException(KubernetesProvider.NAME, ApiErrors.chain(e));
                }
                defaultNamespace = settings.defaultNamespace(config);
                client = new KubernetesClientBuilder().withConfig(config).withHttpClientBuilderConsumer(http).build();
            }
            return client;
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) client.close();
    }
}
