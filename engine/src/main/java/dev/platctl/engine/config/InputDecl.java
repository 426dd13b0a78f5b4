package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Optional;

/**
 * A module input: its type, default (absent means required), description, sensitivity and the rules its
 * value must meet. {@code defaultRange} is where the default is written (the block when there is none).
 */
public record InputDecl(String name, TypeConstraint type, Optional<Value> defaultValue, String description,
                        boolean sensitive, List<InputRule> rules, SourceRange range, SourceRange defaultRange) {
    public InputDecl {
        rules = List.copyOf(rules);
    }

    public boolean required() {
        return defaultValue.isEmpty();
    }
}
