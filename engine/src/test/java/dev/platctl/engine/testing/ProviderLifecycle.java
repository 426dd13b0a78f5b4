package dev.platctl.engine.testing;

import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan-then-call steps every provider's lifecycle tests take, with the checks a clean plan needs. */
public final class ProviderLifecycle {
    private ProviderLifecycle() {
    }

    /** Plans a create, checks it has no errors, and creates. */
    public static ObjectValue create(ResourceType t, ObjectValue config, String key) {
        PlanResult p = t.plan(Optional.empty(), config);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics()::toString);
        return t.create(p.planned(), key);
    }

    /** Plans an update; fails when it needs replacing or changes nothing. */
    public static ObjectValue update(ResourceType t, ObjectValue prior, ObjectValue config) {
        PlanResult p = t.plan(Optional.of(prior), config);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics()::toString);
        assertTrue(p.requiresReplace().isEmpty(), () -> "expected an in-place update, got replacement of " + p.requiresReplace());
        assertNotEquals(prior, p.planned(), "expected a change");
        return t.update(prior, p.planned());
    }

    /** Asserts that planning {@code config} against {@code state} changes nothing. */
    public static void assertNoChange(ResourceType t, ObjectValue state, ObjectValue config) {
        PlanResult p = t.plan(Optional.of(state), config);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics()::toString);
        assertEquals(state, p.planned(), "re-plan of an unchanged configuration");
        assertTrue(p.requiresReplace().isEmpty());
    }
}
