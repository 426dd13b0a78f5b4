package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderException;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One cluster as the resource types see it: objects as plain maps, read, listed, applied with
 * server-side apply as field manager {@value #FIELD_MANAGER} and deleted; the client is made on first use.
 */
final class Cluster implements AutoCloseable {
    static final String FIELD_MANAGER = "platctl";
    /** The reasons of an {@code Established=False} condition that no wait ends: the API server refused the definition. */
    private static final Set<String> REFUSED = Set.of("NotAccepted", "InstallationFailure");

    private final ClusterSettings settings;
    private final Consumer<HttpClient.Builder> http;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final Map<String, Optional<APIResourceList>> resources = new ConcurrentHashMap<>();
    private final Map<String, Optional<List<String>>> groups = new ConcurrentHashMap<>();
    private final Map<String, Verdict> unserved = new ConcurrentHashMap<>();
    private volatile List<CustomResourceDefinition> definitions;
    private volatile KubernetesClient client;
    private volatile String defaultNamespace;

    Cluster(ClusterSettings settings) {
        this(settings, b -> {
        });
    }

    /** With {@code http}: changes to the HTTP client, such as an interceptor that counts requests in tests. */
    Cluster(ClusterSettings settings, Consumer<HttpClient.Builder> http) {
        this.settings = settings;
        this.http = http;
    }

    String defaultNamespace() {
        client();
        return defaultNamespace;
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
        String key = apiVersion + "/" + kind;
        Kind k = kinds.get(key);
        if (k != null) return k;
        Optional<APIResource> found = served(apiVersion, kind);
        if (found.isPresent()) {
            k = new Kind(apiVersion, kind, Boolean.TRUE.equals(found.get().getNamespaced()),
                    ResourceDefinitionContext.fromApiResource(apiVersion, found.get()));
            kinds.put(key, k);
            return k;
        }
        Verdict why = unserved.get(key);
        if (why == null) {
            why = whyNotServed(apiVersion, kind);
            if (why.retryable()) definitionsChanged(); // the definition is on its way: discover afresh next time
            else unserved.put(key, why);
        }
        throw why.exception(apiVersion, kind);
    }

    /**
     * Forgets what discovery found, for after a CustomResourceDefinition was applied or deleted: the kinds the API
     * server serves, and their scope, may have changed.
     */
    void definitionsChanged() {
        kinds.clear();
        resources.clear();
        groups.clear();
        unserved.clear();
        definitions = null;
    }

    private Optional<APIResource> served(String apiVersion, String kind) {
        Optional<APIResourceList> list = resources.computeIfAbsent(apiVersion, v -> {
            try {
                return Optional.ofNullable(client().getApiResources(v));
            } catch (KubernetesClientException e) {
                throw ApiErrors.of("discover", "kind " + kind + " in " + apiVersion, null, e);
            }
        });
        return list.flatMap(l -> l.getResources().stream()
                .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/")).findFirst());
    }

    /**
     * Why the kind is not served at this apiVersion. Its objects are gone only when nothing defines the kind any more:
     * no version of its group serves it and no CustomResourceDefinition defines it (it was deleted, and its objects
     * with it). A definition whose version is not served yet (it is being created, maybe by this same apply) is
     * retryable; any other case (a version the cluster stopped serving, a typo) is an error that retrying cannot fix.
     */
    private Verdict whyNotServed(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        Optional<List<String>> versions = groupVersions(group, kind);
        List<String> servedAs = new ArrayList<>();
        for (String v : versions.orElse(List.of())) {
            String other = group.isEmpty() ? v : group + "/" + v;
            if (!other.equals(apiVersion) && served(other, kind).isPresent()) servedAs.add(other);
        }
        Optional<CustomResourceDefinition> crd;
        try {
            crd = group.isEmpty() ? Optional.empty() : definition(group, kind);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 401 && e.getCode() != 403) throw ApiErrors.of("list", "CustomResourceDefinitions", null, e);
            return new Verdict((servedAs.isEmpty() ? "the API server does not serve it"
                    : "the API server serves it only as " + String.join(", ", servedAs))
                    + ", and platctl may not list CustomResourceDefinitions to tell whether its definition was deleted ("
                    + e.getCode() + ")", false, false);
        }
        if (crd.isPresent()) return definitionVerdict(crd.get(), group, version);
        if (!servedAs.isEmpty()) return new Verdict("the API server serves it only as " + String.join(", ", servedAs), false, false);
        if (versions.isEmpty())
            return new Verdict("the API server serves no API group " + group + " and no CustomResourceDefinition defines the kind", false, true);
        String where = group.isEmpty() ? "the core API group (v1)"
                : "API group " + group + " (" + String.join(", ", versions.get().stream().map(v -> group + "/" + v).toList()) + ")";
        return new Verdict("the API server serves no such kind in " + where
                + (group.isEmpty() ? "" : " and no CustomResourceDefinition defines it"), false, true);
    }

    /**
     * Why the kind of an existing CustomResourceDefinition is not served at {@code group/version}: retryable only while the
     * definition is on its way (it serves the version and the API server has not refused it); a definition whose names
     * the API server did not accept ({@code NamesAccepted=False}, or {@code Established=False} because of that or of a
     * failed installation) is never served, so waiting cannot help.
     */
    static Verdict definitionVerdict(CustomResourceDefinition crd, String group, String version) {
        String name = crd.getMetadata().getName();
        List<String> declared = crd.getSpec().getVersions().stream()
                .filter(v -> Boolean.TRUE.equals(v.getServed())).map(v -> v.getName()).toList();
        if (!declared.contains(version))
            return new Verdict("its CustomResourceDefinition " + name + (declared.isEmpty() ? " serves no version"
                    : " serves only " + String.join(", ", declared.stream().map(v -> group + "/" + v).toList())), false, false);
        Optional<CustomResourceDefinitionCondition> refused = definitionConditions(crd).stream()
                .filter(c -> "False".equals(c.getStatus()) && ("NamesAccepted".equals(c.getType())
                        || ("Established".equals(c.getType()) && REFUSED.contains(c.getReason()))))
                .findFirst();
        if (refused.isPresent()) {
            CustomResourceDefinitionCondition c = refused.get();
            return new Verdict("its CustomResourceDefinition " + name + " serves " + version + ", but the API server will not serve"
                    + " it: " + c.getType() + "=False" + (c.getReason() == null ? "" : " (" + c.getReason() + ")")
                    + (c.getMessage() == null || c.getMessage().isBlank() ? "" : ": " + c.getMessage()), false, false);
        }
        return new Verdict("its CustomResourceDefinition " + name + " serves " + version
                + ", but the API server does not serve it yet; the definition's conditions are " + conditionsOf(crd), true, false);
    }

    /** The versions the API server serves of the group, empty when it serves no such group. */
    private Optional<List<String>> groupVersions(String group, String kind) {
        return groups.computeIfAbsent(group, g -> {
            try {
                if (g.isEmpty()) return Optional.of(List.copyOf(client().getAPIVersions().getVersions()));
                APIGroup found = client().getApiGroup(g);
                return Optional.ofNullable(found).map(a -> a.getVersions().stream().map(GroupVersionForDiscovery::getVersion).toList());
            } catch (KubernetesClientException e) {
                throw ApiErrors.of("discover", "kind " + kind + " in API group " + (g.isEmpty() ? "core" : g), null, e);
            }
        });
    }

    private Optional<CustomResourceDefinition> definition(String group, String kind) {
        List<CustomResourceDefinition> all = definitions;
        if (all == null) definitions = all = List.copyOf(client().apiextensions().v1().customResourceDefinitions().list().getItems());
        return all.stream().filter(d -> group.equals(d.getSpec().getGroup()) && kind.equals(d.getSpec().getNames().getKind())).findFirst();
    }

    private static List<CustomResourceDefinitionCondition> definitionConditions(CustomResourceDefinition crd) {
        return crd.getStatus() == null || crd.getStatus().getConditions() == null ? List.of() : crd.getStatus().getConditions();
    }

    private static String conditionsOf(CustomResourceDefinition crd) {
        return definitionConditions(crd).stream().map(c -> c.getType() + "=" + c.getStatus() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")"))
                .toList().toString();
    }

    /** What {@link #whyNotServed} found, remembered for the run. */
    record Verdict(String reason, boolean retryable, boolean gone) {
        KindNotServed exception(String apiVersion, String kind) {
            return new KindNotServed(apiVersion, kind, reason, retryable, gone);
        }
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

    /** Applies the object with server-side apply; a conflict with another field manager names that manager. */
    Map<String, Object> apply(Kind kind, Map<String, Object> manifest, boolean force) {
        GenericKubernetesResource r = client().getKubernetesSerialization().convertValue(manifest, GenericKubernetesResource.class);
        String namespace = kind.namespaced() ? r.getMetadata().getNamespace() : null;
        String id = id(namespace, r.getMetadata().getName());
        try {
            var op = in(kind, namespace).resource(r).fieldManager(FIELD_MANAGER);
            return toMap(force ? op.forceConflicts().serverSideApply() : op.serverSideApply());
        } catch (KubernetesClientException e) {
            if (e.getCode() == ApiErrors.CONFLICT) throw ApiErrors.conflict("apply", kind.kind(), id, e);
            throw ApiErrors.of("apply", kind.kind(), id, e);
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
        synchronized (this) {
            if (client == null) {
                Config config;
                try {
                    config = settings.toConfig();
                } catch (KubernetesClientException e) {
                    throw new ProviderException("cannot configure the kubernetes provider: " + ApiErrors.chain(e), false, null);
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
