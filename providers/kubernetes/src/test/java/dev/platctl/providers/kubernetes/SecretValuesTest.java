package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which values of a manifest are taken out of the API server's words, in which forms, and what is left alone. */
class SecretValuesTest {
    private static final String PLAIN = "s3cr3t-hunter2";
    private static final String ENCODED = Base64.getEncoder().encodeToString(PLAIN.getBytes());

    @ParameterizedTest(name = "{3}")
    @MethodSource("cases")
    void takesTheSecretsValuesOutOfTheServersWordsInEveryFormItSent(Map<String, Object> manifest, String said, String expected, String reason) {
        assertEquals(expected, SecretValues.of(manifest).redact(said), reason);
    }

    static List<Arguments> cases() {
        Map<String, Object> secret = Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "db"),
                "data", Map.of("password", ENCODED, "port", "NTQz", "blob", "/w=="), "stringData", Map.of("token", "tok-plain-9"));
        String r = SecretValues.REPLACEMENT;
        return List.of(
                Arguments.of(secret, "password " + PLAIN + " is too weak", "password " + r + " is too weak",
                        "a webhook quotes the decoded value"),
                Arguments.of(secret, "data.password: " + ENCODED + " rejected", "data.password: " + r + " rejected",
                        "a policy quotes the value as sent"),
                Arguments.of(secret, "token tok-plain-9 (" + Base64.getEncoder().encodeToString("tok-plain-9".getBytes()) + ")",
                        "token " + r + " (" + r + ")", "stringData, plain and as the server stores it"),
                Arguments.of(secret, "port 543 is reserved; ports 5430-5439 and 543x are not", "port " + r
                        + " is reserved; ports 5430-5439 and 543x are not", "a short value only where it stands alone"),
                Arguments.of(Map.of("apiVersion", "v1", "kind", "ConfigMap", "data", Map.of("password", PLAIN)),
                        "password " + PLAIN, "password " + PLAIN, "a ConfigMap holds nothing secret"),
                Arguments.of(Map.of("apiVersion", "v1", "kind", "Secret", "data", Map.of("empty", "")), "Secret \"db\" is invalid",
                        "Secret \"db\" is invalid", "an empty value is no value to replace"));
    }

    /** The words of an admission webhook the test API server cannot run, which decodes the value before quoting it. */
    @Test
    void anApiServerErrorQuotingTheDecodedValueIsToldWithoutIt() {
        KubernetesClientException refused = new KubernetesClientException(new StatusBuilder().withCode(400).withReason("BadRequest")
                .withMessage("admission webhook \"strength.example.com\" denied the request: password " + PLAIN + " is too weak").build());
        ProviderException e = ApiErrors.of("apply", "Secret", "default/db", refused,
                SecretValues.of(Map.of("apiVersion", "v1", "kind", "Secret", "data", Map.of("password", ENCODED))));
        assertEquals("cannot apply Secret default/db: BadRequest: admission webhook \"strength.example.com\" denied the request: password"
                + " (sensitive value) is too weak (status 400)", e.getMessage());
        assertEquals("BadRequest: admission webhook \"strength.example.com\" denied the request: password (sensitive value) is too weak"
                + " (status 400)", e.reason().orElseThrow());
        assertEquals(null, e.getCause());
    }
}
