package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.value.ObjectValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code kubernetes_namespace}: a namespace; deleting it waits until the cluster has emptied and removed it. */
final class NamespaceType extends TypedObjectType {
    static final String TYPE = "kubernetes_namespace";

    NamespaceType(Cluster cluster) {
        super(cluster, buildSchema(), "v1", "Namespace", false);
    }

    private static ResourceSchema buildSchema() {
        List<AttributeSchema> attributes = new ArrayList<>(MetadataAttributes.schema(false));
        attributes.addAll(commonAttributes());
        return new ResourceSchema(TYPE, "A Kubernetes namespace.", attributes);
    }

    @Override
    void putFields(ObjectValue attributes, Map<String, Object> object) {
    }

    @Override
    ObjectValue readFields(ObjectValue attributes, ObjectValue projected) {
        return attributes;
    }

    @Override
    ObjectValue importFields(ObjectValue attributes, Map<String, Object> live) {
        return attributes;
    }
}
