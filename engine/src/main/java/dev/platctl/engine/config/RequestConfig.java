package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.Value;

import java.util.Map;
import java.util.Optional;

/**
 * An application team's request: which module (and versions) it asks for and the parameters it sets.
 * {@code stack} is the team folder it lives in; {@code parameterRanges} point at each parameter's line;
 * {@code namespace} is its {@code metadata.namespace}; {@code connectionSecretRef} its
 * {@code spec.writeConnectionSecretToRef}.
 */
public record RequestConfig(String file, String apiVersion, String kind, String name, String team,
                            Map<String, String> labels, String moduleName, VersionConstraint moduleVersion,
                            Map<String, Value> parameters, Map<String, SourceRange> parameterRanges,
                            SourceRange moduleRange, SourceRange range, String stack, Optional<String> namespace,
                            Optional<ConnectionSecretRef> connectionSecretRef) {
    public RequestConfig {
        labels = Map.copyOf(labels);
        parameters = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parameters));
        parameterRanges = Map.copyOf(parameterRanges);
    }
}
