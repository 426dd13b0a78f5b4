package dev.platctl.engine.provider;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.ObjectValue;

import java.util.Set;

/** A provider's answer to a plan call. */
public record PlanResult(ObjectValue planned, Set<AttributePath> requiresReplace, Diagnostics diagnostics) {
    public PlanResult {
        requiresReplace = Set.copyOf(requiresReplace);
    }

    public static PlanResult of(ObjectValue planned, Set<AttributePath> requiresReplace) {
        return new PlanResult(planned, requiresReplace, new Diagnostics());
    }
}
