package dev.platctl.providers.builtin;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** {@code random_id}: random bytes chosen once, shown as base64url, hex and decimal, for unique names. */
final class RandomIdType implements ResourceType {
    static final String TYPE = "random_id";
    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE,
            "Random bytes for unique names; any change to its inputs chooses new ones.", List.of(
            AttributeSchema.required("byte_length", AttributeType.NUMBER, "Number of random bytes, at least 1.").asForceNew(),
            AttributeSchema.optional("prefix", AttributeType.STRING, "Text put before hex, b64_std, b64_url and dec.").asForceNew(),
            AttributeSchema.optional("keepers", AttributeType.MAP, "Arbitrary values; when they change new bytes are chosen.").asForceNew(),
            AttributeSchema.computed("id", AttributeType.STRING, "The bytes in base64url without padding (no prefix)."),
            AttributeSchema.computed("hex", AttributeType.STRING, "Prefix + the bytes in lower-case hex."),
            AttributeSchema.computed("b64_std", AttributeType.STRING, "Prefix + the bytes in standard base64."),
            AttributeSchema.computed("b64_url", AttributeType.STRING, "Prefix + the bytes in base64url without padding."),
            AttributeSchema.computed("dec", AttributeType.STRING, "Prefix + the bytes as an unsigned decimal number.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final Supplier<RandomGenerator> random;

    RandomIdType(Supplier<RandomGenerator> random) {
        this.random = random;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, proposed);
        Diagnostics diags = r.diagnostics();
        AttributeValues.checkWholeNumber(TYPE, r.planned(), "byte_length", 1, diags);
        return new PlanResult(r.planned(), r.requiresReplace(), diags);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        byte[] bytes = new byte[AttributeValues.requireInt(TYPE, planned, "byte_length")];
        random.get().nextBytes(bytes);
        return withEncodings(planned, bytes);
    }

    /** Every input forces replacement, so an update has nothing to change and keeps the bytes. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        ObjectValue out = planned;
        for (String a : List.of("id", "hex", "b64_std", "b64_url", "dec")) out = out.with(a, prior.getOrNull(a));
        return out;
    }

    @Override
    public void delete(ObjectValue prior) {
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        return Optional.of(state);
    }

    /** Imports by the base64url id, or {@code <prefix>,<base64url id>} to import the prefix too. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        int comma = id.lastIndexOf(',');
        String prefix = comma < 0 ? null : id.substring(0, comma);
        String encoded = id.substring(comma + 1);
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new ProviderException("cannot import " + TYPE + " '" + id
                    + "': expected a base64url id such as 'p-9E-rJQ', optionally after '<prefix>,': " + e.getMessage(), false, e);
        }
        if (bytes.length == 0)
            throw new ProviderException("cannot import " + TYPE + " '" + id + "': the id holds no bytes");
        Map<String, Value> state = new TreeMap<>();
        state.put("byte_length", Value.of(bytes.length));
        state.put("prefix", Value.of(prefix));
        state.put("keepers", Value.NULL);
        return Optional.of(withEncodings(new ObjectValue(state), bytes));
    }

    /** The bytes live only in state, so a create that crashed left nothing to adopt. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        return Optional.empty();
    }

    private static ObjectValue withEncodings(ObjectValue o, byte[] bytes) {
        String prefix = AttributeValues.string(o, "prefix").orElse("");
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return o.with("id", Value.of(url))
                .with("hex", Value.of(prefix + HexFormat.of().formatHex(bytes)))
                .with("b64_std", Value.of(prefix + Base64.getEncoder().encodeToString(bytes)))
                .with("b64_url", Value.of(prefix + url))
                .with("dec", Value.of(prefix + new BigInteger(1, bytes)));
    }
}
