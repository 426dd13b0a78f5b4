package dev.platctl.engine.value;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarksTest {
    private static Set<String> secretsOf(Value v) {
        Set<String> out = new TreeSet<>();
        Marks.sensitiveStrings(v, out);
        return out;
    }

    private static StringValue s(String v) {
        return new StringValue(v);
    }

    @Test
    void aStringMarkedSensitiveAnywhereIsASecret() {
        Value v = new ObjectValue(Map.of("name", s("orders-db"), "password", s("hunter22").sensitive(),
                "env", new ListValue(List.of(new ObjectValue(Map.of("name", s("TOKEN"), "value", s("tok-123456").sensitive()))))));
        assertEquals(Set.of("hunter22", "tok-123456"), secretsOf(v));
    }

    @Test
    void everyStringOfASensitiveFlatMapIsASecret() {
        Value data = new ObjectValue(Map.of("username", s("app_user"), "password", s("s3cr3t-pw"))).sensitive();
        assertEquals(Set.of("app_user", "s3cr3t-pw"), secretsOf(new ObjectValue(Map.of("data", data))));
    }

    /** An object input declared sensitive as a whole: its items are plain, but not all strings. */
    @Test
    void theStringsOfASensitiveMapWithNumbersAndNullsAreSecrets() {
        Value db = new ObjectValue(Map.of("host", s("db.internal"), "port", new NumberValue(java.math.BigDecimal.valueOf(5432)),
                "password", s("s3cr3t-pw"), "token", NullValue.INSTANCE)).sensitive();
        assertEquals(Set.of("db.internal", "s3cr3t-pw"), secretsOf(new ObjectValue(Map.of("db", db))));
    }

    /** A whole manifest marked sensitive would otherwise make its kind and names "secrets", garbling every error about it. */
    @Test
    void theNamesOfASensitiveNestedObjectAreNotSecretsButItsMarkedPartsAre() {
        Value manifest = new ObjectValue(Map.of("kind", s("Secret"),
                "metadata", new ObjectValue(Map.of("name", s("db-conn"), "namespace", s("payments"))),
                "stringData", new ObjectValue(Map.of("url", s("postgres://u:pw@h/db").sensitive())))).sensitive();
        assertEquals(Set.of("postgres://u:pw@h/db"), secretsOf(new ObjectValue(Map.of("manifest", manifest))));
    }

    @Test
    void secretsTooShortToLookForAreLeftOut() {
        assertEquals(Set.of(), secretsOf(new ObjectValue(Map.of("pin", s("123").sensitive(), "port", new NumberValue(java.math.BigDecimal.valueOf(5432)).sensitive()))));
    }
}
