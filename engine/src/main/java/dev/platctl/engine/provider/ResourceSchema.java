package dev.platctl.engine.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The attributes of one resource type, in declaration order. */
public record ResourceSchema(String type, String description, List<AttributeSchema> attributes) {
    public ResourceSchema {
        attributes = List.copyOf(attributes);
        Map<String, AttributeSchema> seen = new LinkedHashMap<>();
        for (AttributeSchema a : attributes)
            if (seen.put(a.name(), a) != null)
                throw new IllegalArgumentException("resource type " + type + " declares attribute " + a.name() + " twice");
    }

    public Optional<AttributeSchema> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
