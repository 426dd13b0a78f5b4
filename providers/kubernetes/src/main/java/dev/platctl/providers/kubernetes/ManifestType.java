package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code kubernetes_manifest}: any object the API server serves, custom resources included, given whole
 * as the {@code manifest} object or as YAML text in {@code manifest_yaml}; platctl manages exactly the
 * fields the manifest sets.
 */
final class ManifestType extends KubernetesObjectType {
    static final String TYPE = "kubernetes_manifest";
    static final String MANIFEST = "manifest";
    static final String MANIFEST_YAML = ManifestYaml.ATTRIBUTE;
    /** Metadata the API server owns: never part of an imported manifest. */
    private static final Set<String> SERVER_METADATA = Set.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink");

    private final RolloutWaiter waiter;

    ManifestType(Cluster cluster, RolloutWaiter waiter) {
        super(cluster, buildSchema());
        this.waiter = waiter;
    }

    private static ResourceSchema buildSchema() {
        List<AttributeSchema> attributes = new ArrayList<>();
        attributes.add(AttributeSchema.optional(MANIFEST, AttributeType.OBJECT,
                "The object: apiVersion, kind, metadata (name, and namespace for namespaced kinds: default the"
                        + " provider's) and the rest of its fields. Set this or manifest_yaml; with manifest_yaml it"
                        + " is the object the YAML holds."));
        attributes.add(AttributeSchema.optional(MANIFEST_YAML, AttributeType.STRING,
                "The object as YAML text holding one document, such as file(\"deploy.yaml\") or a heredoc;"
                        + " instead of manifest."));
        attributes.addAll(RolloutSettings.schema("a Deployment, StatefulSet or DaemonSet has rolled out, or a Job has"
                + " completed; other kinds are not waited for"));
        attributes.addAll(commonAttributes());
        return new ResourceSchema(TYPE, "Any Kubernetes object, given as a manifest.", attributes);
    }

    /** A manifest given as YAML is planned as the object it holds, so it is compared and applied like any manifest. */
    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        Diagnostics diags = new Diagnostics();
        ObjectValue desired = secretDataSensitive(foldStringData(fromYaml(proposed, diags)));
        if (diags.hasErrors()) return new PlanResult(proposed, Set.of(), diags);
        PlanResult r = super.plan(prior, desired);
        return new PlanResult(r.planned(), r.requiresReplace(), diags.addAll(r.diagnostics()));
    }

    private static ObjectValue fromYaml(ObjectValue proposed, Diagnostics diags) {
        Value manifest = proposed.getOrNull(MANIFEST);
        Value yaml = proposed.getOrNull(MANIFEST_YAML);
        if (!manifest.isNull() && !yaml.isNull())
            diags.add(Diagnostic.error("Conflicting attributes \"" + MANIFEST + "\" and \"" + MANIFEST_YAML + "\"",
                    TYPE + " takes exactly one of manifest (an object) and manifest_yaml (YAML text), not both."));
        if (manifest.isNull() && yaml.isNull())
            diags.add(Diagnostic.error("Missing attribute \"" + MANIFEST + "\"",
                    TYPE + " requires exactly one of manifest (an object) and manifest_yaml (YAML text)."));
        if (diags.hasErrors() || yaml.isNull()) return proposed;
        if (!yaml.isWhollyKnown()) return proposed.with(MANIFEST, Value.UNKNOWN);
        if (!(yaml.unmarked() instanceof StringValue text)) return proposed;
        return ManifestYaml.parse(text.value(), diags)
                .map(m -> proposed.with(MANIFEST, yaml.containsSensitive() ? m.sensitive() : m))
                .orElse(proposed);
    }

    /**
     * A core Secret's {@code stringData} is write-only: the API server folds it into {@code data} (base64, winning over a
     * {@code data} key of the same name) and never returns it, so planned as given it would show as a change on every
     * plan. It is folded the same way here; values stay sensitive where they were. Unknown values are left for apply.
     */
    static ObjectValue foldStringData(ObjectValue proposed) {
        Value manifest = proposed.getOrNull(MANIFEST);
        if (!(manifest.unwrap() instanceof ObjectValue m) || !isSecret(m)) return proposed;
        Value stringData = m.getOrNull("stringData");
        if (!stringData.isWhollyKnown() || !(stringData.unwrap() instanceof ObjectValue strings)) return proposed;
        Value data = m.getOrNull("data");
        if (!data.isWhollyKnown()) return proposed;
        Map<String, Value> folded = new TreeMap<>(data.unwrap() instanceof ObjectValue d ? d.attributes() : Map.of());
        for (Map.Entry<String, Value> e : strings.attributes().entrySet()) {
            if (!(e.getValue().unmarked() instanceof StringValue text)) return proposed; // the server's error says what is wrong
            Value encoded = Value.of(Base64.getEncoder().encodeToString(text.value().getBytes(StandardCharsets.UTF_8)));
            folded.put(e.getKey(), e.getValue().containsSensitive() || stringData.containsSensitive() ? encoded.sensitive() : encoded);
        }
        Value foldedData = data instanceof SensitiveValue
                ? new ObjectValue(folded).sensitive() : new ObjectValue(folded);
        ObjectValue out = m.without("stringData").with("data", foldedData);
        return proposed.with(MANIFEST, manifest instanceof SensitiveValue ? out.sensitive() : out);
    }

    /**
     * A core Secret's {@code data} (and {@code stringData}, before it is folded) is sensitive however the manifest was
     * written, so its values never show in plans, {@code state show} or plan files; so is the whole {@code
     * manifest_yaml} text of a Secret, which holds the same values.
     */
    static ObjectValue secretDataSensitive(ObjectValue attributes) {
        Value manifest = attributes.getOrNull(MANIFEST);
        if (!(manifest.unwrap() instanceof ObjectValue m) || !isSecret(m)) return attributes;
        ObjectValue out = m;
        for (String key : List.of("data", "stringData")) {
            Value v = m.getOrNull(key);
            if (!v.isNull() && !(v instanceof SensitiveValue)) out = out.with(key, v.unmarked().sensitive());
        }
        ObjectValue marked = attributes.with(MANIFEST, manifest instanceof SensitiveValue ? out.sensitive() : out);
        Value yaml = attributes.getOrNull(MANIFEST_YAML);
        return yaml.isNull() || yaml instanceof SensitiveValue ? marked : marked.with(MANIFEST_YAML, yaml.unmarked().sensitive());
    }

    private static boolean isSecret(ObjectValue manifest) {
        return Value.of("v1").equals(manifest.getOrNull("apiVersion").unmarked()) && Value.of("Secret").equals(manifest.getOrNull("kind").unmarked());
    }

    @Override
    protected void validate(ObjectValue planned, Diagnostics diags) {
        RolloutSettings.validate(TYPE, planned, diags);
        if (!(planned.getOrNull(MANIFEST).unwrap() instanceof ObjectValue m)) return;
        ObjectValue metadata = m.getOrNull("metadata").unwrap() instanceof ObjectValue o ? o : ObjectValue.EMPTY;
        List<String> missing = new ArrayList<>();
        if (isAbsent(m.getOrNull("apiVersion"))) missing.add("apiVersion");
        if (isAbsent(m.getOrNull("kind"))) missing.add("kind");
        if (isAbsent(metadata.getOrNull("name"))) missing.add("metadata.name");
        if (!missing.isEmpty())
            diags.add(Diagnostic.error("Incomplete manifest", TYPE + "." + (planned.getOrNull(MANIFEST_YAML).isNull() ? MANIFEST
                    : MANIFEST_YAML) + " must set " + String.join(", ", missing) + "."));
    }

    private static boolean isAbsent(Value v) {
        Value u = v.unwrap();
        return u.isNull() || (u instanceof StringValue s && s.value().isBlank());
    }

    /**
     * A different kind, API group, name or namespace is a different object; see {@link ImmutableFields} for the
     * rest. A manifest without a namespace means the provider's, so an imported manifest (which names its
     * namespace) and a configuration that leaves it out are the same object.
     */
    @Override
    protected Set<AttributePath> replacePaths(ObjectValue prior, ObjectValue planned) {
        return ImmutableFields.changed(AttributePath.of(MANIFEST), placed(prior.getOrNull(MANIFEST)), placed(planned.getOrNull(MANIFEST)));
    }

    private Value placed(Value manifest) {
        if (!(manifest.unmarked() instanceof ObjectValue m) || !(m.getOrNull("metadata") instanceof ObjectValue metadata)
                || !metadata.getOrNull("namespace").isNull()) return manifest;
        return m.with("metadata", metadata.with("namespace", Value.of(cluster.defaultNamespace())));
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        ObjectValue state = super.create(planned, idempotencyKey);
        awaitRollout(planned);
        return state;
    }

    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        ObjectValue state = super.update(prior, planned);
        awaitRollout(planned);
        return state;
    }

    /**
     * Waits for workloads to roll out, and for a CustomResourceDefinition to be Established and its kind listed by
     * discovery at each version it serves: until then the API server does not serve its kind, so custom resources that
     * depend on it could not be created.
     */
    private void awaitRollout(ObjectValue planned) {
        ObjectRef ref = ref(planned);
        if (RolloutWaiter.waitsFor(ref)) RolloutSettings.await(waiter, cluster, ref, planned);
        if (isDefinition(ref)) {
            try {
                cluster.awaitCondition(cluster.kind(ref.apiVersion(), ref.kind()), null, ref.name(), "Established");
                Map<String, Object> spec = Manifests.map(manifest(planned).get("spec"));
                List<String> served = Manifests.list(spec.get("versions")).stream().map(Manifests::map)
                        .filter(v -> Boolean.TRUE.equals(v.get("served"))).map(v -> String.valueOf(v.get("name"))).toList();
                Object group = spec.get("group");
                Object kind = Manifests.map(spec.get("names")).get("kind");
                if (group instanceof String g && kind instanceof String k) cluster.awaitServed(g, k, served);
            } finally {
                cluster.definitionsChanged();
            }
        }
    }

    @Override
    public void delete(ObjectValue prior) {
        super.delete(prior);
        if (prior.getOrNull(MANIFEST).unwrap() instanceof ObjectValue m && isDefinition(m)) cluster.definitionsChanged();
    }

    private static boolean isDefinition(ObjectRef ref) {
        return ref.kind().equals("CustomResourceDefinition") && ref.apiVersion().startsWith("apiextensions.k8s.io/");
    }

    private static boolean isDefinition(ObjectValue manifest) {
        return manifest.getOrNull("kind").unmarked() instanceof StringValue k && k.value().equals("CustomResourceDefinition")
                && manifest.getOrNull("apiVersion").unmarked() instanceof StringValue v && v.value().startsWith("apiextensions.k8s.io/");
    }

    @Override
    ObjectRef ref(ObjectValue attributes) {
        Map<String, Object> m = manifest(attributes);
        String apiVersion = Manifests.string(m, "apiVersion").orElse(null);
        String kind = Manifests.string(m, "kind").orElse(null);
        String name = Manifests.name(m);
        if (apiVersion == null || kind == null || name.isEmpty())
            throw new ProviderException("cannot use " + TYPE + ": its manifest needs a known apiVersion, kind and metadata.name");
        Kind k = cluster.kind(apiVersion, kind);
        Optional<String> fromId = attributes.getOrNull(ID).unwrap() instanceof StringValue s && s.value().contains("/")
                ? Optional.of(s.value().substring(0, s.value().indexOf('/'))) : Optional.empty();
        String namespace = !k.namespaced() ? null
                : Manifests.namespace(m).or(() -> fromId).orElseGet(cluster::defaultNamespace);
        return new ObjectRef(apiVersion, kind, namespace, name);
    }

    @Override
    Map<String, Object> manifest(ObjectValue attributes) {
        return Manifests.map(Manifests.toJava(attributes.getOrNull(MANIFEST)));
    }

    @Override
    ObjectValue attributes(ObjectValue state, ObjectValue projected) {
        return secretDataSensitive(state.with(MANIFEST, projected));
    }

    @Override
    ObjectValue imported(Map<String, Object> live) {
        Map<String, Object> m = new LinkedHashMap<>(live);
        m.remove("status");
        Map<String, Object> metadata = new LinkedHashMap<>(Manifests.metadata(live));
        SERVER_METADATA.forEach(metadata::remove);
        stripStamp(metadata, "labels");
        stripStamp(metadata, "annotations");
        m.put("metadata", metadata);
        return secretDataSensitive(new ObjectValue(Map.of(MANIFEST, Manifests.fromJava(m))));
    }

    private static void stripStamp(Map<String, Object> metadata, String key) {
        Map<String, Object> map = new LinkedHashMap<>(Manifests.map(metadata.get(key)));
        map.remove(AddressStamp.KEY);
        if (map.isEmpty()) metadata.remove(key);
        else metadata.put(key, map);
    }

    /** {@code apiVersion=apps/v1,kind=Deployment,namespace=web,name=api}; namespace may be left out. */
    @Override
    ObjectRef parseId(String id) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : id.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        if (!parts.containsKey("apiVersion") || !parts.containsKey("kind") || !parts.containsKey("name"))
            throw new ProviderException("cannot import " + TYPE + " \"" + id
                    + "\": the id must look like apiVersion=apps/v1,kind=Deployment,namespace=web,name=api");
        return new ObjectRef(parts.get("apiVersion"), parts.get("kind"), parts.get("namespace"), parts.get("name"));
    }

    @Override
    protected String importId(ObjectRef ref) {
        return "apiVersion=" + ref.apiVersion() + ",kind=" + ref.kind()
                + (ref.namespace() == null ? "" : ",namespace=" + ref.namespace()) + ",name=" + ref.name();
    }
}
