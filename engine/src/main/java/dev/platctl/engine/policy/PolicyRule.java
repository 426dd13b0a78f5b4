package dev.platctl.engine.policy;

import dev.platctl.engine.diag.SourceRange;

/** A {@code rule} block: a CEL condition every matched resource must satisfy and the message shown when it does not. */
public record PolicyRule(Condition condition, String message, SourceRange range) {
}
