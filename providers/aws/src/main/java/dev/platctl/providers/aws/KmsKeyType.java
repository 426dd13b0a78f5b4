package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@code aws_kms_key}: a customer-managed KMS key; one pending deletion counts as gone. */
final class KmsKeyType implements ResourceType {
    static final String TYPE = "aws_kms_key";
    private static final Set<String> GONE = Set.of("NotFoundException");

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE, "A customer-managed KMS key.", List.of(
            AttributeSchema.optional("description", AttributeType.STRING, "What the key protects."),
            AttributeSchema.optional("key_usage", AttributeType.STRING,
                    "ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC, KEY_AGREEMENT or ENCAPSULATE_DECAPSULATE; all but"
                            + " ENCRYPT_DECRYPT need a key_spec that allows them. Default: the one usage the key_spec allows,"
                            + " else ENCRYPT_DECRYPT.").asForceNew(),
            AttributeSchema.optional("key_spec", AttributeType.STRING,
                    "The key's type: SYMMETRIC_DEFAULT (default), RSA_2048/3072/4096, ECC_NIST_P256/P384/P521, ECC_SECG_P256K1,"
                            + " ECC_NIST_EDWARDS25519, HMAC_224/256/384/512, SM2, ML_DSA_44/65/87 or ML_KEM_512/768/1024.").asForceNew(),
            AttributeSchema.optional("enable_key_rotation", AttributeType.BOOL, "Rotate the key material yearly (default false)."),
            AttributeSchema.optional("is_enabled", AttributeType.BOOL, "Whether the key can be used (default true)."),
            AttributeSchema.optional("deletion_window_in_days", AttributeType.NUMBER,
                    "Days between destroy and the key's deletion, 7 to 30 (default 30)."),
            AttributeSchema.optional("tags", AttributeType.MAP, "Tags of the key."),
            AttributeSchema.computed("tags_all", AttributeType.MAP, "The key's tags including the provider's default_tags."),
            AttributeSchema.computed("id", AttributeType.STRING, "The key's id."),
            AttributeSchema.computed("key_id", AttributeType.STRING, "The key's id."),
            AttributeSchema.computed("arn", AttributeType.STRING, "The key's ARN.")));

    private static final Map<String, Value> DEFAULTS = Map.of(
            "key_spec", Value.of("SYMMETRIC_DEFAULT"), "enable_key_rotation", Value.FALSE, "is_enabled", Value.TRUE,
            "deletion_window_in_days", Value.of(30));
    private static final Set<String> RSA = Set.of("ENCRYPT_DECRYPT", "SIGN_VERIFY");
    private static final Set<String> NIST = Set.of("SIGN_VERIFY", "KEY_AGREEMENT");
    private static final Set<String> SIGN = Set.of("SIGN_VERIFY");
    private static final Set<String> MAC = Set.of("GENERATE_VERIFY_MAC");
    private static final Set<String> KEM = Set.of("ENCAPSULATE_DECAPSULATE");
    /** What each key spec can be used for, as KMS's CreateKey allows them. */
    private static final Map<String, Set<String>> USAGES = new LinkedHashMap<>();

    static {
        USAGES.put("SYMMETRIC_DEFAULT", Set.of("ENCRYPT_DECRYPT"));
        for (String k : List.of("RSA_2048", "RSA_3072", "RSA_4096")) USAGES.put(k, RSA);
        for (String k : List.of("ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521")) USAGES.put(k, NIST);
        for (String k : List.of("ECC_SECG_P256K1", "ECC_NIST_EDWARDS25519", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87")) USAGES.put(k, SIGN);
        for (String k : List.of("HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512")) USAGES.put(k, MAC);
        USAGES.put("SM2", Set.of("ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"));
        for (String k : List.of("ML_KEM_512", "ML_KEM_768", "ML_KEM_1024")) USAGES.put(k, KEM);
    }

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final AwsClients aws;

    KmsKeyType(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    /** An unset key_usage is derived from the key_spec (see {@link #defaultUsage}). */
    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        ObjectValue withDefaults = SchemaPlanner.withDefaults(proposed, DEFAULTS);
        boolean usageDerived = proposed.getOrNull("key_usage").isNull();
        if (usageDerived) withDefaults = withDefaults.with("key_usage", defaultUsage(withDefaults.getOrNull("key_spec")));
        PlanResult r = planner.plan(prior, withDefaults);
        Diagnostics diags = r.diagnostics();
        ObjectValue planned = r.planned().with("tags_all", Tags.planAll(r.planned(), aws.settings().defaultTags()));
        Attrs.integer(planned, "deletion_window_in_days").filter(d -> d < 7 || d > 30).ifPresent(d -> diags.add(Diagnostic.error(
                "Invalid value for \"deletion_window_in_days\"", TYPE + ".deletion_window_in_days must be from 7 to 30, got " + d + ".")));
        checkUsage(planned, proposed.getOrNull("key_spec").isNull(), usageDerived, diags);
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    /**
     * The usage of a key whose key_usage is not written: the one its key_spec allows, ENCRYPT_DECRYPT where the spec
     * allows that among others, unknown while the spec is; null (and an error from {@link #checkUsage}) for a spec
     * whose usages are several, none of them encryption, where the user has to choose.
     */
    private static Value defaultUsage(Value spec) {
        if (!spec.isWhollyKnown()) return Value.UNKNOWN;
        Set<String> usages = spec.unmarked() instanceof StringValue s ? USAGES.get(s.value()) : null;
        if (usages == null) return Value.of("ENCRYPT_DECRYPT");
        if (usages.size() == 1) return Value.of(usages.iterator().next());
        return usages.contains("ENCRYPT_DECRYPT") ? Value.of("ENCRYPT_DECRYPT") : Value.NULL;
    }

    /**
     * KMS refuses a key_usage the key_spec does not allow (CreateKey fails), and rotation of any key but a symmetric
     * encryption key: caught at plan time, saying which specs would do.
     */
    private static void checkUsage(ObjectValue planned, boolean specDefaulted, boolean usageDerived, Diagnostics diags) {
        Optional<String> spec = Attrs.string(planned, "key_spec");
        Optional<String> usage = Attrs.string(planned, "key_usage");
        if (spec.isPresent() && !USAGES.containsKey(spec.get())) {
            diags.add(Diagnostic.error("Invalid value for \"key_spec\"", TYPE + ".key_spec must be one of "
                    + String.join(", ", USAGES.keySet()) + ", got \"" + spec.get() + "\"."));
            return;
        }
        if (usageDerived && spec.isPresent() && usage.isEmpty() && planned.getOrNull("key_usage").isNull()) {
            diags.add(Diagnostic.error("Missing value for \"key_usage\"", TYPE + ".key_spec \"" + spec.get() + "\" is for "
                    + String.join(" or ", new TreeSet<>(USAGES.get(spec.get()))) + ": set key_usage to the one meant."));
            return;
        }
        List<String> fitting = usage.map(u -> USAGES.entrySet().stream().filter(e -> e.getValue().contains(u)).map(Map.Entry::getKey)
                .toList()).orElse(List.of());
        if (usage.isPresent() && fitting.isEmpty()) {
            diags.add(Diagnostic.error("Invalid value for \"key_usage\"", TYPE + ".key_usage must be one of ENCRYPT_DECRYPT,"
                    + " SIGN_VERIFY, GENERATE_VERIFY_MAC, KEY_AGREEMENT or ENCAPSULATE_DECAPSULATE, got \"" + usage.get() + "\"."));
            return;
        }
        if (usage.isPresent() && spec.isPresent() && !USAGES.get(spec.get()).contains(usage.get()))
            diags.add(Diagnostic.error("Invalid combination of \"key_usage\" and \"key_spec\"", TYPE + ".key_usage \"" + usage.get()
                    + "\" needs a key_spec that allows it: " + String.join(", ", fitting) + "; got key_spec \"" + spec.get() + "\""
                    + (specDefaulted ? " (the default, which only encrypts and decrypts)" : ", which allows key_usage "
                    + String.join(" or ", new TreeSet<>(USAGES.get(spec.get())))) + "."));
        if (Attrs.bool(planned, "enable_key_rotation").orElse(false) && spec.filter(x -> !x.equals("SYMMETRIC_DEFAULT")).isPresent())
            diags.add(Diagnostic.error("Invalid value for \"enable_key_rotation\"", TYPE + ".enable_key_rotation needs key_spec"
                    + " SYMMETRIC_DEFAULT: KMS rotates only symmetric encryption keys, got key_spec \"" + spec.get() + "\"."));
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        KmsClient kms = aws.kms();
        KeyMetadata key = AwsErrors.call("create", TYPE, null, () -> kms.createKey(b -> b
                .description(Attrs.string(planned, "description").orElse(null))
                .keyUsage(Attrs.string(planned, "key_usage").orElse("ENCRYPT_DECRYPT"))
                .keySpec(Attrs.string(planned, "key_spec").orElse("SYMMETRIC_DEFAULT"))
                .tags(toTags(Tags.onCreate(planned, idempotencyKey)))).keyMetadata());
        return AwsErrors.call("create", TYPE, key.keyId(), () -> {
            if (Attrs.bool(planned, "enable_key_rotation").orElse(false)) kms.enableKeyRotation(b -> b.keyId(key.keyId()));
            if (!Attrs.bool(planned, "is_enabled").orElse(true)) kms.disableKey(b -> b.keyId(key.keyId()));
            return withComputed(planned, key);
        });
    }

    /** Changes what differs between the key as it is now (read again: the prior state may predate drift) and the plan. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        String id = Attrs.requireString(TYPE, prior, "key_id");
        KmsClient kms = aws.kms();
        AwsErrors.run("update", TYPE, id, () -> {
            ObjectValue current = describe(kms, id).map(k -> fromKey(kms, prior, k)).orElseThrow(() -> AwsErrors.vanished(
                    "update", TYPE, id, "NotFoundException", "key"));
            if (changed(current, planned, "description"))
                kms.updateKeyDescription(b -> b.keyId(id).description(Attrs.string(planned, "description").orElse("")));
            if (changed(current, planned, "is_enabled")) {
                if (Attrs.bool(planned, "is_enabled").orElse(true)) kms.enableKey(b -> b.keyId(id));
                else kms.disableKey(b -> b.keyId(id));
            }
            if (changed(current, planned, "enable_key_rotation")) {
                if (Attrs.bool(planned, "enable_key_rotation").orElse(false)) kms.enableKeyRotation(b -> b.keyId(id));
                else kms.disableKeyRotation(b -> b.keyId(id));
            }
            Set<String> removed = Tags.removed(current, planned);
            if (!removed.isEmpty()) kms.untagResource(b -> b.keyId(id).tagKeys(removed));
            Map<String, String> tags = Tags.changed(current, planned);
            if (!tags.isEmpty()) kms.tagResource(b -> b.keyId(id).tags(toTags(tags)));
        });
        return planned.with("id", prior.getOrNull("id")).with("key_id", prior.getOrNull("key_id")).with("arn", prior.getOrNull("arn"));
    }

    /** KMS never deletes a key at once: it schedules the deletion after the window. */
    @Override
    public void delete(ObjectValue prior) {
        String id = Attrs.requireString(TYPE, prior, "key_id");
        int window = Attrs.integer(prior, "deletion_window_in_days").orElse(30);
        try {
            aws.kms().scheduleKeyDeletion(b -> b.keyId(id).pendingWindowInDays(window));
        } catch (SdkException e) {
            if (!AwsErrors.isNotFound(e, GONE)) throw AwsErrors.translate("delete", TYPE, id, e);
        }
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        String id = Attrs.requireString(TYPE, state, "key_id");
        KmsClient kms = aws.kms();
        return AwsErrors.call("read", TYPE, id, () -> describe(kms, id).map(k -> fromKey(kms, state, k)));
    }

    /** Imports by key id or ARN; the deletion window, which KMS does not keep, is the default 30 days. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        KmsClient kms = aws.kms();
        ObjectValue seed = new ObjectValue(Map.of("deletion_window_in_days", Value.of(30)));
        return AwsErrors.call("import", TYPE, id, () -> describe(kms, id).map(k -> fromKey(kms, seed, k)));
    }

    /**
     * Keys have no name: lists the account's keys and adopts the live one carrying this key's {@code platctl:address}
     * tag (a replaced key pending deletion carries it too).
     */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        KmsClient kms = aws.kms();
        return AwsErrors.call("look up", TYPE, null, () -> kms.listKeysPaginator(b -> { }).keys().stream()
                .map(KeyListEntry::keyId)
                .filter(id -> idempotencyKey.equals(tags(kms, id).get(Tags.ADDRESS_TAG)))
                .map(id -> describe(kms, id)).flatMap(Optional::stream).findFirst().map(k -> fromKey(kms, planned, k)));
    }

    private static Optional<KeyMetadata> describe(KmsClient kms, String id) {
        try {
            KeyMetadata k = kms.describeKey(b -> b.keyId(id)).keyMetadata();
            return k.keyState() == KeyState.PENDING_DELETION || k.keyState() == KeyState.PENDING_REPLICA_DELETION
                    ? Optional.empty() : Optional.of(k);
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, GONE)) return Optional.empty();
            throw e;
        }
    }

    private static Map<String, String> tags(KmsClient kms, String id) {
        Map<String, String> out = new TreeMap<>();
        kms.listResourceTagsPaginator(b -> b.keyId(id)).tags().forEach(t -> out.put(t.tagKey(), t.tagValue()));
        return out;
    }

    private ObjectValue fromKey(KmsClient kms, ObjectValue state, KeyMetadata k) {
        boolean rotation = Boolean.TRUE.equals(kms.getKeyRotationStatus(b -> b.keyId(k.keyId())).keyRotationEnabled());
        String description = k.description() == null || k.description().isEmpty() ? null : k.description();
        ObjectValue out = state.with("description", Value.of(description)).with("key_usage", Value.of(k.keyUsageAsString()))
                .with("key_spec", Value.of(k.keySpecAsString()))
                .with("enable_key_rotation", Value.of(rotation)).with("is_enabled", Value.of(Boolean.TRUE.equals(k.enabled())));
        return withComputed(Tags.readInto(out, tags(kms, k.keyId()), aws.settings().defaultTags()), k);
    }

    private static ObjectValue withComputed(ObjectValue o, KeyMetadata k) {
        return o.with("id", Value.of(k.keyId())).with("key_id", Value.of(k.keyId())).with("arn", Value.of(k.arn()));
    }

    private static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().tagKey(e.getKey()).tagValue(e.getValue()).build()).toList();
    }

    private static boolean changed(ObjectValue prior, ObjectValue planned, String name) {
        return !prior.getOrNull(name).unmarked().equals(planned.getOrNull(name).unmarked());
    }
}
