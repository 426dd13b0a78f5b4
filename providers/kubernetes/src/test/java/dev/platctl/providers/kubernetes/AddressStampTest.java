package dev.platctl.providers.kubernetes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every address becomes a valid label value; a valid one stays as it is, others keep a readable prefix. */
class AddressStampTest {
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a plain address is its own label value | payments-api.kubernetes_secret.conn | payments-api.kubernetes_secret.conn",
            "an index with quotes is hashed after a readable prefix | app.kubernetes_secret.env[\"prod\"] | app.kubernetes_secret.env_prod_-",
            "a very long address is cut and hashed | a-very-long-request-name-for-a-team.kubernetes_config_map.settings_for_everything | a-very-long-request-name-for-a-team.kubernetes-"})
    void labelValueIsValidAndReadable(String reason, String address, String prefix) {
        String v = AddressStamp.labelValue(address);
        assertTrue(LABEL_VALUE.matcher(v).matches() && v.length() <= 63, reason + ": " + v);
        assertTrue(v.startsWith(prefix), reason + ": " + v);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "addresses differing only in a character the label cannot hold stay apart | app.t.x[\"a/b\"] | app.t.x[\"a_b\"]"})
    void differentAddressesGetDifferentLabels(String reason, String a, String b) {
        assertNotEquals(AddressStamp.labelValue(a), AddressStamp.labelValue(b), reason);
        assertEquals(AddressStamp.labelValue(a), AddressStamp.labelValue(a));
    }
}
