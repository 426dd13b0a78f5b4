package dev.platctl.providers.builtin;

import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** {@code platctl_data}: a value kept in state and nothing outside it, like Terraform's {@code terraform_data}. */
final class PlatctlDataType implements ResourceType {
    static final String TYPE = "platctl_data";
    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE,
            "Stores a value in state; changing triggers_replace replaces it.", List.of(
            AttributeSchema.optional("input", AttributeType.ANY, "Any value; copied to output."),
            AttributeSchema.optional("triggers_replace", AttributeType.ANY,
                    "Any value; when it changes the resource is replaced.").asForceNew(),
            AttributeSchema.computed("id", AttributeType.STRING, "A random UUID chosen on create."),
            AttributeSchema.computed("output", AttributeType.ANY, "The input, as stored.")));

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final Supplier<RandomGenerator> random;

    PlatctlDataType(Supplier<RandomGenerator> random) {
        this.random = random;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, proposed);
        ObjectValue planned = r.planned().with("output", r.planned().getOrNull("input"));
        return new PlanResult(planned, r.requiresReplace(), r.diagnostics());
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        return planned.with("id", Value.of(randomUuid(random.get()))).with("output", planned.getOrNull("input"));
    }

    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        return planned.with("id", prior.getOrNull("id")).with("output", planned.getOrNull("input"));
    }

    @Override
    public void delete(ObjectValue prior) {
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        return Optional.of(state);
    }

    @Override
    public Optional<ObjectValue> importState(String id) {
        throw ProviderException.of("import", TYPE, id, "it exists only in state, so there is nothing to import; declare it in the"
                + " configuration instead", false, null);
    }

    /** Nothing outside the state is created, so a create that crashed left nothing to adopt. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        return Optional.empty();
    }

    /** A version-4 UUID drawn from the injected random source, so seeded runs are reproducible. */
    static String randomUuid(RandomGenerator rng) {
        long msb = (rng.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
