package dev.platctl.providers.kubernetes;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.time.Duration;
import java.util.List;

/** The {@code wait_for_rollout} and {@code rollout_timeout_seconds} attributes of the types that wait for workloads. */
final class RolloutSettings {
    static final String WAIT_FOR_ROLLOUT = "wait_for_rollout";
    static final String ROLLOUT_TIMEOUT = "rollout_timeout_seconds";

    private RolloutSettings() {
    }

    static List<AttributeSchema> schema(String waitsFor) {
        return List.of(AttributeSchema.optional(WAIT_FOR_ROLLOUT, AttributeType.BOOL,
                        "Whether create and update wait until " + waitsFor + " (default true)."),
                AttributeSchema.optional(ROLLOUT_TIMEOUT, AttributeType.NUMBER,
                        "How long to wait, in seconds (default: the provider's wait_timeout_seconds)."));
    }

    static void validate(String type, ObjectValue planned, Diagnostics diags) {
        Value t = planned.getOrNull(ROLLOUT_TIMEOUT).unwrap();
        if (!t.isNull() && t.isWhollyKnown() && !(t instanceof NumberValue n && n.isInteger() && n.value().signum() > 0))
            diags.add(Diagnostic.error("Invalid value for \"" + ROLLOUT_TIMEOUT + "\"",
                    type + "." + ROLLOUT_TIMEOUT + " must be a whole number of seconds above 0."));
    }

    /** Waits for the object's rollout unless the attributes say {@code wait_for_rollout = false} (absent means wait). */
    static void await(RolloutWaiter waiter, Cluster cluster, ObjectRef ref, ObjectValue planned) {
        if (planned.getOrNull(WAIT_FOR_ROLLOUT).unwrap() instanceof BoolValue b && !b.value()) return;
        Duration timeout = planned.getOrNull(ROLLOUT_TIMEOUT).unwrap() instanceof NumberValue n
                ? Duration.ofSeconds(n.value().longValue()) : cluster.waitTimeout();
        waiter.await(ref, timeout);
    }
}
