package dev.platctl.engine.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One thing in the catalog: a service (Backstage Component) from a Service request, or a database, bucket or queue
 * (Resource) from one resource of a request (a Service's own included), with owner, lifecycle, links and the entries
 * it depends on. {@code request} is the request it comes from; {@code address} the resource it stands for, or empty
 * when it stands for the whole request.
 */
public record CatalogEntry(String name, String kind, String type, String owner, String lifecycle, String description,
                           String module, Optional<String> goldenPath, String stack, String request, Optional<String> address,
                           Map<String, String> links, List<String> dependsOn, int resources) {
    public static final String COMPONENT = "Component";
    public static final String RESOURCE = "Resource";

    public CatalogEntry {
        links = Collections.unmodifiableMap(new LinkedHashMap<>(links)); // repo, runbook, dashboard, then the template's: the order export writes
        dependsOn = List.copyOf(dependsOn);
    }

    /**
     * The one link a list shows: the source repository, as Backstage's "View Source" opens it, else the entry's first
     * link (its {@code metadata.links[0].url} when exported), such as a database's runbook.
     */
    public Optional<String> link() {
        return Optional.ofNullable(links.get("repo")).or(() -> links.values().stream().findFirst());
    }

    /** Whether the entry mentions {@code text} (case-insensitive) in any field a person would search. */
    public boolean matches(String text) {
        String t = text.toLowerCase();
        return List.of(name, kind, type, owner, lifecycle, description, module, goldenPath.orElse(""), stack, request, address.orElse("")).stream()
                .anyMatch(s -> s.toLowerCase().contains(t))
                || links.values().stream().anyMatch(s -> s.toLowerCase().contains(t))
                || dependsOn.stream().anyMatch(s -> s.toLowerCase().contains(t));
    }
}
