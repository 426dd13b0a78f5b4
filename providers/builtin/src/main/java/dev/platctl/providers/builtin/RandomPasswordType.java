package dev.platctl.providers.builtin;

import dev.platctl.engine.diag.Diagnostic;
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

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** {@code random_password}: a random secret generated once and kept in state until an input changes. */
final class RandomPasswordType implements ResourceType {
    static final String TYPE = "random_password";
    /** Character classes by name (also the name of its switch; {@code min_<name>} is its minimum) and their characters. */
    private static final Map<String, String> CLASSES = classes();

    static final ResourceSchema SCHEMA = new ResourceSchema(TYPE,
            "A random password; any change to its inputs generates a new one.", List.of(
            AttributeSchema.required("length", AttributeType.NUMBER, "Number of characters, at least 1.").asForceNew(),
            AttributeSchema.optional("special", AttributeType.BOOL, "Include special characters (default true).").asForceNew(),
            AttributeSchema.optional("upper", AttributeType.BOOL, "Include upper-case letters (default true).").asForceNew(),
            AttributeSchema.optional("lower", AttributeType.BOOL, "Include lower-case letters (default true).").asForceNew(),
            AttributeSchema.optional("numeric", AttributeType.BOOL, "Include digits (default true).").asForceNew(),
            AttributeSchema.optional("override_special", AttributeType.STRING,
                    "The special characters to use instead of " + PasswordGenerator.DEFAULT_SPECIAL + ".").asForceNew(),
            AttributeSchema.optional("min_special", AttributeType.NUMBER, "At least this many special characters (default 0).").asForceNew(),
            AttributeSchema.optional("min_upper", AttributeType.NUMBER, "At least this many upper-case letters (default 0).").asForceNew(),
            AttributeSchema.optional("min_lower", AttributeType.NUMBER, "At least this many lower-case letters (default 0).").asForceNew(),
            AttributeSchema.optional("min_numeric", AttributeType.NUMBER, "At least this many digits (default 0).").asForceNew(),
            AttributeSchema.optional("keepers", AttributeType.MAP, "Arbitrary values; when they change a new password is generated.").asForceNew(),
            AttributeSchema.computed("result", AttributeType.STRING, "The generated password.").asSensitive(),
            AttributeSchema.computed("id", AttributeType.STRING, "Always \"none\".")));

    private static final Map<String, Value> DEFAULTS = defaults();

    private final SchemaPlanner planner = new SchemaPlanner(SCHEMA);
    private final Supplier<RandomGenerator> random;

    RandomPasswordType(Supplier<RandomGenerator> random) {
        this.random = random;
    }

    private static Map<String, String> classes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lower", PasswordGenerator.LOWER);
        m.put("upper", PasswordGenerator.UPPER);
        m.put("numeric", PasswordGenerator.NUMERIC);
        m.put("special", PasswordGenerator.DEFAULT_SPECIAL);
        return m;
    }

    private static Map<String, Value> defaults() {
        Map<String, Value> m = new TreeMap<>();
        for (String c : CLASSES.keySet()) {
            m.put(c, Value.TRUE);
            m.put("min_" + c, Value.of(0));
        }
        return m;
    }

    @Override
    public ResourceSchema schema() {
        return SCHEMA;
    }

    @Override
    public PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed) {
        PlanResult r = planner.plan(prior, SchemaPlanner.withDefaults(proposed, DEFAULTS));
        ObjectValue planned = r.planned().with("id", Value.of("none"));
        Diagnostics diags = r.diagnostics();
        if (!diags.hasErrors()) check(planned, diags);
        return new PlanResult(planned, r.requiresReplace(), diags);
    }

    private static void check(ObjectValue p, Diagnostics diags) {
        AttributeValues.checkWholeNumber(TYPE, p, "length", 1, diags);
        for (String c : CLASSES.keySet()) AttributeValues.checkWholeNumber(TYPE, p, "min_" + c, 0, diags);
        if (diags.hasErrors()) return;
        boolean allKnown = true;
        boolean anyEnabled = false;
        int minSum = 0;
        for (String c : CLASSES.keySet()) {
            Optional<Boolean> on = AttributeValues.bool(p, c);
            Optional<BigDecimal> min = AttributeValues.number(p, "min_" + c);
            allKnown &= on.isPresent() && min.isPresent();
            if (on.isPresent() && !on.get() && min.isPresent() && min.get().signum() > 0)
                diags.add(Diagnostic.error("Conflicting values for \"min_" + c + "\"",
                        TYPE + ".min_" + c + " is " + min.get().toPlainString() + " but " + TYPE + "." + c + " is false."));
            if (on.orElse(false) && !chars(p, c).isEmpty()) anyEnabled = true;
            minSum += min.map(BigDecimal::intValue).orElse(0);
        }
        allKnown &= p.getOrNull("override_special").isWhollyKnown();
        if (allKnown && !anyEnabled)
            diags.add(Diagnostic.error("No characters to choose from",
                    TYPE + " needs at least one of lower, upper, numeric or special enabled (with characters to use)."));
        Optional<BigDecimal> length = AttributeValues.number(p, "length");
        if (length.isPresent() && minSum > length.get().intValue())
            diags.add(Diagnostic.error("Invalid value for \"length\"",
                    TYPE + ".length is " + length.get().toPlainString() + " but the min_* settings add up to " + minSum + "."));
    }

    private static String chars(ObjectValue p, String characterClass) {
        if (characterClass.equals("special"))
            return AttributeValues.string(p, "override_special").orElse(PasswordGenerator.DEFAULT_SPECIAL);
        return CLASSES.get(characterClass);
    }

    private static PasswordGenerator generator(ObjectValue p) {
        List<PasswordGenerator.CharacterClass> classes = new ArrayList<>();
        for (String c : CLASSES.keySet())
            if (AttributeValues.requireBool(TYPE, p, c))
                classes.add(new PasswordGenerator.CharacterClass(c, chars(p, c), AttributeValues.requireInt(TYPE, p, "min_" + c)));
        return new PasswordGenerator(AttributeValues.requireInt(TYPE, p, "length"), classes);
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        String result = generator(planned).generate(random.get());
        return planned.with("result", Value.of(result).sensitive()).with("id", Value.of("none"));
    }

    /** Every input forces replacement, so an update has nothing to change and keeps the password. */
    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        return planned.with("result", prior.getOrNull("result")).with("id", Value.of("none"));
    }

    @Override
    public void delete(ObjectValue prior) {
    }

    @Override
    public Optional<ObjectValue> read(ObjectValue state) {
        return Optional.of(state);
    }

    /** Imports a password by its value; like Terraform, every class is taken as enabled with no minimums. */
    @Override
    public Optional<ObjectValue> importState(String id) {
        if (id.isEmpty())
            throw new ProviderException("cannot import " + TYPE + ": the import id must be the password itself, got an empty string");
        Map<String, Value> state = new TreeMap<>(DEFAULTS);
        state.put("length", Value.of(id.length()));
        state.put("override_special", Value.NULL);
        state.put("keepers", Value.NULL);
        state.put("result", Value.of(id).sensitive());
        state.put("id", Value.of("none"));
        return Optional.of(new ObjectValue(state));
    }

    /** The password lives only in state, so a create that crashed left nothing to adopt. */
    @Override
    public Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned) {
        return Optional.empty();
    }
}
