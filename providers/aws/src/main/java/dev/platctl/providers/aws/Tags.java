package dev.platctl.providers.aws;

import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tag rules every taggable type shares: {@code tags_all} is the provider's default tags overlaid with the
 * resource's own; the idempotency tag {@code platctl:address} and AWS's own {@code aws:} tags live on the
 * object but never in {@code tags_all}, so they are not drift.
 */
final class Tags {
    static final String ADDRESS_TAG = "platctl:address";

    private Tags() {
    }

    /** {@code tags_all} as planned: default tags, then the resource's tags; unknown while the tags are. */
    static Value planAll(ObjectValue planned, Map<String, String> defaults) {
        if (!planned.getOrNull("tags").isWhollyKnown()) return Value.UNKNOWN;
        Map<String, String> all = new TreeMap<>(defaults);
        all.putAll(Attrs.stringMap(planned, "tags"));
        return Attrs.ofMap(all);
    }

    /** What to put on the object: {@code tags_all} plus the idempotency tag. */
    static Map<String, String> onCreate(ObjectValue planned, String idempotencyKey) {
        Map<String, String> t = new TreeMap<>(Attrs.stringMap(planned, "tags_all"));
        t.put(ADDRESS_TAG, idempotencyKey);
        return t;
    }

    /** The object's tags without the system ones. */
    private static Map<String, String> visible(Map<String, String> onObject) {
        Map<String, String> out = new TreeMap<>();
        onObject.forEach((k, v) -> {
            if (!isSystem(k)) out.put(k, v);
        });
        return out;
    }

    /**
     * The {@code tags} and {@code tags_all} attributes for what was read: {@code tags} is every visible tag
     * that is not a default tag with its default value (so changing a default tag out of band shows as drift),
     * null when that is empty and the state had no tags.
     */
    static ObjectValue readInto(ObjectValue state, Map<String, String> onObject, Map<String, String> defaults) {
        Map<String, String> all = visible(onObject);
        Map<String, String> own = new TreeMap<>();
        all.forEach((k, v) -> {
            if (!v.equals(defaults.get(k))) own.put(k, v);
        });
        Map<String, String> stated = Attrs.stringMap(state, "tags");
        stated.forEach((k, v) -> {
            if (v.equals(all.get(k))) own.put(k, v);
        });
        Value tags = own.isEmpty() && state.getOrNull("tags").isNull() ? Value.NULL : Attrs.ofMap(own);
        return state.with("tags", tags).with("tags_all", Attrs.ofMap(all));
    }

    /** Keys to remove when going from the prior {@code tags_all} to the planned one. */
    static Set<String> removed(ObjectValue prior, ObjectValue planned) {
        Set<String> gone = new TreeSet<>(Attrs.stringMap(prior, "tags_all").keySet());
        gone.removeAll(Attrs.stringMap(planned, "tags_all").keySet());
        gone.removeIf(Tags::isSystem);
        return gone;
    }

    /** Tags to add or change when going from the prior {@code tags_all} to the planned one. */
    static Map<String, String> changed(ObjectValue prior, ObjectValue planned) {
        Map<String, String> before = Attrs.stringMap(prior, "tags_all");
        Map<String, String> out = new TreeMap<>();
        Attrs.stringMap(planned, "tags_all").forEach((k, v) -> {
            if (!v.equals(before.get(k))) out.put(k, v);
        });
        return out;
    }

    private static boolean isSystem(String key) {
        return key.startsWith("aws:") || key.equals(ADDRESS_TAG);
    }
}
