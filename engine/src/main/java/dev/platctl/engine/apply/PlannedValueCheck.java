package dev.platctl.engine.apply;

import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.DesiredResource;
import dev.platctl.engine.value.ObjectValue;

import java.util.Optional;

/**
 * Checks a resource's planned value during apply, when the values unknown at plan time are known, just
 * before the provider is called (policy rules that could not be decided at plan time are decided here).
 */
@FunctionalInterface
public interface PlannedValueCheck {
    PlannedValueCheck NONE = (d, action, planned) -> Optional.empty();

    /** Why the change must not go ahead, when it must not. */
    Optional<String> refuse(DesiredResource d, Action action, ObjectValue planned);
}
