package dev.platctl.engine.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One thing in the catalog, from a request and its resources in state: a service (Backstage Component) or a
 * database, bucket or queue (Resource), with owner, lifecycle, links and the entries it depends on.
 */
public record CatalogEntry(String name, String kind, String type, String owner, String lifecycle, String description,
                           String module, Optional<String> goldenPath, String stack, Map<String, String> links,
                           List<String> dependsOn, int resources) {
    public static final String COMPONENT = "Component";
    public static final String RESOURCE = "Resource";

    public CatalogEntry {
        links = Map.copyOf(links);
        dependsOn = List.copyOf(dependsOn);
    }

    /** Whether the entry mentions {@code text} (case-insensitive) in any field a person would search. */
    public boolean matches(String text) {
        String t = text.toLowerCase();
        return List.of(name, kind, type, owner, lifecycle, description, module, goldenPath.orElse(""), stack).stream()
                .anyMatch(s -> s.toLowerCase().contains(t))
                || links.values().stream().anyMatch(s -> s.toLowerCase().contains(t))
                || dependsOn.stream().anyMatch(s -> s.toLowerCase().contains(t));
    }
}
