package dev.platctl.providers.builtin;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.platctl.providers.builtin.TestValues.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomIdTypeTest {
    private final RandomIdType type = new RandomIdType(() -> new SplittableRandom(1));

    private ObjectValue created(ObjectValue config) {
        return type.create(type.plan(Optional.empty(), config).planned(), "app.random_id.suffix");
    }

    private static String s(ObjectValue o, String name) {
        return AttributeValues.string(o, name).orElseThrow();
    }

    @Test
    void planOnCreateLeavesEveryEncodingUnknown() {
        ObjectValue planned = type.plan(Optional.empty(), obj("byte_length", 4)).planned();

        assertEquals(obj("byte_length", 4, "prefix", Value.NULL, "keepers", Value.NULL, "id", Value.UNKNOWN,
                "hex", Value.UNKNOWN, "b64_std", Value.UNKNOWN, "b64_url", Value.UNKNOWN, "dec", Value.UNKNOWN), planned);
    }

    @Test
    void encodingsAgreeWithEachOtherAndCarryThePrefix() {
        ObjectValue state = created(obj("byte_length", 8, "prefix", "app-"));

        byte[] bytes = Base64.getUrlDecoder().decode(s(state, "id"));
        assertEquals(8, bytes.length);
        assertTrue(!s(state, "id").contains("="), "id has no padding");
        assertEquals("app-" + HexFormat.of().formatHex(bytes), s(state, "hex"));
        assertEquals("app-" + Base64.getEncoder().encodeToString(bytes), s(state, "b64_std"));
        assertEquals("app-" + s(state, "id"), s(state, "b64_url"));
        assertEquals("app-" + new BigInteger(1, bytes), s(state, "dec"));
    }

    @Test
    void seededRandomGivesTheSameBytes() {
        assertEquals(created(obj("byte_length", 6)), created(obj("byte_length", 6)));
    }

    @Test
    void unchangedConfigurationPlansNoChange() {
        ObjectValue state = created(obj("byte_length", 4));

        PlanResult r = type.plan(Optional.of(state), obj("byte_length", 4));

        assertEquals(state, r.planned());
        assertTrue(r.requiresReplace().isEmpty());
    }

    @Test
    void changedPrefixOrLengthForcesNewBytes() {
        ObjectValue state = created(obj("byte_length", 4));

        PlanResult r = type.plan(Optional.of(state), obj("byte_length", 5, "prefix", "x-"));

        assertEquals(Set.of(AttributePath.of("byte_length"), AttributePath.of("prefix")), r.requiresReplace());
        assertEquals(Value.UNKNOWN, r.planned().getOrNull("hex"));
    }

    @Test
    void zeroByteLengthIsDiagnosed() {
        assertEquals("Invalid value for \"byte_length\"",
                type.plan(Optional.empty(), obj("byte_length", 0)).diagnostics().errors().get(0).summary());
    }

    @Test
    void importFromBase64UrlIdRoundTrips() {
        ObjectValue state = created(obj("byte_length", 4));

        ObjectValue imported = type.importState(s(state, "id")).orElseThrow();

        assertEquals(state, imported);
        assertTrue(type.plan(Optional.of(imported), obj("byte_length", 4)).requiresReplace().isEmpty());
    }

    @Test
    void importWithPrefixBeforeAComma() {
        ObjectValue imported = type.importState("web-,p-9E-rJQ").orElseThrow();

        assertEquals(Value.of("web-"), imported.getOrNull("prefix"));
        assertEquals(Value.of("p-9E-rJQ"), imported.getOrNull("id"));
        assertEquals(Value.of("web-a7ef44fab250"), imported.getOrNull("hex"));
    }

    @Test
    void importOfSomethingNotBase64UrlIsRefused() {
        ProviderException e = assertThrows(ProviderException.class, () -> type.importState("not base64!"));

        assertTrue(e.getMessage().startsWith("cannot import random_id 'not base64!': expected a base64url id"), e.getMessage());
    }
}
