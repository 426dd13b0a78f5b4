package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application team's request: which module (and versions) it asks for and the parameters it sets.
 * {@code stack} is the team folder it lives in; {@code parameterRanges} point at each parameter's line;
 * {@code namespace} is its {@code metadata.namespace}; {@code connectionSecretRef} its
 * {@code spec.writeConnectionSecretToRef}; {@code goldenPath} its {@code spec.goldenPath}.
 */
public record RequestConfig(String file, String apiVersion, String kind, String name, String team,
                            Map<String, String> labels, String moduleName, VersionConstraint moduleVersion,
                            Map<String, Value> parameters, Map<String, SourceRange> parameterRanges,
                            SourceRange moduleRange, SourceRange range, String stack, Optional<String> namespace,
                            Optional<ConnectionSecretRef> connectionSecretRef, Optional<GoldenPathRef> goldenPath) {
    /**
     * What a module reads as {@code request.<attribute>}: {@code golden_path} is {@code {name, version}} with the
     * resolved version of {@code spec.goldenPath} (null without one). Any other name is another request.
     */
    public static final List<String> ATTRIBUTES = List.of("name", "team", "stack", "labels", ModuleConfig.GOLDEN_PATH);

    public RequestConfig {
        labels = Map.copyOf(labels);
        parameters = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parameters));
        parameterRanges = Map.copyOf(parameterRanges);
    }

    public RequestConfig withGoldenPath(GoldenPathRef g) {
        return new RequestConfig(file, apiVersion, kind, name, team, labels, moduleName, moduleVersion, parameters, parameterRanges,
                moduleRange, range, stack, namespace, connectionSecretRef, Optional.of(g));
    }
}
