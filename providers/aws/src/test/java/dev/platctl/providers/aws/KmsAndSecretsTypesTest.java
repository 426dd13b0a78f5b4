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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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

            kms.disableKeyRotation(b -> b.keyId(id));
            ObjectValue rotationOff = keys.read(state).orElseThrow();
            assertEquals(Value.FALSE, rotationOff.getOrNull("enable_key_rotation"));
            assertEquals(state, AwsTesting.update(keys, rotationOff, updated));
            assertTrue(kms.getKeyRotationStatus(b -> b.keyId(id)).keyRotationEnabled(), "rotation turned off outside platctl is back on");

            ObjectValue signing = updated.with("key_usage", Value.of("SIGN_VERIFY")).with("key_spec", Value.of("RSA_2048"))
                    .with("enable_key_rotation", Value.FALSE);
            assertEquals(Set.of(AttributePath.of("key_usage"), AttributePath.of("key_spec")),
                    keys.plan(Optional.of(state), signing).requiresReplace());
            keys.delete(state);
            assertEquals(KeyState.PENDING_DELETION, kms.describeKey(b -> b.keyId(id)).keyMetadata().keyState());
            assertEquals(Optional.empty(), keys.read(state), "a key pending deletion is gone");

            state = AwsTesting.create(keys, signing, KEY);
            String id2 = Attrs.string(state, "key_id").orElseThrow();
            KeyMetadata made = kms.describeKey(b -> b.keyId(id2)).keyMetadata();
            assertEquals(KeyUsageType.SIGN_VERIFY, made.keyUsage(), "the replacement has the new usage");
            assertEquals(KeySpec.RSA_2048, made.keySpec());
            byte[] signature = kms.sign(b -> b.keyId(id2).message(SdkBytes.fromUtf8String("receipt 42"))
                    .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)).signature().asByteArray();
            assertTrue(signature.length > 0, "it signs");
            assertEquals(Optional.of(state), keys.read(state));
            assertNoChange(keys, state, signing);

            kms.disableKey(b -> b.keyId(id2));
            kms.updateKeyDescription(b -> b.keyId(id2).description("changed by hand"));
            ObjectValue drifted = keys.read(state).orElseThrow();
            assertEquals(Value.FALSE, drifted.getOrNull("is_enabled"));
            assertEquals(Value.of("changed by hand"), drifted.getOrNull("description"));
            assertEquals(state, AwsTesting.update(keys, drifted, signing));
            assertEquals(Optional.of(state), keys.read(state));

            ObjectValue imported = keys.importState(id2).orElseThrow();
            assertEquals(Value.of("RSA_2048"), imported.getOrNull("key_spec"));
            assertNoChange(keys, imported, signing.with("deletion_window_in_days", Value.of(30)));
            assertEquals(Optional.of(state), keys.lookup(KEY, signing));
            assertEquals(Optional.empty(), keys.lookup("other.aws_kms_key.data", signing));
            keys.delete(state);
            assertEquals(Optional.empty(), keys.read(state));
            assertEquals(Optional.empty(), keys.lookup(KEY, signing));
        }

        static Stream<Arguments> usagesAndSpecs() {
            return Stream.of(
                    Arguments.of("signing needs a key that can sign, not the symmetric default", obj("key_usage", "SIGN_VERIFY"),
                            List.of("Invalid combination of \"key_usage\" and \"key_spec\"")),
                    Arguments.of("an HMAC key only makes and checks MACs", obj("key_usage", "ENCRYPT_DECRYPT", "key_spec", "HMAC_256"),
                            List.of("Invalid combination of \"key_usage\" and \"key_spec\"")),
                    Arguments.of("RSA keys do not make MACs", obj("key_usage", "GENERATE_VERIFY_MAC", "key_spec", "RSA_2048"),
                            List.of("Invalid combination of \"key_usage\" and \"key_spec\"")),
                    Arguments.of("KMS rotates only symmetric encryption keys",
                            obj("key_usage", "SIGN_VERIFY", "key_spec", "ECC_NIST_P256", "enable_key_rotation", true),
                            List.of("Invalid value for \"enable_key_rotation\"")),
                    Arguments.of("a spec KMS does not have", obj("key_spec", "RSA_1024"), List.of("Invalid value for \"key_spec\"")),
                    Arguments.of("a usage KMS does not have", obj("key_usage", "DECRYPT_ONLY"), List.of("Invalid value for \"key_usage\"")),
                    Arguments.of("an elliptic-curve signing key", obj("key_usage", "SIGN_VERIFY", "key_spec", "ECC_NIST_P256"), List.of()),
                    Arguments.of("an HMAC key", obj("key_usage", "GENERATE_VERIFY_MAC", "key_spec", "HMAC_512"), List.of()),
                    Arguments.of("RSA for encryption", obj("key_usage", "ENCRYPT_DECRYPT", "key_spec", "RSA_4096"), List.of()),
                    Arguments.of("the defaults, with rotation", obj("enable_key_rotation", true), List.of()),
                    Arguments.of("an HMAC key_spec alone makes a MAC key", obj("key_spec", "HMAC_256"), List.of()),
                    Arguments.of("a signing-only key_spec alone makes a signing key", obj("key_spec", "ECC_SECG_P256K1"), List.of()),
                    Arguments.of("a post-quantum KEM key_spec alone encapsulates", obj("key_spec", "ML_KEM_768"), List.of()),
                    Arguments.of("an RSA key_spec alone encrypts, one of its usages", obj("key_spec", "RSA_2048"), List.of()),
                    Arguments.of("a NIST curve signs or agrees keys: which is for the user to say", obj("key_spec", "ECC_NIST_P256"),
                            List.of("Missing value for \"key_usage\"")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("usagesAndSpecs")
        void planChecksTheUsageAgainstTheKeySpec(String reason, ObjectValue config, List<String> errors) {
            ResourceType keys = AwsTesting.type(provider, KmsKeyType.TYPE);
            assertEquals(errors, keys.plan(Optional.empty(), config).diagnostics().errors().stream().map(d -> d.summary()).toList(), reason);
        }

        @Test
        void signingWithoutAKeySpecSaysWhichSpecsCanSign() {
            ResourceType keys = AwsTesting.type(provider, KmsKeyType.TYPE);
            assertEquals("aws_kms_key.key_usage \"SIGN_VERIFY\" needs a key_spec that allows it: RSA_2048, RSA_3072, RSA_4096,"
                    + " ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, ECC_NIST_EDWARDS25519, ML_DSA_44, ML_DSA_65,"
                    + " ML_DSA_87, SM2; got key_spec \"SYMMETRIC_DEFAULT\" (the default, which only encrypts and decrypts).",
                    keys.plan(Optional.empty(), obj("key_usage", "SIGN_VERIFY")).diagnostics().errors().get(0).detail());
        }

        @Test
        void aKeySpecWithOneUsageGivesThatUsage() {
            ResourceType keys = AwsTesting.type(provider, KmsKeyType.TYPE);
            assertEquals(Value.of("GENERATE_VERIFY_MAC"), keys.plan(Optional.empty(), obj("key_spec", "HMAC_256")).planned()
                    .getOrNull("key_usage"), "the user wrote no key_usage, so none is blamed");
            assertEquals(Value.of("ENCRYPT_DECRYPT"), keys.plan(Optional.empty(), obj()).planned().getOrNull("key_usage"));
        }

        @Test
        void aKeySpecWithSeveralUsagesNoneOfThemEncryptionAsksForTheUsage() {
            ResourceType keys = AwsTesting.type(provider, KmsKeyType.TYPE);
            assertEquals("aws_kms_key.key_spec \"ECC_NIST_P256\" is for KEY_AGREEMENT or SIGN_VERIFY: set key_usage to the one meant.",
                    keys.plan(Optional.empty(), obj("key_spec", "ECC_NIST_P256")).diagnostics().errors().get(0).detail());
        }

        @Test
        void aUsageTheWrittenKeySpecDoesNotAllowSaysWhichUsagesItAllows() {
            ResourceType keys = AwsTesting.type(provider, KmsKeyType.TYPE);
            assertEquals("aws_kms_key.key_usage \"ENCRYPT_DECRYPT\" needs a key_spec that allows it: SYMMETRIC_DEFAULT, RSA_2048,"
                    + " RSA_3072, RSA_4096, SM2; got key_spec \"HMAC_256\", which allows key_usage GENERATE_VERIFY_MAC.",
                    keys.plan(Optional.empty(), obj("key_usage", "ENCRYPT_DECRYPT", "key_spec", "HMAC_256")).diagnostics().errors()
                            .get(0).detail());
        }

        /** The derived usage is what KMS makes and reads back: no change on the next plan. */
        @Test
        void anHmacKeyMadeFromItsKeySpecAlonePlansNoChange() {
            ResourceType keys = AwsTesting.type(provider, KmsKeyType.TYPE);
            ObjectValue config = obj("description", "webhook signatures", "key_spec", "HMAC_256");
            ObjectValue state = AwsTesting.create(keys, config, KEY);
            String id = Attrs.string(state, "key_id").orElseThrow();
            assertEquals(KeyUsageType.GENERATE_VERIFY_MAC, kms.describeKey(b -> b.keyId(id)).keyMetadata().keyUsage());
            assertEquals(Optional.of(state), keys.read(state));
            assertNoChange(keys, state, config);
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
