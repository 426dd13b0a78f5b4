package dev.platctl.engine.policy;

import dev.platctl.engine.diag.SourceRange;

import java.util.List;

/**
 * One {@code policy "name" { ... }} block: which resources it matches, the values it fills in
 * ({@code defaults}) or imposes ({@code enforce}), and the rules their planned values must satisfy.
 */
public record Policy(String name, String description, Enforcement enforcement, PolicyMatch match,
                     List<PolicyValue> defaults, List<PolicyValue> enforced, List<PolicyRule> rules, SourceRange range) {
    public Policy {
        description = description == null ? "" : description;
        defaults = List.copyOf(defaults);
        enforced = List.copyOf(enforced);
        rules = List.copyOf(rules);
    }

    /** The file the policy is written in, relative to the workspace. */
    public String file() {
        return range.file();
    }
}
