package dev.platctl.providers.kubernetes;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kubernetes_secret}: a Secret whose {@code data} is given and kept as plain strings, always
 * sensitive, and sent base64-encoded as the API wants; its {@code type} cannot change in place.
 */
final class SecretType extends TypedObjectType {
    static final String TYPE = "kubernetes_secret";
    static final String DATA = "data";
    static final String SECRET_TYPE = "type";
    static final String OPAQUE = "Opaque";

    SecretType(Cluster cluster) {
        super(cluster, buildSchema(), "v1", "Secret", true);
    }

    private static ResourceSchema buildSchema() {
        List<AttributeSchema> attributes = new ArrayList<>(MetadataAttributes.schema(true));
        attributes.add(AttributeSchema.optional(SECRET_TYPE, AttributeType.STRING,
                "The Secret's type (default \"Opaque\"); changing it replaces the Secret.").asForceNew());
        attributes.add(AttributeSchema.optional(DATA, AttributeType.MAP,
                "Secret values by key, as plain UTF-8 strings; never shown.").asSensitive());
        attributes.addAll(commonAttributes());
        return new ResourceSchema(TYPE, "A Kubernetes Secret.", attributes);
    }

    @Override
    protected ObjectValue withDefaults(ObjectValue proposed) {
        return SchemaPlanner.withDefaults(super.withDefaults(proposed), Map.of(SECRET_TYPE, Value.of(OPAQUE)));
    }

    @Override
    protected void validate(ObjectValue planned, Diagnostics diags) {
        super.validate(planned, diags);
        MetadataAttributes.checkStringMap(TYPE, planned, DATA, diags);
    }

    @Override
    void putFields(ObjectValue attributes, Map<String, Object> object) {
        Value type = attributes.getOrNull(SECRET_TYPE);
        if (!type.isNull()) object.put(SECRET_TYPE, Manifests.toJava(type));
        if (attributes.getOrNull(DATA).unmarked() instanceof ObjectValue data) {
            Map<String, Object> encoded = new LinkedHashMap<>();
            data.attributes().forEach((k, v) -> {
                if (v.unwrap() instanceof StringValue s)
                    encoded.put(k, Base64.getEncoder().encodeToString(s.value().getBytes(StandardCharsets.UTF_8)));
            });
            object.put(DATA, encoded);
        }
    }

    @Override
    ObjectValue readFields(ObjectValue attributes, ObjectValue projected) {
        ObjectValue out = attributes.getOrNull(SECRET_TYPE).isNull() ? attributes
                : attributes.with(SECRET_TYPE, projected.getOrNull(SECRET_TYPE));
        if (attributes.getOrNull(DATA).isNull()) return out;
        Value data = projected.getOrNull(DATA);
        return out.with(DATA, decoded(data instanceof ObjectValue o ? o.attributes() : Map.of()));
    }

    @Override
    ObjectValue importFields(ObjectValue attributes, Map<String, Object> live) {
        Map<String, Value> data = new TreeMap<>();
        Manifests.map(live.get(DATA)).forEach((k, v) -> data.put(k, Manifests.fromJava(v)));
        return attributes.with(SECRET_TYPE, Value.of(Manifests.string(live, SECRET_TYPE).orElse(OPAQUE)))
                .with(DATA, data.isEmpty() ? Value.NULL : decoded(data));
    }

    private static Value decoded(Map<String, Value> base64) {
        Map<String, Value> out = new TreeMap<>();
        base64.forEach((k, v) -> {
            if (v.unwrap() instanceof StringValue s)
                out.put(k, Value.of(new String(Base64.getDecoder().decode(s.value()), StandardCharsets.UTF_8)));
        });
        return new ObjectValue(out).sensitive();
    }
}
