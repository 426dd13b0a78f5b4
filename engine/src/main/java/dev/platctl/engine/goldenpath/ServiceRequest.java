package dev.platctl.engine.goldenpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.value.ObjectValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request {@code platctl new} writes: kind {@code Service}, the module at the golden path's version, the
 * parameters, and a {@code goldenPath} record of which template version scaffolded it.
 */
public record ServiceRequest(String name, String team, Template template, ObjectValue parameters) {
    public static final String KIND = "Service";
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    /** The module reference the request asks for: {@code <module>@<template version>}. */
    public String module() {
        return template.module() + "@" + template.version();
    }

    public String yaml() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("team", team);
        Map<String, Object> goldenPath = new LinkedHashMap<>();
        goldenPath.put("name", template.name());
        goldenPath.put("version", template.version());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("module", module());
        spec.put("goldenPath", goldenPath);
        spec.put("parameters", SkeletonRenderer.java(parameters));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "platctl.dev/v1");
        doc.put("kind", KIND);
        doc.put("metadata", metadata);
        doc.put("spec", spec);
        try {
            return "# Scaffolded from golden path " + template.name() + "@" + template.version() + " by platctl new.\n"
                    + YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new PlatctlException("cannot write the request for " + name + ": " + e.getOriginalMessage(), e);
        }
    }
}
