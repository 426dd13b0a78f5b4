package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A ValidatingAdmissionPolicy that refuses Secrets labelled {@value #LABEL} and quotes their values in its message, as a
 * careless admission webhook might: the Secret's values never reach platctl's error.
 */
@ExtendWith(KubeApiServer.class)
class SecretRedactionTest {
    private static final String LABEL = "platctl.dev/echo";
    private static final String POLICY = "platctl-test-echo";
    private static final String PASSWORD = "s3cr3t-hunter2";
    private Fixture k;

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
        String quoting = "'password=' + (has(object.data) && 'password' in object.data ? object.data['password'] : '')"
                + " + ', username=' + (has(object.data) && 'username' in object.data ? object.data['username'] : '')";
        Map<String, Object> rule = Map.of("apiGroups", List.of(""), "apiVersions", List.of("v1"),
                "operations", List.of("CREATE", "UPDATE"), "resources", List.of("secrets"));
        k.admin.resource(resource(Map.of("apiVersion", "admissionregistration.k8s.io/v1", "kind", "ValidatingAdmissionPolicy",
                "metadata", Map.of("name", POLICY),
                "spec", Map.of("failurePolicy", "Fail", "matchConstraints", Map.of("resourceRules", List.of(rule)),
                        "validations", List.of(Map.of("expression", "false", "messageExpression", quoting)))))).create();
        k.admin.resource(resource(Map.of("apiVersion", "admissionregistration.k8s.io/v1", "kind", "ValidatingAdmissionPolicyBinding",
                "metadata", Map.of("name", POLICY),
                "spec", Map.of("policyName", POLICY, "validationActions", List.of("Deny"),
                        "matchResources", Map.of("objectSelector", Map.of("matchLabels", Map.of(LABEL, "true"))))))).create();
        var probe = new SecretBuilder().withNewMetadata().withName("probe").withNamespace("default").addToLabels(LABEL, "true").endMetadata()
                .withData(Map.of("password", "cHJvYmU=")).build();
        DiscoveryTest.waitUntil(() -> {
            try {
                k.admin.secrets().inNamespace("default").resource(probe).dryRun().create();
                return false;
            } catch (KubernetesClientException e) {
                return e.getCode() == 422 && e.getMessage().contains("password=cHJvYmU=");
            }
        }, "the API server applies the policy");
    }

    @AfterEach
    void stop() {
        k.admin.genericKubernetesResources("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding").withName(POLICY).delete();
        k.admin.genericKubernetesResources("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy").withName(POLICY).delete();
        k.close();
    }

    private GenericKubernetesResource resource(Map<String, Object> object) {
        return k.admin.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNothingShown(ProviderException e, String what, String... values) {
        for (String told : new String[]{e.getMessage(), e.reason().orElse(""), ProviderException.told("create", what, e),
                String.valueOf(e.getCause())})
            for (String v : values) assertFalse(told.contains(v), "shows " + v + ": " + told);
    }

    @Test
    void aSecretsValuesThatAnAdmissionPolicyQuotesAreTakenOutOfTheError() {
        ObjectValue config = obj("name", "echoed", "labels", obj(LABEL, "true"), "data", obj("username", "app", "password", PASSWORD));
        ProviderException e = assertThrows(ProviderException.class, () -> k.create(SecretType.TYPE, config, "x.kubernetes_secret.echoed"));
        assertEquals("cannot apply Secret default/echoed: Invalid: secrets \"echoed\" is forbidden: ValidatingAdmissionPolicy"
                + " 'platctl-test-echo' with binding 'platctl-test-echo' denied request: password=(sensitive value), username=(sensitive"
                + " value) (status 422)", e.getMessage());
        assertNothingShown(e, "kubernetes_secret x.kubernetes_secret.echoed", PASSWORD, base64(PASSWORD), base64("app"));
        assertNull(k.admin.secrets().inNamespace("default").withName("echoed").get());
    }

    @Test
    void aManifestSecretsValuesThatAnAdmissionPolicyQuotesAreTakenOutOfTheErrorOnCreateAndUpdate() {
        ObjectValue unlabelled = obj("manifest", obj("apiVersion", "v1", "kind", "Secret",
                "metadata", obj("name", "echoed-manifest", "namespace", "default"),
                "data", obj("username", base64("platform_admin")), "stringData", obj("password", Value.of(PASSWORD).sensitive())));
        ObjectValue state = k.create(ManifestType.TYPE, unlabelled, "x.kubernetes_manifest.echoed");
        ObjectValue manifest = (ObjectValue) unlabelled.getOrNull("manifest");
        ObjectValue labelled = unlabelled.with("manifest", manifest.with("metadata",
                obj("name", "echoed-manifest", "namespace", "default", "labels", obj(LABEL, "true"))));
        var plan = k.type(ManifestType.TYPE).plan(java.util.Optional.of(state), labelled);
        ProviderException e = assertThrows(ProviderException.class, () -> k.type(ManifestType.TYPE).update(state, plan.planned()));
        assertEquals("cannot apply Secret default/echoed-manifest: Invalid: secrets \"echoed-manifest\" is forbidden:"
                + " ValidatingAdmissionPolicy 'platctl-test-echo' with binding 'platctl-test-echo' denied request: password=(sensitive"
                + " value), username=(sensitive value) (status 422)", e.getMessage());
        assertNothingShown(e, "kubernetes_manifest x.kubernetes_manifest.echoed", PASSWORD, base64(PASSWORD), "platform_admin",
                base64("platform_admin"));
        k.type(ManifestType.TYPE).delete(state);
    }
}
