package dev.platctl.engine.plan;

import dev.platctl.engine.policy.PolicyResult;
import dev.platctl.engine.value.ObjectValue;

import java.util.function.Consumer;

/**
 * Changes a desired resource's proposed attributes before its provider plans them (policy defaults and
 * enforced values); plan and apply call it at the same point so that they agree.
 */
@FunctionalInterface
public interface ProposedValueMutator {
    ProposedValueMutator NONE = (d, proposed, report) -> proposed;

    /** The attributes to plan for {@code d}; every change made is passed to {@code report}. */
    ObjectValue mutate(DesiredResource d, ObjectValue proposed, Consumer<PolicyResult> report);
}
