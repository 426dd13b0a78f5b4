package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.Value;

import java.util.Optional;

/** A module input: its type, default (absent means required), description and sensitivity. */
public record InputDecl(String name, TypeConstraint type, Optional<Value> defaultValue, String description,
                        boolean sensitive, SourceRange range) {
    public boolean required() {
        return defaultValue.isEmpty();
    }
}
