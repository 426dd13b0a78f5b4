package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.hcl.Expression;

/** A module output: a value requests (and people) can read after apply. */
public record OutputDecl(String name, Expression value, String description, boolean sensitive, SourceRange range) {
}
