package dev.platctl.providers.builtin;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.platctl.providers.builtin.TestValues.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomPasswordTypeTest {
    private final RandomPasswordType type = new RandomPasswordType(() -> new SplittableRandom(42));

    private ObjectValue created(RandomPasswordType t, ObjectValue config) {
        PlanResult r = t.plan(Optional.empty(), config);
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics().toString());
        return t.create(r.planned(), "app.random_password.db");
    }

    private String password(ObjectValue state) {
        return AttributeValues.string(state, "result").orElseThrow();
    }

    @Test
    void planOnCreateFillsDefaultsAndHidesTheUnknownResult() {
        ObjectValue planned = type.plan(Optional.empty(), obj("length", 16)).planned();

        assertEquals(obj("length", 16, "special", true, "upper", true, "lower", true, "numeric", true,
                "override_special", Value.NULL, "min_special", 0, "min_upper", 0, "min_lower", 0, "min_numeric", 0,
                "keepers", Value.NULL, "result", new SensitiveValue(Value.UNKNOWN), "id", "none"), planned);
    }

    @Test
    void resultIsSensitiveAndHasTheRequestedLength() {
        ObjectValue state = created(type, obj("length", 24));

        assertInstanceOf(SensitiveValue.class, state.getOrNull("result"));
        assertEquals(24, password(state).length());
        assertEquals(Value.of("none"), state.getOrNull("id"));
    }

    @Test
    void seededRandomGivesTheSamePassword() {
        assertEquals(password(created(type, obj("length", 20))), password(created(type, obj("length", 20))));
        assertNotEquals(password(created(type, obj("length", 20))),
                password(created(new RandomPasswordType(() -> new SplittableRandom(43)), obj("length", 20))));
    }

    @Test
    void everyEnabledClassAppearsWhenLengthAllows() {
        for (long seed = 0; seed < 200; seed++) {
            long s = seed;
            String pw = password(created(new RandomPasswordType(() -> new SplittableRandom(s)), obj("length", 4)));
            assertTrue(pw.chars().anyMatch(Character::isLowerCase), "seed " + seed + ": " + pw);
            assertTrue(pw.chars().anyMatch(Character::isUpperCase), "seed " + seed + ": " + pw);
            assertTrue(pw.chars().anyMatch(Character::isDigit), "seed " + seed + ": " + pw);
            assertTrue(pw.chars().anyMatch(c -> PasswordGenerator.DEFAULT_SPECIAL.indexOf(c) >= 0), "seed " + seed + ": " + pw);
        }
    }

    @Test
    void disabledClassesNeverAppear() {
        String pw = password(created(type, obj("length", 200, "upper", false, "numeric", false, "special", false)));

        assertTrue(pw.chars().allMatch(c -> c >= 'a' && c <= 'z'), pw);
    }

    @Test
    void overrideSpecialReplacesTheSpecialCharacters() {
        String pw = password(created(type, obj("length", 200, "override_special", "_", "lower", false,
                "upper", false, "numeric", false)));

        assertEquals("_".repeat(200), pw);
    }

    @Test
    void minimumsAreMet() {
        String pw = password(created(type, obj("length", 12, "min_numeric", 5, "min_upper", 4)));

        assertTrue(pw.chars().filter(Character::isDigit).count() >= 5, pw);
        assertTrue(pw.chars().filter(Character::isUpperCase).count() >= 4, pw);
    }

    @Test
    void shortPasswordStillDrawsFromTheFirstClasses() {
        assertEquals(1, password(created(type, obj("length", 1))).length());
    }

    @Test
    void unchangedConfigurationPlansNoChange() {
        ObjectValue state = created(type, obj("length", 16, "keepers", obj("rotation", "1")));

        PlanResult r = type.plan(Optional.of(state), obj("length", 16, "keepers", obj("rotation", "1")));

        assertEquals(state, r.planned());
        assertTrue(r.requiresReplace().isEmpty());
    }

    @Test
    void changedKeepersForceANewPassword() {
        ObjectValue state = created(type, obj("length", 16, "keepers", obj("rotation", "1")));

        PlanResult r = type.plan(Optional.of(state), obj("length", 16, "keepers", obj("rotation", "2")));

        assertEquals(Set.of(AttributePath.of("keepers")), r.requiresReplace());
        assertEquals(new SensitiveValue(Value.UNKNOWN), r.planned().getOrNull("result"));
    }

    @Test
    void droppingAnExplicitDefaultIsNoChange() {
        ObjectValue state = created(type, obj("length", 16, "special", true));

        assertTrue(type.plan(Optional.of(state), obj("length", 16)).requiresReplace().isEmpty());
    }

    @Test
    void importedPasswordMatchesAConfigurationWithItsLength() {
        ObjectValue imported = type.importState("s3cr3t-Pass").orElseThrow();

        PlanResult r = type.plan(Optional.of(imported), obj("length", 11));

        assertEquals(Value.of("s3cr3t-Pass").sensitive(), imported.getOrNull("result"));
        assertEquals(imported, r.planned());
        assertTrue(r.requiresReplace().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void invalidSettingsAreDiagnosed(String reason, ObjectValue config, String summary) {
        List<Diagnostic> errors = type.plan(Optional.empty(), config).diagnostics().errors();

        assertEquals(1, errors.size(), reason + ": " + errors);
        assertEquals(summary, errors.get(0).summary(), reason);
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                Arguments.of("length is required", obj(), "Missing required attribute \"length\""),
                Arguments.of("length must be at least 1", obj("length", 0), "Invalid value for \"length\""),
                Arguments.of("length must be whole", obj("length", Value.of(new java.math.BigDecimal("2.5"))),
                        "Invalid value for \"length\""),
                Arguments.of("minimums cannot exceed length", obj("length", 3, "min_upper", 2, "min_lower", 2),
                        "Invalid value for \"length\""),
                Arguments.of("a minimum for a disabled class conflicts", obj("length", 8, "upper", false, "min_upper", 1),
                        "Conflicting values for \"min_upper\""),
                Arguments.of("some class must be enabled", obj("length", 8, "upper", false, "lower", false,
                        "numeric", false, "special", false), "No characters to choose from"),
                Arguments.of("an empty override leaves special with no characters", obj("length", 8, "upper", false,
                        "lower", false, "numeric", false, "override_special", ""), "No characters to choose from"),
                Arguments.of("result is computed", obj("length", 8, "result", "x"), "Cannot set computed attribute \"result\""));
    }

    @Test
    void unknownLengthIsNotDiagnosed() {
        assertTrue(type.plan(Optional.empty(), obj("length", Value.UNKNOWN)).diagnostics().isEmpty());
    }
}
