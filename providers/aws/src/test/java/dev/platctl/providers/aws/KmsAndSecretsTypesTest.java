package dev.platctl.providers.aws;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.aws.AwsTesting.assertNoChange;
import static dev.platctl.providers.aws.AwsTesting.obj;
import static dev.platctl.providers.aws.AwsTesting.tagsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** aws_kms_key, aws_kms_alias, aws_secretsmanager_secret and aws_secretsmanager_secret_version against the AWS test backend (moto or LocalStack, see AwsBackend). */
@ExtendWith(AwsBackend.class)
class KmsAndSecretsTypesTest {
    AwsProvider provider;
    KmsClient kms;
    SecretsManagerClient sm;

    @BeforeEach
    void setUp(AwsBackend.Emulator emulator) {
        provider = AwsTesting.provider(emulator, Map.of("team", "sec"));
        kms = AwsTesting.kms(emulator);
        sm = AwsTesting.secretsManager(emulator);
    }

    @AfterEach
    void tearDown() {
        provider.close();
        kms.close();
        sm.close();
    }

    @Nested
    class Keys {
        static final String KEY = "sec.aws_kms_key.data";

        @Test
        void keyFullLifecycle() {
            ResourceType keys = AwsTesting.type(provider, KmsKeyType.TYPE);
            ObjectValue config = obj("description", "payments data", "deletion_window_in_days", 7);
            ObjectValue state = AwsTesting.create(keys, config, KEY);
            String id = Attrs.string(state, "key_id").orElseThrow();
            assertEquals(Optional.of(state), keys.read(state));
            assertNoChange(keys, state, config);

            ObjectValue updated = config.with("enable_key_rotation", Value.TRUE).with("description", Value.of("payments data v2"))
                    .with("tags", obj("env", "prod"));
            state = AwsTesting.update(keys, state, updated);
            assertTrue(kms.getKeyRotationStatus(b -> b.keyId(id)).keyRotationEnabled());
            assertEquals(Optional.of(state), keys.read(state));
            assertNoChange(keys, state, updated);

            ObjectValue signing = updated.with("key_usage", Value.of("SIGN_VERIFY")).with("enable_key_rotation", Value.FALSE);
            assertEquals(Set.of(AttributePath.of("key_usage")), keys.plan(Optional.of(state), signing).requiresReplace());
            keys.delete(state);
            assertEquals(KeyState.PENDING_DELETION, kms.describeKey(b -> b.keyId(id)).keyMetadata().keyState());
            assertEquals(Optional.empty(), keys.read(state), "a key pending deletion is gone");

            state = AwsTesting.create(keys, updated, KEY);
            String id2 = Attrs.string(state, "key_id").orElseThrow();
            kms.disableKeyRotation(b -> b.keyId(id2));
            kms.disableKey(b -> b.keyId(id2));
            ObjectValue drifted = keys.read(state).orElseThrow();
            assertEquals(Value.FALSE, drifted.getOrNull("is_enabled"));
            assertEquals(Value.FALSE, drifted.getOrNull("enable_key_rotation"));
            assertEquals(state, AwsTesting.update(keys, drifted, updated));
            assertEquals(Optional.of(state), keys.read(state));

            ObjectValue imported = keys.importState(id2).orElseThrow();
            assertNoChange(keys, imported, updated.with("deletion_window_in_days", Value.of(30)));
            assertEquals(Optional.of(state), keys.lookup(KEY, updated));
            assertEquals(Optional.empty(), keys.lookup("other.aws_kms_key.data", updated));
            keys.delete(state);
            assertEquals(Optional.empty(), keys.read(state));
            assertEquals(Optional.empty(), keys.lookup(KEY, updated));
        }

        @Test
        void aliasFullLifecycle() {
            ResourceType keys = AwsTesting.type(provider, KmsKeyType.TYPE);
            ResourceType aliases = AwsTesting.type(provider, KmsAliasType.TYPE);
            ObjectValue first = AwsTesting.create(keys, obj("description", "a"), KEY);
            ObjectValue second = AwsTesting.create(keys, obj("description", "b"), "sec.aws_kms_key.other");
            String firstArn = Attrs.string(first, "arn").orElseThrow();
            String secondId = Attrs.string(second, "key_id").orElseThrow();
            String key = "sec.aws_kms_alias.data";

            ObjectValue config = obj("name", "alias/payments", "target_key_id", firstArn);
            ObjectValue state = AwsTesting.create(aliases, config, key);
            assertTrue(Attrs.string(state, "arn").orElseThrow().endsWith(":alias/payments"));
            assertEquals(Optional.of(state), aliases.read(state), "a target given by ARN stays the ARN");
            assertNoChange(aliases, state, config);

            ObjectValue moved = obj("name", "alias/payments", "target_key_id", secondId);
            state = AwsTesting.update(aliases, state, moved);
            assertEquals(secondId, kms.listAliases().aliases().stream().filter(a -> a.aliasName().equals("alias/payments"))
                    .findFirst().orElseThrow().targetKeyId());
            assertEquals(Optional.of(state), aliases.read(state));

            ObjectValue renamed = moved.with("name", Value.of("alias/payments-v2"));
            assertEquals(Set.of(AttributePath.of("name")), aliases.plan(Optional.of(state), renamed).requiresReplace());
            aliases.delete(state);
            assertEquals(Optional.empty(), aliases.read(state));
            state = AwsTesting.create(aliases, renamed, key);

            kms.updateAlias(b -> b.aliasName("alias/payments-v2").targetKeyId(firstArn));
            ObjectValue drifted = aliases.read(state).orElseThrow();
            assertNotEquals(state, drifted);
            assertEquals(state, AwsTesting.update(aliases, drifted, renamed));
            assertEquals(Optional.of(state), aliases.read(state));

            ObjectValue imported = aliases.importState("alias/payments-v2").orElseThrow();
            assertNoChange(aliases, imported, renamed);
            assertEquals(Optional.of(state), aliases.lookup(key, renamed));
            assertEquals(Optional.empty(), aliases.lookup(key, renamed.with("target_key_id", Value.of("some-other-key"))),
                    "an alias pointing elsewhere is not adopted");
            aliases.delete(imported);
            assertEquals(Optional.empty(), aliases.read(imported));
        }
    }

    @Nested
    class Secrets {
        static final String KEY = "payments.aws_secretsmanager_secret.db";
        static final String VERSION_KEY = "payments.aws_secretsmanager_secret_version.db";

        @Test
        void secretFullLifecycle() {
            ResourceType secrets = AwsTesting.type(provider, SecretsManagerSecretType.TYPE);
            ObjectValue config = obj("name", "payments/db", "description", "payments database", "recovery_window_in_days", 0);
            ObjectValue state = AwsTesting.create(secrets, config, KEY);
            String arn = Attrs.string(state, "arn").orElseThrow();
            assertEquals(Optional.of(state), secrets.read(state));
            assertNoChange(secrets, state, config);

            ObjectValue updated = config.with("description", Value.of("payments master credentials")).with("tags", obj("env", "prod"));
            state = AwsTesting.update(secrets, state, updated);
            assertEquals("payments master credentials", sm.describeSecret(b -> b.secretId(arn)).description());
            assertEquals(Optional.of(state), secrets.read(state));
            assertNoChange(secrets, state, updated);

            ObjectValue renamed = updated.with("name", Value.of("payments/db-v2"));
            assertEquals(Set.of(AttributePath.of("name")), secrets.plan(Optional.of(state), renamed).requiresReplace());
            secrets.delete(state);
            assertEquals(Optional.empty(), secrets.read(state));
            state = AwsTesting.create(secrets, renamed, KEY);
            String arn2 = Attrs.string(state, "arn").orElseThrow();

            sm.updateSecret(b -> b.secretId(arn2).description("by hand"));
            sm.tagResource(b -> b.secretId(arn2).tags(t -> t.key("owner").value("someone")));
            ObjectValue drifted = secrets.read(state).orElseThrow();
            assertEquals(Value.of("by hand"), drifted.getOrNull("description"));
            assertEquals("someone", tagsAll(drifted).get("owner"));
            assertEquals(state, AwsTesting.update(secrets, drifted, renamed));
            assertEquals(Optional.of(state), secrets.read(state));

            ObjectValue imported = secrets.importState("payments/db-v2").orElseThrow();
            assertNoChange(secrets, imported, renamed.with("recovery_window_in_days", Value.of(30)));
            assertEquals(Optional.of(state), secrets.lookup(KEY, renamed));
            assertEquals(Optional.empty(), secrets.lookup("other.aws_secretsmanager_secret.db", renamed));
            secrets.delete(state);
            assertEquals(Optional.empty(), secrets.read(state));
            assertEquals(Optional.empty(), secrets.lookup(KEY, renamed));
        }

        @Test
        void versionFullLifecycle() {
            ResourceType secrets = AwsTesting.type(provider, SecretsManagerSecretType.TYPE);
            ResourceType versions = AwsTesting.type(provider, SecretsManagerSecretVersionType.TYPE);
            String arn = Attrs.string(AwsTesting.create(secrets, obj("name", "payments/db", "recovery_window_in_days", 0), KEY),
                    "arn").orElseThrow();
            ObjectValue config = obj("secret_id", arn, "secret_string", Value.of("first-Pa55").sensitive());
            ObjectValue state = AwsTesting.create(versions, config, VERSION_KEY);
            assertInstanceOf(SensitiveValue.class, state.getOrNull("secret_string"));
            assertFalse(state.toString().contains("first-Pa55"));
            assertEquals("first-Pa55", sm.getSecretValue(b -> b.secretId(arn)).secretString());
            assertEquals(Optional.of(state), versions.read(state));
            assertNoChange(versions, state, config);
            assertEquals(Optional.of(state), versions.lookup(VERSION_KEY, config), "a crashed create finds its version");

            ObjectValue changed = config.with("secret_string", Value.of("second-Pa55").sensitive());
            assertEquals(Set.of(AttributePath.of("secret_string")), versions.plan(Optional.of(state), changed).requiresReplace());
            ObjectValue next = AwsTesting.create(versions, changed, VERSION_KEY);
            versions.delete(state);
            state = next;
            assertEquals("second-Pa55", sm.getSecretValue(b -> b.secretId(arn)).secretString());
            assertEquals(Optional.of(state), versions.read(state));

            sm.putSecretValue(b -> b.secretId(arn).secretString("set-by-hand"));
            ObjectValue drifted = versions.read(state).orElseThrow();
            assertEquals(Value.of("set-by-hand"), drifted.getOrNull("secret_string").unmarked());
            assertEquals(Set.of(AttributePath.of("secret_string")), versions.plan(Optional.of(drifted), changed).requiresReplace(),
                    "a value set outside platctl is replaced by the configured one");
            ObjectValue repaired = AwsTesting.create(versions, changed, "payments.aws_secretsmanager_secret_version.repair");
            assertEquals("second-Pa55", sm.getSecretValue(b -> b.secretId(arn)).secretString());

            String id = Attrs.string(repaired, "id").orElseThrow();
            ObjectValue imported = versions.importState(id).orElseThrow();
            assertEquals(repaired.getOrNull("version_id"), imported.getOrNull("version_id"));
            assertNoChange(versions, imported, changed);
            ProviderException badId = assertThrows(ProviderException.class, () -> versions.importState("no-bar"));
            assertTrue(badId.getMessage().contains("<secret ARN or name>|<version id>"), badId.getMessage());

            secrets.delete(obj("arn", arn, "recovery_window_in_days", 0));
            assertEquals(Optional.empty(), versions.read(repaired), "the value goes with its secret");
        }
    }
}
