package dev.platctl.providers.kubernetes;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code name}, {@code namespace}, {@code labels} and {@code annotations} attributes of the typed resource types. */
final class MetadataAttributes {
    static final String NAME = "name";
    static final String NAMESPACE = "namespace";
    static final String LABELS = "labels";
    static final String ANNOTATIONS = "annotations";

    private MetadataAttributes() {
    }

    static List<AttributeSchema> schema(boolean namespaced) {
        AttributeSchema name = AttributeSchema.required(NAME, AttributeType.STRING, "The object's name.").asForceNew();
        AttributeSchema labels = AttributeSchema.optional(LABELS, AttributeType.MAP,
                "Labels platctl manages; labels others set are left alone.");
        AttributeSchema annotations = AttributeSchema.optional(ANNOTATIONS, AttributeType.MAP,
                "Annotations platctl manages; annotations others set are left alone.");
        if (!namespaced) return List.of(name, labels, annotations);
        AttributeSchema namespace = AttributeSchema.optional(NAMESPACE, AttributeType.STRING,
                "The namespace (default: the provider's namespace).").asOptionalComputed().asForceNew();
        return List.of(name, namespace, labels, annotations);
    }

    /** The object's metadata from the attributes. */
    static Map<String, Object> metadata(ObjectValue attributes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", Manifests.toJava(attributes.getOrNull(NAME)));
        Value namespace = attributes.getOrNull(NAMESPACE);
        if (!namespace.isNull()) m.put("namespace", Manifests.toJava(namespace));
        putIfSet(m, "labels", attributes.getOrNull(LABELS));
        putIfSet(m, "annotations", attributes.getOrNull(ANNOTATIONS));
        return m;
    }

    /** The attributes the projected metadata shows; a label map platctl set that is now empty is an empty map. */
    static ObjectValue read(ObjectValue state, ObjectValue projected) {
        ObjectValue metadata = projected.getOrNull("metadata") instanceof ObjectValue o ? o : ObjectValue.EMPTY;
        ObjectValue out = state.with(NAME, metadata.getOrNull("name"));
        if (state.attributes().containsKey(NAMESPACE)) out = out.with(NAMESPACE, metadata.getOrNull("namespace"));
        for (String key : List.of(LABELS, ANNOTATIONS))
            if (!state.getOrNull(key).isNull())
                out = out.with(key, metadata.getOrNull(key).isNull() ? ObjectValue.EMPTY : metadata.getOrNull(key));
        return out;
    }

    /**
     * The attributes of a live object being imported: every label and annotation except platctl's stamp
     * and those in the kubernetes.io and k8s.io domains, which the cluster itself sets.
     */
    static ObjectValue imported(Map<String, Object> live, boolean namespaced) {
        Map<String, Value> out = new TreeMap<>();
        out.put(NAME, Value.of(Manifests.name(live)));
        if (namespaced) out.put(NAMESPACE, Value.of(Manifests.namespace(live).orElse(null)));
        out.put(LABELS, userKeys(Manifests.labels(live)));
        out.put(ANNOTATIONS, userKeys(Manifests.annotations(live)));
        return new ObjectValue(out);
    }

    /** Errors for keys or values of a string map that are not strings. */
    static void checkStringMap(String type, ObjectValue attributes, String key, Diagnostics diags) {
        if (!(attributes.getOrNull(key).unwrap() instanceof ObjectValue map)) return;
        map.attributes().forEach((k, v) -> {
            Value u = v.unwrap();
            if (!u.isWhollyKnown() || u instanceof StringValue) return;
            diags.add(Diagnostic.error("Incorrect value in \"" + key + "\"",
                    type + "." + key + "[\"" + k + "\"] must be a string, got " + u.typeName() + "."));
        });
    }

    private static Value userKeys(Map<String, Object> map) {
        Map<String, Value> out = new TreeMap<>();
        map.forEach((k, v) -> {
            if (!k.equals(AddressStamp.KEY) && !systemKey(k)) out.put(k, Manifests.fromJava(v));
        });
        return out.isEmpty() ? Value.NULL : new ObjectValue(out);
    }

    private static boolean systemKey(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) return false;
        String domain = key.substring(0, slash);
        return domain.equals("kubernetes.io") || domain.endsWith(".kubernetes.io")
                || domain.equals("k8s.io") || domain.endsWith(".k8s.io");
    }

    private static void putIfSet(Map<String, Object> m, String key, Value v) {
        if (!v.isNull()) m.put(key, Manifests.toJava(v));
    }
}
