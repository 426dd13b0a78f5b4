package dev.platctl.engine.apply;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostics;

import java.util.Map;

/**
 * What an apply did: the outcome of each change ({@code ok}, {@code failed}, {@code skipped},
 * {@code cancelled}), errors as diagnostics, and whether it was interrupted.
 */
public record ApplyResult(Map<ResourceAddress, String> outcomes, Diagnostics diagnostics, boolean cancelled) {
    public ApplyResult {
        outcomes = Map.copyOf(outcomes);
    }

    public long count(String outcome) {
        return outcomes.values().stream().filter(outcome::equals).count();
    }

    public boolean succeeded() {
        return !cancelled && !diagnostics.hasErrors() && outcomes.values().stream().allMatch("ok"::equals);
    }
}
