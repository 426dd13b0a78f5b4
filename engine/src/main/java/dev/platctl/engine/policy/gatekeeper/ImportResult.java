package dev.platctl.engine.policy.gatekeeper;

import java.util.List;

/** What an import made ({@code policies}) and, in words, everything it could not carry over ({@code unsupported}). */
public record ImportResult(List<ImportedPolicy> policies, List<String> unsupported) {
    public ImportResult {
        policies = List.copyOf(policies);
        unsupported = List.copyOf(unsupported);
    }
}
