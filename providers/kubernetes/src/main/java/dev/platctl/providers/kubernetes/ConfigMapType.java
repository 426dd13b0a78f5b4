package dev.platctl.providers.kubernetes;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code kubernetes_config_map}: a ConfigMap whose {@code data} keys platctl manages. */
final class ConfigMapType extends TypedObjectType {
    static final String TYPE = "kubernetes_config_map";
    static final String DATA = "data";

    ConfigMapType(Cluster cluster) {
        super(cluster, buildSchema(), "v1", "ConfigMap", true);
    }

    private static ResourceSchema buildSchema() {
        List<AttributeSchema> attributes = new ArrayList<>(MetadataAttributes.schema(true));
        attributes.add(AttributeSchema.optional(DATA, AttributeType.MAP, "String values by key."));
        attributes.addAll(commonAttributes());
        return new ResourceSchema(TYPE, "A Kubernetes ConfigMap.", attributes);
    }

    @Override
    protected void validate(ObjectValue planned, Diagnostics diags) {
        super.validate(planned, diags);
        MetadataAttributes.checkStringMap(TYPE, planned, DATA, diags);
    }

    @Override
    void putFields(ObjectValue attributes, Map<String, Object> object) {
        Value data = attributes.getOrNull(DATA);
        if (!data.isNull()) object.put(DATA, Manifests.toJava(data));
    }

    @Override
    ObjectValue readFields(ObjectValue attributes, ObjectValue projected) {
        if (attributes.getOrNull(DATA).isNull()) return attributes;
        Value data = projected.getOrNull(DATA);
        return attributes.with(DATA, data.isNull() ? ObjectValue.EMPTY : data);
    }

    @Override
    ObjectValue importFields(ObjectValue attributes, Map<String, Object> live) {
        Object data = live.get(DATA);
        return attributes.with(DATA, data == null ? Value.NULL : Manifests.fromJava(data));
    }
}
