package dev.platctl.cli.view;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.Drift;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.plan.StackSnapshot;
import dev.platctl.engine.value.Value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-built plans and values for the view tests. */
final class Plans {
    static final String SECRET = "hunter2-s3cr3t";

    private Plans() {
    }

    /** An object value from alternating keys and values. */
    static Value obj(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], toValue(kv[i + 1]));
        return Value.object(m);
    }

    static Value list(Object... items) {
        return Value.list(java.util.Arrays.stream(items).map(Plans::toValue).toList());
    }

    private static Value toValue(Object o) {
        if (o instanceof Value v) return v;
        if (o instanceof String s) return Value.of(s);
        if (o instanceof Integer n) return Value.of(n);
        if (o instanceof Boolean b) return Value.of(b);
        throw new IllegalArgumentException("no value for " + o);
    }

    static ResourceChange change(String address, Action action, Value before, Value after, ChangeReason reason,
                                 AttributePath... replacePaths) {
        return new ResourceChange("payments", address(address), "postgresql@1.2.0", action, before,
                after, Set.of(replacePaths), reason, List.of());
    }

    /**
     * {@code request.type.name}; built by hand because {@code ResourceAddress.parse} reads the wrong regex
     * groups in this engine version (its request-name pattern has a group of its own).
     */
    static ResourceAddress address(String text) {
        String[] p = text.split("\\.");
        return new ResourceAddress(p[0], p[1], p[2]);
    }

    static Plan plan(ResourceChange... changes) {
        return plan(Plan.Mode.NORMAL, List.of(changes), List.of(), List.of());
    }

    static Plan plan(Plan.Mode mode, List<ResourceChange> changes, List<Drift> drift, List<Diagnostic> warnings) {
        return new Plan(mode, "sha256:abc123", List.of(new StackSnapshot("payments", "lin-1", 7)), changes, drift,
                Map.of(), warnings);
    }

    static ResourceChange create() {
        return change("payments-db.local_file.config", Action.CREATE, Value.NULL,
                obj("content", "hello", "id", Value.UNKNOWN, "path", "out/x.conf", "mode", Value.NULL),
                ChangeReason.NOT_IN_STATE);
    }

    static ResourceChange update() {
        return change("payments-db.local_file.motd", Action.UPDATE,
                obj("content", "a", "id", "f-1", "path", "out/motd", "perm", "0644"),
                obj("content", "b", "id", "f-1", "path", "out/motd", "perm", "0644"),
                ChangeReason.CONFIG_CHANGED);
    }

    static ResourceChange replace() {
        return change("payments-db.aws_db_instance.this", Action.DELETE_THEN_CREATE,
                obj("engine_version", "14", "id", "db-1", "port", 5432),
                obj("engine_version", "15", "id", Value.UNKNOWN, "port", 5432),
                ChangeReason.REPLACE_FORCED, AttributePath.of("engine_version"));
    }

    static ResourceChange delete() {
        return change("payments-cache.local_file.old", Action.DELETE, obj("id", "f-9", "path", "out/old"), Value.NULL,
                ChangeReason.NO_LONGER_DESIRED);
    }
}
