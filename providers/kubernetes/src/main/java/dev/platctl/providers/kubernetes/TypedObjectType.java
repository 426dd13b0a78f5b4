package dev.platctl.providers.kubernetes;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.LinkedHashMap;
import java.util.Map;

/** A resource type for one fixed kind whose attributes are its metadata plus a few fields of its own. */
abstract class TypedObjectType extends KubernetesObjectType {
    private final String apiVersion;
    private final String kind;
    private final boolean namespaced;

    TypedObjectType(Cluster cluster, ResourceSchema schema, String apiVersion, String kind, boolean namespaced) {
        super(cluster, schema);
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.namespaced = namespaced;
    }

    /** Adds this type's own fields to the object. */
    abstract void putFields(ObjectValue attributes, Map<String, Object> object);

    /** This type's own attributes as the projected object shows them. */
    abstract ObjectValue readFields(ObjectValue attributes, ObjectValue projected);

    /** This type's own attributes of a live object being imported. */
    abstract ObjectValue importFields(ObjectValue attributes, Map<String, Object> live);

    /** A namespaced object that names no namespace is planned in the provider's (asked of the cluster only then). */
    @Override
    protected ObjectValue withDefaults(ObjectValue proposed) {
        if (!namespaced || !proposed.getOrNull(MetadataAttributes.NAMESPACE).isNull()) return proposed;
        return SchemaPlanner.withDefaults(proposed, Map.of(MetadataAttributes.NAMESPACE, cluster.plannedNamespace()));
    }

    @Override
    protected void validate(ObjectValue planned, Diagnostics diags) {
        for (String key : new String[]{MetadataAttributes.NAME, MetadataAttributes.NAMESPACE})
            if (planned.getOrNull(key).unwrap() instanceof StringValue s && s.value().isBlank())
                diags.add(Diagnostic.error("Invalid value for \"" + key + "\"", schema().type() + "." + key + " must not be empty."));
        MetadataAttributes.checkStringMap(schema().type(), planned, MetadataAttributes.LABELS, diags);
        MetadataAttributes.checkStringMap(schema().type(), planned, MetadataAttributes.ANNOTATIONS, diags);
    }

    @Override
    ObjectRef ref(ObjectValue attributes) {
        String name = attributes.getOrNull(MetadataAttributes.NAME).unwrap() instanceof StringValue s ? s.value() : null;
        if (name == null)
            throw new ProviderException("cannot use " + schema().type() + ": attribute \"name\" is not a known string");
        String namespace = !namespaced ? null
                : attributes.getOrNull(MetadataAttributes.NAMESPACE).unwrap() instanceof StringValue s ? s.value()
                : cluster.defaultNamespace();
        return new ObjectRef(apiVersion, kind, namespace, name);
    }

    @Override
    Map<String, Object> manifest(ObjectValue attributes) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", MetadataAttributes.metadata(attributes));
        putFields(attributes, object);
        return object;
    }

    @Override
    ObjectValue attributes(ObjectValue state, ObjectValue projected) {
        return readFields(MetadataAttributes.read(state, projected), projected);
    }

    @Override
    ObjectValue imported(Map<String, Object> live) {
        return importFields(MetadataAttributes.imported(live, namespaced), live);
    }

    /** {@code namespace/name}, or {@code name} (in the provider's namespace, or cluster-wide). */
    @Override
    ObjectRef parseId(String id) {
        int slash = id.indexOf('/');
        if (!namespaced || slash < 0) return new ObjectRef(apiVersion, kind, null, id);
        return new ObjectRef(apiVersion, kind, id.substring(0, slash), id.substring(slash + 1));
    }
}
