package dev.platctl.engine.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.entity.EntityRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes catalog entries as Backstage entities: a Component per service, a Resource per database, bucket or queue (with
 * the resource's address in {@code platctl.dev/resource}), and the owner and {@code dependsOn} as full entity references.
 */
public final class BackstageExport {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build());

    private BackstageExport() {
    }

    /** The descriptor of one entry; references to other entries are full refs, {@code component:default/<name>} or {@code resource:default/<name>}. */
    public static String yaml(CatalogEntry e, Catalog catalog) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", e.name());
        if (!e.description().isEmpty()) metadata.put("description", e.description());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("platctl.dev/module", e.module());
        annotations.put("platctl.dev/stack", e.stack());
        e.goldenPath().ifPresent(g -> annotations.put("platctl.dev/golden-path", g));
        e.address().ifPresent(a -> annotations.put("platctl.dev/resource", a));
        String repo = e.links().get("repo");
        if (repo != null && repo.startsWith("https://github.com/"))
            annotations.put("github.com/project-slug", repo.substring("https://github.com/".length()));
        metadata.put("annotations", annotations);
        if (!e.links().isEmpty()) {
            List<Map<String, String>> links = new ArrayList<>();
            e.links().forEach((title, url) -> links.add(Map.of("title", title, "url", url)));
            metadata.put("links", links);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", e.type());
        if (e.kind().equals(CatalogEntry.COMPONENT)) spec.put("lifecycle", e.lifecycle());
        spec.put("owner", EntityRef.of("Group", e.owner()).toString());
        List<String> dependsOn = e.dependsOn().stream().flatMap(d -> catalog.find(d).stream()).map(x -> EntityRef.of(x.kind(), x.name()).toString()).toList();
        if (!dependsOn.isEmpty()) spec.put("dependsOn", dependsOn);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "backstage.io/v1alpha1");
        doc.put("kind", e.kind());
        doc.put("metadata", metadata);
        doc.put("spec", spec);
        try {
            return YAML.writeValueAsString(doc);
        } catch (JsonProcessingException x) {
            throw new PlatctlException("cannot export " + e.name() + ": " + x.getOriginalMessage(), x);
        }
    }
}
