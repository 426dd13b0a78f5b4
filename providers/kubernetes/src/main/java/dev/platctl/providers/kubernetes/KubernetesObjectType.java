package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every Kubernetes resource type shares (server-side apply with the address stamp, reads through the
 * {@link Projection} of what platctl applied, one list call per kind and namespace, deletes that wait for
 * finalizers), leaving subclasses only how their attributes become an object and back.
 */
abstract class KubernetesObjectType implements ResourceType {
    static final String ID = "id";
    static final String UID = "uid";
    static final String ADDRESS = "platctl_address";
    static final String FORCE_CONFLICTS = "force_conflicts";
    private static final int BATCH = 500;

    /** The attributes every type has after its own: conflict handling and what the API server assigns. */
    static List<AttributeSchema> commonAttributes() {
        return List.of(
                AttributeSchema.optional(FORCE_CONFLICTS, AttributeType.BOOL,
                        "Take over fields another field manager owns instead of failing with a conflict (default false)."),
                AttributeSchema.computed(ID, AttributeType.STRING, "namespace/name, or name for cluster-wide objects."),
                AttributeSchema.computed(UID, AttributeType.STRING, "The object's uid, assigned by the API server."),
                AttributeSchema.computed(ADDRESS, AttributeType.STRING,
                        "The platctl address stamped on the object (label and annotation " + AddressStamp.KEY
                                + "), empty for imported objects platctl did not create."));
    }

    protected final Cluster cluster;
    private final SchemaPlanner planner;

    KubernetesObjectType(Cluster cluster, ResourceSchema schema) {
        this.cluster = cluster;
        this.planner = new SchemaPlanner(schema);
    }

    @Override
    public ResourceSchema schema() {
        return planner.schema();
    }

    /** The configuration with the defaults this type fills in (such as the provider's namespace). */
    protected ObjectValue withDefaults(ObjectValue proposed) {
        return proposed;
    }

    /** Adds problems with known planned values that the schema alone cannot find. */
    protected void validate(ObjectValue planned, Diagnostics diags) {
    }

    /** Paths inside attributes whose change forces replacement, beyond the attributes marked force-new. */
    protected Set<AttributePath> replacePaths(ObjectValue prior, ObjectValue planned) {
        return Set.of();
    }

    /** The state with this type's own computed attributes, read from the live object. */
    protected ObjectValue withComputed(ObjectValue state, Map<String, Object> live) {
        return state;
    }

    /** The object these attributes describe; a namespaced kind without a namespace gets the provider's. */
    abstract ObjectRef ref(ObjectValue attributes);

    /** The object platctl applies for these attributes, without the address stamp. */
    abstract Map<String, Object> manifest(ObjectValue attributes);

    /** The settable attributes as the projection of the live object shows them. */
    abstract ObjectValue attributes(ObjectValue state, ObjectValue projected);

    /** The settable attributes of an object platctl is adopting by import. */
    abstract ObjectValue imported(Map<String, Object> live);

    /** The object an import id names. */
    abstract ObjectRef parseId(String id);

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, withDefaults(proposed));
        Diagnostics diags = r.diagnostics();
        ObjectValue planned = r.planned();
        validate(planned, diags);
        Set<AttributePath> replace = new TreeSet<>(r.requiresReplace());
        if (prior.isPresent()) replace.addAll(replacePaths(prior.get(), planned));
        if (!replace.isEmpty())
            for (AttributeSchema a : schema().attributes())
                if (a.computed() && !a.optional()) planned = planned.with(a.name(), Value.UNKNOWN);
        return new PlanResult(planned, replace, diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        ObjectRef ref = ref(planned);
        Kind kind = cluster.kind(ref.apiVersion(), ref.kind());
        Optional<Map<String, Object>> existing = cluster.get(kind, ref.namespace(), ref.name());
        if (existing.isPresent() && !AddressStamp.of(existing.get()).equals(idempotencyKey))
            throw ProviderException.of("create", ref.kind(), ref.id(), "it already exists and platctl did not create it for "
                    + idempotencyKey + "; import it (id \"" + importId(ref) + "\") or delete it first", false, null);
        return applied(planned, kind, ref, idempotencyKey);
    }

    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        ObjectRef ref = ref(planned);
        Kind kind = cluster.kind(ref.apiVersion(), ref.kind());
        String address = prior.getOrNull(ADDRESS).unwrap() instanceof StringValue s ? s.value() : "";
        return applied(planned, kind, ref, address);
    }

    private ObjectValue applied(ObjectValue planned, Kind kind, ObjectRef ref, String address) {
        Map<String, Object> object = placed(manifest(planned), kind, ref);
        if (!address.isEmpty()) object = AddressStamp.stamp(object, address);
        Map<String, Object> live = cluster.apply(kind, object, force(planned));
        return state(planned, ref, live);
    }

    /**
     * A kind nothing defines any more (its CustomResourceDefinition was deleted) has no objects left to delete; a kind
     * the API server serves in other versions only is an error, since the object may well still be there.
     */
    @Override
    public void delete(ObjectValue prior) {
        try {
            ObjectRef ref = ref(prior);
            cluster.delete(cluster.kind(ref.apiVersion(), ref.kind()), ref.namespace(), ref.name());
        } catch (KindNotServed e) {
            if (!e.gone()) throw e;
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        try {
            ObjectRef ref = ref(state);
            Kind kind = cluster.kind(ref.apiVersion(), ref.kind());
            return cluster.get(kind, ref.namespace(), ref.name()).map(live -> state(state, ref, live));
        } catch (KindNotServed e) {
            if (!e.gone()) throw e;
            return Optional.empty();
        }
    }

    @Override
    public int readBatchSize() {
        return BATCH;
    }

    /** One list call per kind and namespace; each state is then matched to its object by name. */
    @Override
    public List<Optional<ObjectValue>> readAll(List<ObjectValue> states) {
        Map<String, Map<String, Map<String, Object>>> listed = new HashMap<>();
        List<Optional<ObjectValue>> out = new ArrayList<>(states.size());
        for (ObjectValue s : states) {
            ObjectRef ref;
            Kind kind;
            try {
                ref = ref(s);
                kind = cluster.kind(ref.apiVersion(), ref.kind());
            } catch (KindNotServed e) {
                if (!e.gone()) throw e;
                out.add(Optional.empty());
                continue;
            }
            String namespace = kind.namespaced() ? ref.namespace() : null;
            Map<String, Map<String, Object>> byName = listed.computeIfAbsent(
                    ref.apiVersion() + "|" + ref.kind() + "|" + namespace, k -> {
                        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
                        for (Map<String, Object> o : cluster.list(kind, namespace, Optional.empty()))
                            m.put(Manifests.name(o), o);
                        return m;
                    });
            out.add(Optional.ofNullable(byName.get(ref.name())).map(live -> state(s, ref, live)));
        }
        return out;
    }

    @Override
    public Optional<ObjectValue> importState(String id) {
        ObjectRef ref = parseId(id);
        Kind kind = cluster.kind(ref.apiVersion(), ref.kind());
        ObjectRef placed = kind.namespaced() && ref.namespace() == null
                ? new ObjectRef(ref.apiVersion(), ref.kind(), cluster.defaultNamespace(), ref.name()) : ref;
        return cluster.get(kind, placed.namespace(), placed.name())
                .map(live -> state(imported(live), placed, live));
    }

    /** Lists the objects labelled with the address's stamp and keeps the one whose annotation is exactly the address. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        ObjectRef ref = ref(planned);
        Kind kind = cluster.kind(ref.apiVersion(), ref.kind());
        return cluster.list(kind, kind.namespaced() ? ref.namespace() : null,
                        Optional.of(Map.entry(AddressStamp.KEY, AddressStamp.labelValue(idempotencyKey))))
                .stream().filter(o -> AddressStamp.of(o).equals(idempotencyKey)).findFirst()
                .map(live -> state(planned, ref, live));
    }

    /** The state for a live object: its projection through these attributes, plus what the server assigned. */
    private ObjectValue state(ObjectValue attributes, ObjectRef ref, Map<String, Object> live) {
        Value shape = Manifests.fromJava(manifest(attributes));
        ObjectValue projected = Projection.project(shape, live) instanceof ObjectValue o ? o : ObjectValue.EMPTY;
        String namespace = Manifests.namespace(live).orElse(null);
        String address = AddressStamp.of(live);
        return withComputed(attributes(attributes, projected)
                .with(FORCE_CONFLICTS, attributes.getOrNull(FORCE_CONFLICTS))
                .with(ID, Value.of(new ObjectRef(ref.apiVersion(), ref.kind(), namespace, Manifests.name(live)).id()))
                .with(UID, Value.of(Manifests.uid(live)))
                .with(ADDRESS, Value.of(address)), live);
    }

    /** The object with its namespace set when the kind is namespaced (and left out when it is not). */
    private static Map<String, Object> placed(Map<String, Object> object, Kind kind, ObjectRef ref) {
        Map<String, Object> metadata = new LinkedHashMap<>(Manifests.metadata(object));
        if (kind.namespaced() && ref.namespace() != null) metadata.put("namespace", ref.namespace());
        else if (!kind.namespaced()) metadata.remove("namespace");
        Map<String, Object> out = new LinkedHashMap<>(object);
        out.put("metadata", metadata);
        return out;
    }

    /** The id {@link #importState} takes for this object. */
    protected String importId(ObjectRef ref) {
        return ref.id();
    }

    private static boolean force(ObjectValue attributes) {
        return attributes.getOrNull(FORCE_CONFLICTS).unwrap() instanceof BoolValue b && b.value();
    }
}
