package dev.platctl.providers.kubernetes;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Which kinds the API server serves, and why one is not, as discovery finds them: remembered for the run in one
 * snapshot, which {@link #forget()} replaces whole. Lookups running at the same time share each request (one list of
 * CustomResourceDefinitions per snapshot, however many workers refresh), and a lookup that a {@link #forget()}
 * overtook looks again in the new snapshot, so nothing found before a definition changed outlives the change.
 */
final class Discovery {
    /** The reasons of an {@code Established=False} condition that no wait ends: the API server refused the definition. */
    private static final Set<String> REFUSED = Set.of("NotAccepted", "InstallationFailure");
    /** APIServices, addressed without discovery. */
    private static final ResourceDefinitionContext API_SERVICES = new ResourceDefinitionContext.Builder()
            .withGroup("apiregistration.k8s.io").withVersion("v1").withKind("APIService").withPlural("apiservices")
            .withNamespaced(false).build();

    private final Supplier<KubernetesClient> client;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot());

    Discovery(Supplier<KubernetesClient> client) {
        this.client = client;
    }

    /**
     * How the API server serves {@code apiVersion}/{@code kind}. Fails with {@link KindNotServed}, which says why and
     * whether the kind's objects are gone; a retryable one (the kind's definition is on its way) also forgets the
     * snapshot, so that the retry discovers afresh.
     */
    Kind kind(String apiVersion, String kind) {
        while (true) {
            Snapshot s = current.get();
            Found found = s.memo("kind " + apiVersion + " " + kind, () -> find(s, apiVersion, kind));
            if (current.get() != s) continue; // forgotten while this lookup ran: what it found may be stale
            if (found instanceof Served served) return served.kind();
            Verdict why = ((NotServed) found).why();
            if (why.retryable()) current.compareAndSet(s, new Snapshot());
            throw why.exception(apiVersion, kind);
        }
    }

    /** Forgets what discovery found, for after a CustomResourceDefinition was applied or deleted. */
    void forget() {
        current.set(new Snapshot());
    }

    /** What one lookup found: the kind, or why it is not served. */
    private sealed interface Found permits Served, NotServed {
    }

    private record Served(Kind kind) implements Found {
    }

    private record NotServed(Verdict why) implements Found {
    }

    private Found find(Snapshot s, String apiVersion, String kind) {
        Optional<APIResource> found = served(s, apiVersion, kind);
        if (found.isPresent())
            return new Served(new Kind(apiVersion, kind, Boolean.TRUE.equals(found.get().getNamespaced()),
                    ResourceDefinitionContext.fromApiResource(apiVersion, found.get())));
        return new NotServed(whyNotServed(s, apiVersion, kind));
    }

    private Optional<APIResource> served(Snapshot s, String apiVersion, String kind) {
        Optional<APIResourceList> list = s.memo("resources " + apiVersion, () -> {
            try {
                return Optional.ofNullable(client.get().getApiResources(apiVersion));
            } catch (KubernetesClientException e) {
                throw ApiErrors.of("discover", "kind " + kind + " in " + apiVersion, null, e);
            }
        });
        return list.flatMap(l -> l.getResources().stream()
                .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/")).findFirst());
    }

    /**
     * Why the kind is not served at this apiVersion. Its objects are gone only when nothing defines the kind any more:
     * no version of its group serves it, no CustomResourceDefinition defines it (it was deleted, and its objects with
     * it) and no aggregated API server serves its group. A definition whose version is not served yet (it is being
     * created, maybe by this same apply), or an aggregated API server that is not available, is retryable; any other
     * case (a version the cluster stopped serving, a typo) is an error that retrying cannot fix.
     */
    private Verdict whyNotServed(Snapshot s, String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        Optional<List<String>> versions = groupVersions(s, group, kind);
        List<String> servedAs = new ArrayList<>();
        for (String v : versions.orElse(List.of())) {
            String other = group.isEmpty() ? v : group + "/" + v;
            if (!other.equals(apiVersion) && served(s, other, kind).isPresent()) servedAs.add(other);
        }
        Optional<CustomResourceDefinition> crd;
        try {
            crd = group.isEmpty() ? Optional.empty() : definition(s, group, kind);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 401 && e.getCode() != 403) throw ApiErrors.of("list", "CustomResourceDefinitions", null, e);
            return new Verdict((servedAs.isEmpty() ? "the API server does not serve it"
                    : "the API server serves it only as " + String.join(", ", servedAs))
                    + ", and platctl may not list CustomResourceDefinitions to tell whether its definition was deleted ("
                    + e.getCode() + ")", false, false);
        }
        if (crd.isPresent()) return definitionVerdict(crd.get(), group, version);
        if (!servedAs.isEmpty()) return new Verdict("the API server serves it only as " + String.join(", ", servedAs), false, false);
        String nothing;
        if (versions.isEmpty()) {
            nothing = "the API server serves no API group " + group + " and no CustomResourceDefinition defines the kind";
        } else {
            String where = group.isEmpty() ? "the core API group (v1)"
                    : "API group " + group + " (" + String.join(", ", versions.get().stream().map(v -> group + "/" + v).toList()) + ")";
            nothing = "the API server serves no such kind in " + where + (group.isEmpty() ? "" : " and no CustomResourceDefinition defines it");
        }
        return group.isEmpty() ? new Verdict(nothing, false, true) : aggregatedVerdict(s, group, nothing);
    }

    /**
     * Whether a kind that neither the API server itself nor a definition serves is really gone: not when an APIService
     * hands its group to an aggregated API server (one that is down, or being upgraded, may still hold the objects), nor
     * when platctl may not list APIServices to tell. An APIService without a service is the API server's own (its
     * built-in groups, and each definition's group), which discovery has already answered for.
     */
    private Verdict aggregatedVerdict(Snapshot s, String group, String nothing) {
        List<GenericKubernetesResource> all;
        try {
            all = s.memo("apiservices", () -> List.copyOf(client.get().genericKubernetesResources(API_SERVICES).list().getItems()));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 401 && e.getCode() != 403) throw ApiErrors.of("list", "APIServices", null, e);
            return new Verdict(nothing + ", and platctl may not list APIServices to tell whether an aggregated API server serves"
                    + " the group (" + e.getCode() + ")", false, false);
        }
        List<String> aggregated = new ArrayList<>();
        boolean unavailable = false;
        for (GenericKubernetesResource a : all) {
            Map<String, Object> spec = Manifests.map(a.getAdditionalProperties().get("spec"));
            Map<String, Object> service = Manifests.map(spec.get("service"));
            if (!group.equals(spec.get("group")) || service.isEmpty()) continue;
            Optional<Map<String, Object>> available = Manifests.list(Manifests.map(a.getAdditionalProperties().get("status")).get("conditions"))
                    .stream().map(Manifests::map).filter(c -> "Available".equals(c.get("type"))).findFirst();
            unavailable |= available.isEmpty() || !"True".equals(available.get().get("status"));
            aggregated.add("APIService " + a.getMetadata().getName() + " (service " + service.get("namespace") + "/" + service.get("name")
                    + ") is " + available.map(c -> "Available=" + c.get("status") + (c.get("reason") == null ? "" : " (" + c.get("reason") + ")")
                    + (c.get("message") == null ? "" : ": " + c.get("message"))).orElse("not yet checked for availability"));
        }
        if (aggregated.isEmpty()) return new Verdict(nothing, false, true);
        return new Verdict(nothing + ", but an aggregated API server serves API group " + group + " and may still hold its objects: "
                + String.join("; ", aggregated), unavailable, false);
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
        Optional<CustomResourceDefinitionCondition> refused = conditions(crd).stream()
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
                + ", but the API server does not serve it yet; the definition's conditions are " + conditionsText(crd), true, false);
    }

    /** The versions the API server serves of the group, empty when it serves no such group. */
    private Optional<List<String>> groupVersions(Snapshot s, String group, String kind) {
        return s.memo("group " + group, () -> {
            try {
                if (group.isEmpty()) return Optional.of(List.copyOf(client.get().getAPIVersions().getVersions()));
                APIGroup found = client.get().getApiGroup(group);
                return Optional.ofNullable(found).map(a -> a.getVersions().stream().map(GroupVersionForDiscovery::getVersion).toList());
            } catch (KubernetesClientException e) {
                throw ApiErrors.of("discover", "kind " + kind + " in API group " + (group.isEmpty() ? "core" : group), null, e);
            }
        });
    }

    private Optional<CustomResourceDefinition> definition(Snapshot s, String group, String kind) {
        List<CustomResourceDefinition> all = s.memo("definitions",
                () -> List.copyOf(client.get().apiextensions().v1().customResourceDefinitions().list().getItems()));
        return all.stream().filter(d -> group.equals(d.getSpec().getGroup()) && kind.equals(d.getSpec().getNames().getKind())).findFirst();
    }

    private static List<CustomResourceDefinitionCondition> conditions(CustomResourceDefinition crd) {
        return crd.getStatus() == null || crd.getStatus().getConditions() == null ? List.of() : crd.getStatus().getConditions();
    }

    private static String conditionsText(CustomResourceDefinition crd) {
        return conditions(crd).stream().map(c -> c.getType() + "=" + c.getStatus() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")"))
                .toList().toString();
    }

    /** Why a kind is not served, and what that means for its objects. */
    record Verdict(String reason, boolean retryable, boolean gone) {
        KindNotServed exception(String apiVersion, String kind) {
            return new KindNotServed(apiVersion, kind, reason, retryable, gone);
        }
    }

    /**
     * What discovery found since the last {@link #forget()}: each answer is asked for once, by the first lookup that needs
     * it, while the others wait for it. A failure is not remembered: the next lookup asks again.
     */
    private static final class Snapshot {
        private final ConcurrentMap<String, CompletableFuture<Object>> answers = new ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        <T> T memo(String key, Supplier<T> ask) {
            CompletableFuture<Object> mine = new CompletableFuture<>();
            CompletableFuture<Object> theirs = answers.putIfAbsent(key, mine);
            if (theirs == null) {
                try {
                    T answer = ask.get();
                    mine.complete(answer);
                    return answer;
                } catch (RuntimeException | Error e) {
                    answers.remove(key, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
            try {
                return (T) theirs.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error r) throw r;
                throw e;
            }
        }
    }
}
