package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;

import java.util.List;
import java.util.Optional;

/**
 * A request's {@code spec.writeConnectionSecretToRef}: where the module's connection_secret is written, as read
 * (the name may be missing; {@link RequestValidator} reports it). {@code range} is the field's line.
 */
public record ConnectionSecretRef(Optional<String> name, Optional<String> namespace, SourceRange range,
                                  SourceRange nameRange, SourceRange namespaceRange) {
    static final List<String> FIELDS = List.of("name", "namespace");
}
