package dev.platctl.engine.plan;

import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Map;

/**
 * The instances one resource block has for one request: a single one, one per count index, or one per
 * for_each key; each with the names it adds to scope ({@code count} or {@code each}).
 */
public record ResourceInstances(Mode mode, List<Instance> instances) {
    public static final ResourceInstances SINGLE = new ResourceInstances(Mode.SINGLE,
            List.of(new Instance(InstanceKey.NONE, Map.of())));

    /** How the block repeats. */
    public enum Mode { SINGLE, COUNT, FOR_EACH }

    /** One instance: its key and the {@code count}/{@code each} object its expressions see. */
    public record Instance(InstanceKey key, Map<String, Value> scope) {
        public Instance {
            scope = Map.copyOf(scope);
        }
    }

    public ResourceInstances {
        instances = List.copyOf(instances);
    }
}
