package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.AttributeSchema;

import java.util.List;

/** One attribute of a typed resource type and the path of the object's field it sets, such as {@code spec.hard}. */
record FieldMapping(AttributeSchema attribute, List<String> path) {
    FieldMapping {
        path = List.copyOf(path);
    }

    static FieldMapping of(AttributeSchema attribute, String dottedPath) {
        return new FieldMapping(attribute, List.of(dottedPath.split("\\.")));
    }
}
