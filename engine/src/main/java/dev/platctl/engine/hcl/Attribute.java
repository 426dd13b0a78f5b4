package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.SourceRange;

/** {@code name = expression}; {@code nameRange} covers the name, {@code range} the whole definition. */
public record Attribute(String name, Expression expression, SourceRange nameRange, SourceRange range) {
}
