package dev.platctl.providers.kubernetes;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed resource type whose own attributes each set one field of the object, written as the Kubernetes
 * API spells it (so {@code rules} of a Role are objects with {@code apiGroups}, {@code resources}, {@code verbs}).
 */
class MappedObjectType extends TypedObjectType {
    private final List<FieldMapping> fields;

    MappedObjectType(Cluster cluster, String type, String description, String apiVersion, String kind,
                     List<FieldMapping> fields) {
        this(cluster, type, description, apiVersion, kind, fields, List.of());
    }

    /** With {@code settings}: attributes that set no field of the object (how to apply it, or values read back from it). */
    MappedObjectType(Cluster cluster, String type, String description, String apiVersion, String kind,
                     List<FieldMapping> fields, List<AttributeSchema> settings) {
        super(cluster, schema(type, description, fields, settings), apiVersion, kind, true);
        this.fields = List.copyOf(fields);
    }

    private static ResourceSchema schema(String type, String description, List<FieldMapping> fields,
                                         List<AttributeSchema> settings) {
        List<AttributeSchema> attributes = new ArrayList<>(MetadataAttributes.schema(true));
        fields.forEach(f -> attributes.add(f.attribute()));
        attributes.addAll(settings);
        attributes.addAll(commonAttributes());
        return new ResourceSchema(type, description, attributes);
    }

    @Override
    protected void validate(ObjectValue planned, Diagnostics diags) {
        super.validate(planned, diags);
        for (FieldMapping f : fields)
            if (f.attribute().type() == AttributeType.MAP)
                MetadataAttributes.checkStringMap(schema().type(), planned, f.attribute().name(), diags);
    }

    @Override
    void putFields(ObjectValue attributes, Map<String, Object> object) {
        for (FieldMapping f : fields) {
            Value v = attributes.getOrNull(f.attribute().name());
            if (v.isNull()) continue;
            Map<String, Object> at = object;
            for (String key : f.path().subList(0, f.path().size() - 1)) {
                Map<String, Object> next = new LinkedHashMap<>(Manifests.map(at.get(key)));
                at.put(key, next);
                at = next;
            }
            at.put(f.path().get(f.path().size() - 1), Manifests.toJava(v));
        }
    }

    @Override
    ObjectValue readFields(ObjectValue attributes, ObjectValue projected) {
        ObjectValue out = attributes;
        for (FieldMapping f : fields) {
            if (attributes.getOrNull(f.attribute().name()).isNull()) continue;
            Value v = projected;
            for (String key : f.path()) v = v instanceof ObjectValue o ? o.getOrNull(key) : Value.NULL;
            out = out.with(f.attribute().name(), v.isNull() ? empty(f.attribute().type()) : v);
        }
        return out;
    }

    @Override
    ObjectValue importFields(ObjectValue attributes, Map<String, Object> live) {
        ObjectValue out = attributes;
        for (FieldMapping f : fields) {
            Object v = live;
            for (String key : f.path()) v = Manifests.map(v).get(key);
            out = out.with(f.attribute().name(), Manifests.fromJava(v));
        }
        return out;
    }

    /** What a field platctl set and someone removed reads as: an empty map or list, else null. */
    private static Value empty(AttributeType type) {
        return switch (type) {
            case MAP, OBJECT -> ObjectValue.EMPTY;
            case LIST -> ListValue.EMPTY;
            default -> Value.NULL;
        };
    }
}
