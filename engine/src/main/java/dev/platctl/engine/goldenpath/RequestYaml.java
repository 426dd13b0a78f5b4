package dev.platctl.engine.goldenpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.value.ObjectValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The text of a request file {@code platctl new} writes: a comment line, then apiVersion, kind, metadata and spec. */
final class RequestYaml {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private RequestYaml() {
    }

    static String of(String comment, String kind, String name, String team, String module, Optional<Map<String, Object>> goldenPath,
                     ObjectValue parameters) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("team", team);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("module", module);
        goldenPath.ifPresent(g -> spec.put("goldenPath", g));
        spec.put("parameters", SkeletonRenderer.java(parameters));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "platctl.dev/v1");
        doc.put("kind", kind);
        doc.put("metadata", metadata);
        doc.put("spec", spec);
        try {
            return "# " + comment + "\n" + YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new PlatctlException("cannot write the request for " + name + ": " + e.getOriginalMessage(), e);
        }
    }
}
