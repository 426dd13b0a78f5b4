package dev.platctl.engine.policy;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.Value;

/** One {@code attribute = value} of a policy's {@code defaults} or {@code enforce} block, with where it is written. */
public record PolicyValue(String attribute, Value value, SourceRange range) {
}
