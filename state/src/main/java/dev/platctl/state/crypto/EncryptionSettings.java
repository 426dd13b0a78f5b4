package dev.platctl.state.crypto;

import dev.platctl.engine.state.StateStoreException;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a backend block's encryption settings into a {@link KeyRing}: {@code encryption_key_env} names the environment
 * variable holding the current key, {@code previous_encryption_key_env} the variable (or list of variables) holding
 * keys being rotated away from, which only decrypt. The file names variables only; a key written in it is refused.
 */
public final class EncryptionSettings {
    public static final String KEY_ENV = "encryption_key_env";
    public static final String PREVIOUS_KEY_ENV = "previous_encryption_key_env";
    public static final Set<String> NAMES = Set.of(KEY_ENV, PREVIOUS_KEY_ENV);

    private EncryptionSettings() {
    }

    /**
     * @param backend     the backend's name, for messages
     * @param environment looks up an environment variable; null when unset
     */
    public static KeyRing read(String backend, ObjectValue config, Function<String, String> environment) {
        for (String k : config.attributes().keySet())
            if (k.equalsIgnoreCase("encryption_key") || k.equalsIgnoreCase("key"))
                throw refused(backend, "a key in platctl.hcl is refused: put it in an environment variable and name"
                        + " that variable with " + KEY_ENV + " = \"PLATCTL_STATE_KEY\"");
        Optional<StateKey> current = variable(backend, config.getOrNull(KEY_ENV), KEY_ENV).map(v -> key(backend, v, environment));
        List<StateKey> previous = new ArrayList<>();
        for (String v : previousVariables(backend, config)) previous.add(key(backend, v, environment));
        if (!previous.isEmpty() && current.isEmpty())
            throw refused(backend, PREVIOUS_KEY_ENV + " is set without " + KEY_ENV + "; a rotation needs the new key too");
        return new KeyRing(current, previous, new SecureRandom());
    }

    /**
     * The backend block for a rotation to the key in {@code newKeyEnv}: that key seals, the current and previous
     * keys still decrypt.
     */
    public static ObjectValue rotated(String backend, ObjectValue config, String newKeyEnv) {
        List<Value> previous = new ArrayList<>();
        variable(backend, config.getOrNull(KEY_ENV), KEY_ENV).filter(v -> !v.equals(newKeyEnv)).map(Value::of).ifPresent(previous::add);
        for (String v : previousVariables(backend, config)) if (!v.equals(newKeyEnv)) previous.add(Value.of(v));
        Map<String, Value> out = new TreeMap<>(config.attributes());
        out.put(KEY_ENV, Value.of(newKeyEnv));
        if (previous.isEmpty()) out.remove(PREVIOUS_KEY_ENV);
        else out.put(PREVIOUS_KEY_ENV, Value.list(previous));
        return Value.object(out);
    }

    private static List<String> previousVariables(String backend, ObjectValue config) {
        Value v = config.getOrNull(PREVIOUS_KEY_ENV).unmarked();
        List<String> names = new ArrayList<>();
        if (v instanceof ListValue l) {
            for (Value item : l.items()) variable(backend, item, PREVIOUS_KEY_ENV).ifPresent(names::add);
        } else {
            variable(backend, v, PREVIOUS_KEY_ENV).ifPresent(names::add);
        }
        return names;
    }

    private static Optional<String> variable(String backend, Value setting, String name) {
        Value v = setting.unmarked();
        if (v.isNull()) return Optional.empty();
        if (v instanceof StringValue s && s.value().matches("[A-Za-z_][A-Za-z0-9_]*")) return Optional.of(s.value());
        throw refused(backend, name + " must name an environment variable, e.g. \"PLATCTL_STATE_KEY\", got "
                + v.typeName() + " " + v);
    }

    private static StateKey key(String backend, String variable, Function<String, String> environment) {
        String value = environment.apply(variable);
        if (value == null || value.isBlank())
            throw refused(backend, "the encryption key variable " + variable + " is not set; set it to a random"
                    + " base64 key of 32 bytes (e.g. the output of: openssl rand -base64 32)");
        return StateKey.decode(value, variable).orElseThrow(() -> refused(backend, "the encryption key in " + variable
                + " is not base64 of 32 bytes (make one with: openssl rand -base64 32)"));
    }

    private static StateStoreException refused(String backend, String reason) {
        return new StateStoreException("cannot open backend \"" + backend + "\": " + reason);
    }
}
