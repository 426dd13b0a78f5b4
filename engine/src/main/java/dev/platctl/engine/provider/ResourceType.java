package dev.platctl.engine.provider;

import dev.platctl.engine.value.ObjectValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a provider does for one resource type. Calls may run in parallel from several threads.
 * Errors the user can act on are returned as diagnostics; {@link ProviderException} is for the rest.
 */
public interface ResourceType {
    ResourceSchema schema();

    /**
     * Plans a change: given the prior state (empty when creating) and the configuration's proposed
     * values (may contain unknowns), returns the planned new state with computed attributes unknown
     * or carried over, and the attributes whose change forces replacement.
     */
    PlanResult plan(Optional<ObjectValue> prior, ObjectValue proposed);

    /**
     * Creates (prior empty) or updates the object to the planned values, which are wholly known by now.
     * {@code idempotencyKey} is stamped on created objects (as a name or tag) so {@link #lookup} can
     * find them after a crash.
     */
    ObjectValue create(ObjectValue planned, String idempotencyKey);

    ObjectValue update(ObjectValue prior, ObjectValue planned);

    void delete(ObjectValue prior);

    /** Reads the real object; empty when it is gone. */
    Optional<ObjectValue> read(ObjectValue state);

    /**
     * How many objects one {@link #readAll} call should be given: 1 for APIs that read one object per
     * call (refresh then reads them all in parallel), more for providers that can list.
     */
    default int readBatchSize() {
        return 1;
    }

    /** Reads many objects; providers whose API can list override this (and {@link #readBatchSize}) to save calls. */
    default List<Optional<ObjectValue>> readAll(List<ObjectValue> states) {
        List<Optional<ObjectValue>> out = new ArrayList<>(states.size());
        for (ObjectValue s : states) out.add(read(s));
        return out;
    }

    /** Imports an existing object by its provider id. */
    Optional<ObjectValue> importState(String id);

    /**
     * Crash recovery: finds an object whose create was in flight when platctl died, by the key
     * stamped on it, given the planned values recorded with the intent. Empty when it was never created.
     */
    Optional<ObjectValue> lookup(String idempotencyKey, ObjectValue planned);
}
