package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kubernetes_secret} against the real API server: data is base64 on the wire and never shown. */
@ExtendWith(KubeApiServer.class)
class SecretTypeTest {
    private static final String TYPE = SecretType.TYPE;
    private static final String PASSWORD = "s3cr3t-hunter2";
    private Fixture k;

    @BeforeEach
    void start() throws Exception {
        k = Fixture.start();
    }

    @AfterEach
    void stop() {
        k.close();
    }

    private static ObjectValue config(String name, String password) {
        return obj("name", name, "data", obj("username", "app", "password", password));
    }

    private Secret live(String name) {
        return k.admin.secrets().inNamespace("default").withName(name).get();
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    @Test
    void lifecycleCreateReadNoOpUpdateImportDelete() {
        ObjectValue state = k.create(TYPE, config("db-conn", PASSWORD), "payments-db.kubernetes_secret.conn");
        Secret s = live("db-conn");
        assertEquals(PASSWORD, decode(s.getData().get("password")));
        assertEquals("Opaque", s.getType());
        assertInstanceOf(SensitiveValue.class, state.getOrNull("data"));
        ObjectValue read = k.read(TYPE, state);
        assertEquals(state.unmarked(), read.unmarked());
        k.assertNoChanges(TYPE, read, config("db-conn", PASSWORD));

        ObjectValue updated = k.update(TYPE, read, config("db-conn", "rotated"));
        assertEquals("rotated", decode(live("db-conn").getData().get("password")));

        ObjectValue imported = k.type(TYPE).importState("default/db-conn").orElseThrow();
        assertEquals(updated.getOrNull("data").unmarked(), imported.getOrNull("data").unmarked());
        assertInstanceOf(SensitiveValue.class, imported.getOrNull("data"));
        ObjectValue inNamespace = config("db-conn", "rotated").with("namespace", Value.of("default"));
        k.assertNoChanges(TYPE, imported, inNamespace);
        ObjectValue adopted = k.update(TYPE, imported, inNamespace.with("labels", obj("app", "payments")));
        assertEquals("payments", live("db-conn").getMetadata().getLabels().get("app"));
        k.assertNoChanges(TYPE, k.read(TYPE, adopted), inNamespace.with("labels", obj("app", "payments")));

        k.type(TYPE).delete(updated);
        assertNull(live("db-conn"));
        assertEquals(Optional.empty(), k.type(TYPE).read(updated));
    }

    @Test
    void aDifferentSecretTypeForcesReplacement() {
        ObjectValue state = k.create(TYPE, config("tls-ish", PASSWORD), "x.kubernetes_secret.typed");
        PlanResult p = k.type(TYPE).plan(Optional.of(state), config("tls-ish", PASSWORD).with("type", Value.of("example.com/custom")));
        assertEquals(Set.of(AttributePath.of("type")), p.requiresReplace());
    }

    @Test
    void driftedDataIsDetectedAndSecretValuesNeverAppearInErrorsOrStrings() {
        ObjectValue config = config("db-drift", PASSWORD);
        ObjectValue state = k.create(TYPE, config, "x.kubernetes_secret.drift");
        String other = "other-managers-value";
        k.admin.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("db-drift").endMetadata()
                        .withData(Map.of("password", Base64.getEncoder().encodeToString(other.getBytes(StandardCharsets.UTF_8))))
                        .build())
                .fieldManager("rotator").forceConflicts().serverSideApply();
        ObjectValue drifted = k.read(TYPE, state);
        assertEquals(Value.of(other), ((ObjectValue) drifted.getOrNull("data").unmarked()).getOrNull("password"));

        PlanResult plan = k.type(TYPE).plan(Optional.of(drifted), config);
        ProviderException e = assertThrows(ProviderException.class, () -> k.type(TYPE).update(drifted, plan.planned()));
        assertTrue(e.getMessage().contains("conflict with \"rotator\""), e.getMessage());
        for (String shown : new String[]{e.getMessage(), String.valueOf(e.getCause()), state.toString(), drifted.toString(),
                plan.planned().toString()}) {
            assertFalse(shown.contains(PASSWORD), shown);
            assertFalse(shown.contains(other), shown);
            assertFalse(shown.contains(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8))), shown);
        }
        k.update(TYPE, drifted, config.with("force_conflicts", Value.TRUE));
        assertEquals(PASSWORD, decode(live("db-drift").getData().get("password")));
    }
}
