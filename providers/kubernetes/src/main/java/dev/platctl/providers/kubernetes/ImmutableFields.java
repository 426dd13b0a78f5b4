package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields the API server will not change in place, for every kind (apiVersion's group, kind, name,
 * namespace) and for well-known kinds, so that a change to one is planned as a replacement instead of
 * failing at apply. This table is the one place that knows them; the README's Kubernetes section lists it.
 */
final class ImmutableFields {
    /** When a change to a field forces replacement. */
    enum When {
        /** Any change, removal included. */
        CHANGED,
        /** A change to another value the configuration sets; removing it keeps what the server has. */
        SET_TO_ANOTHER_VALUE,
        /** Any change while the prior object has {@code immutable: true}. */
        WHILE_IMMUTABLE
    }

    /** One immutable field of a kind: its path in the object and when a change to it forces replacement. */
    record Field(List<String> path, When when) {
        Field {
            path = List.copyOf(path);
        }

        static Field of(String dottedPath, When when) {
            return new Field(List.of(dottedPath.split("\\.")), when);
        }

        static Field of(String dottedPath) {
            return of(dottedPath, When.CHANGED);
        }
    }

    private static final List<Field> SELECTOR = List.of(Field.of("spec.selector"));
    private static final List<Field> IMMUTABLE_DATA = List.of(Field.of("data", When.WHILE_IMMUTABLE),
            Field.of("binaryData", When.WHILE_IMMUTABLE), Field.of("immutable", When.WHILE_IMMUTABLE));

    /** By {@code group/kind} ({@code /Service} for the core group). */
    static final Map<String, List<Field>> BY_KIND = Map.of(
            "apps/Deployment", SELECTOR,
            "apps/ReplicaSet", SELECTOR,
            "apps/DaemonSet", SELECTOR,
            "apps/StatefulSet", List.of(Field.of("spec.selector"), Field.of("spec.serviceName"),
                    Field.of("spec.volumeClaimTemplates"), Field.of("spec.podManagementPolicy")),
            "batch/Job", List.of(Field.of("spec.selector"), Field.of("spec.template")),
            "/Service", List.of(Field.of("spec.clusterIP", When.SET_TO_ANOTHER_VALUE)),
            "/PersistentVolumeClaim", List.of(Field.of("spec.storageClassName"), Field.of("spec.accessModes"),
                    Field.of("spec.volumeName"), Field.of("spec.volumeMode"), Field.of("spec.selector"),
                    Field.of("spec.dataSource"), Field.of("spec.dataSourceRef")),
            "/ConfigMap", IMMUTABLE_DATA,
            "/Secret", IMMUTABLE_DATA);

    private ImmutableFields() {
    }

    /**
     * The paths in the object whose change from {@code prior} to {@code planned} forces replacement, under the
     * path where the object sits among the attributes. A planned value not yet known is no change here: apply
     * plans again with it known and refuses an update that would then need a replacement.
     */
    static Set<AttributePath> changed(AttributePath under, Value prior, Value planned) {
        Set<AttributePath> out = new TreeSet<>();
        if (!(planned.unmarked() instanceof ObjectValue after) || !(prior.unmarked() instanceof ObjectValue before)) return out;
        Value apiVersion = after.getOrNull("apiVersion");
        if (apiVersion.isWhollyKnown() && !group(apiVersion).equals(group(before.getOrNull("apiVersion"))))
            out.add(under.key("apiVersion"));
        for (List<String> identity : List.of(List.of("kind"), List.of("metadata", "name"), List.of("metadata", "namespace")))
            if (changed(before, after, identity)) out.add(path(under, identity));
        Value kind = after.getOrNull("kind");
        if (!apiVersion.isWhollyKnown() || !(kind instanceof StringValue k)) return out;
        for (Field f : BY_KIND.getOrDefault(group(apiVersion) + "/" + k.value(), List.of()))
            if (forcesReplacement(f, before, after)) out.add(path(under, f.path()));
        return out;
    }

    private static boolean forcesReplacement(Field f, ObjectValue before, ObjectValue after) {
        return switch (f.when()) {
            case CHANGED -> changed(before, after, f.path());
            case SET_TO_ANOTHER_VALUE -> !at(after, f.path()).isNull() && changed(before, after, f.path());
            case WHILE_IMMUTABLE -> at(before, List.of("immutable")).equals(Value.TRUE) && changed(before, after, f.path());
        };
    }

    private static boolean changed(ObjectValue before, ObjectValue after, List<String> path) {
        Value now = at(after, path);
        return now.isWhollyKnown() && !now.equals(at(before, path));
    }

    /** The value at the path, unmarked; null where the path leads nowhere. */
    static Value at(Value object, List<String> path) {
        Value v = object.unmarked();
        for (String key : path) v = v instanceof ObjectValue o ? o.getOrNull(key).unmarked() : Value.NULL;
        return v;
    }

    private static AttributePath path(AttributePath under, List<String> keys) {
        AttributePath p = under;
        for (String k : keys) p = p.key(k);
        return p;
    }

    private static String group(Value apiVersion) {
        String s = apiVersion instanceof StringValue v ? v.value() : "";
        int slash = s.indexOf('/');
        return slash < 0 ? "" : s.substring(0, slash);
    }
}
