package dev.platctl.providers.builtin;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.platctl.providers.builtin.TestValues.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatctlDataTypeTest {
    private final PlatctlDataType type = new PlatctlDataType(() -> new SplittableRandom(7));

    private ObjectValue created(ObjectValue config) {
        return type.create(type.plan(Optional.empty(), config).planned(), "app.platctl_data.x");
    }

    @Test
    void planOnCreateKnowsOutputWhenInputIsKnownAndIdIsUnknown() {
        PlanResult r = type.plan(Optional.empty(), obj("input", "hello"));

        assertEquals(obj("input", "hello", "triggers_replace", Value.NULL, "id", Value.UNKNOWN, "output", "hello"),
                r.planned());
        assertTrue(r.diagnostics().isEmpty());
    }

    @Test
    void planOnCreateLeavesOutputUnknownWhenInputIsUnknown() {
        assertEquals(Value.UNKNOWN, type.plan(Optional.empty(), obj("input", Value.UNKNOWN)).planned().getOrNull("output"));
    }

    @Test
    void createChoosesAUuidAndCopiesInputToOutput() {
        ObjectValue state = created(obj("input", Value.list(List.of(Value.of(1), Value.of(2)))));

        assertTrue(AttributeValues.string(state, "id").orElseThrow()
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), state.toString());
        assertEquals(state.getOrNull("input"), state.getOrNull("output"));
    }

    @Test
    void seededRandomGivesTheSameId() {
        assertEquals(created(obj("input", "a")).getOrNull("id"), created(obj("input", "a")).getOrNull("id"));
        assertNotEquals(created(obj()).getOrNull("id"),
                new PlatctlDataType(() -> new SplittableRandom(8)).create(
                        type.plan(Optional.empty(), obj()).planned(), "k").getOrNull("id"));
    }

    @Test
    void sameConfigurationPlansNoChange() {
        ObjectValue state = created(obj("input", "a", "triggers_replace", "v1"));

        PlanResult r = type.plan(Optional.of(state), obj("input", "a", "triggers_replace", "v1"));

        assertEquals(state, r.planned());
        assertTrue(r.requiresReplace().isEmpty());
    }

    @Test
    void changedInputUpdatesInPlaceKeepingTheId() {
        ObjectValue state = created(obj("input", "a"));

        PlanResult r = type.plan(Optional.of(state), obj("input", "b"));
        ObjectValue updated = type.update(state, r.planned());

        assertTrue(r.requiresReplace().isEmpty());
        assertEquals(Value.of("b"), r.planned().getOrNull("output"));
        assertEquals(state.getOrNull("id"), updated.getOrNull("id"));
        assertEquals(Value.of("b"), updated.getOrNull("output"));
    }

    @Test
    void changedTriggersReplaceForcesReplacement() {
        ObjectValue state = created(obj("input", "a", "triggers_replace", "v1"));

        PlanResult r = type.plan(Optional.of(state), obj("input", "a", "triggers_replace", "v2"));

        assertEquals(Set.of(AttributePath.of("triggers_replace")), r.requiresReplace());
        assertEquals(Value.UNKNOWN, r.planned().getOrNull("id"));
    }

    @Test
    void sensitiveInputStaysSensitiveInOutput() {
        ObjectValue state = created(obj("input", Value.of("pw").sensitive()));

        assertEquals(Value.of("pw").sensitive(), state.getOrNull("output"));
    }

    @Test
    void readReturnsTheStateAndLookupFindsNothing() {
        ObjectValue state = created(obj("input", "a"));

        assertEquals(Optional.of(state), type.read(state));
        assertEquals(Optional.empty(), type.lookup("app.platctl_data.x", state));
    }

    @Test
    void importIsRefusedWithAReason() {
        ProviderException e = assertThrows(ProviderException.class, () -> type.importState("abc"));

        assertEquals("cannot import platctl_data abc: it exists only in state, so there is nothing to import;"
                + " declare it in the configuration instead", e.getMessage());
        assertEquals("cannot import platctl_data d.platctl_data.x (abc): it exists only in state, so there is nothing to import;"
                + " declare it in the configuration instead", ProviderException.told("import", "platctl_data d.platctl_data.x", e),
                "the engine tells it once, with the address");
    }
}
