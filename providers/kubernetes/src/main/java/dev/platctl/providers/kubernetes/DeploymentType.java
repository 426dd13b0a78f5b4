package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kubernetes_deployment}: a Deployment whose {@code spec} is written as the API spells it; a new
 * selector replaces it, and create and update wait for the rollout unless {@code wait_for_rollout = false}.
 */
final class DeploymentType extends MappedObjectType {
    static final String TYPE = "kubernetes_deployment";
    static final String SPEC = "spec";
    static final String WAIT_FOR_ROLLOUT = "wait_for_rollout";
    static final String ROLLOUT_TIMEOUT = "rollout_timeout_seconds";

    private final RolloutWaiter waiter;

    DeploymentType(Cluster cluster, RolloutWaiter waiter) {
        super(cluster, TYPE, "A Kubernetes Deployment.", "apps/v1", "Deployment", List.of(
                FieldMapping.of(AttributeSchema.required(SPEC, AttributeType.OBJECT,
                        "The Deployment's spec: replicas, selector (cannot change in place), template, strategy, ..."), SPEC)),
                List.of(AttributeSchema.optional(WAIT_FOR_ROLLOUT, AttributeType.BOOL,
                                "Whether create and update wait until the rollout is complete (default true)."),
                        AttributeSchema.optional(ROLLOUT_TIMEOUT, AttributeType.NUMBER,
                                "How long to wait for the rollout, in seconds (default: the provider's wait_timeout_seconds).")));
        this.waiter = waiter;
    }

    @Override
    protected ObjectValue withDefaults(ObjectValue proposed) {
        return SchemaPlanner.withDefaults(super.withDefaults(proposed), Map.of(WAIT_FOR_ROLLOUT, Value.TRUE));
    }

    /** An imported Deployment waits for its rollouts like a new one, so the first plan does not show the default. */
    @Override
    ObjectValue imported(Map<String, Object> live) {
        return super.imported(live).with(WAIT_FOR_ROLLOUT, Value.TRUE);
    }

    @Override
    protected void validate(ObjectValue planned, Diagnostics diags) {
        super.validate(planned, diags);
        Value t = planned.getOrNull(ROLLOUT_TIMEOUT).unwrap();
        if (!t.isNull() && t.isWhollyKnown() && !(t instanceof NumberValue n && n.isInteger() && n.value().signum() > 0))
            diags.add(Diagnostic.error("Invalid value for \"" + ROLLOUT_TIMEOUT + "\"",
                    TYPE + "." + ROLLOUT_TIMEOUT + " must be a whole number of seconds above 0."));
    }

    @Override
    protected Set<AttributePath> replacePaths(ObjectValue prior, ObjectValue planned) {
        return SpecFields.changed(prior, planned, "selector")
                ? Set.of(AttributePath.of(SPEC, "selector")) : Set.of();
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        ObjectValue state = super.create(planned, idempotencyKey);
        awaitRollout(planned);
        return state;
    }

    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        ObjectValue state = super.update(prior, planned);
        awaitRollout(planned);
        return state;
    }

    private void awaitRollout(ObjectValue planned) {
        if (planned.getOrNull(WAIT_FOR_ROLLOUT).unwrap() instanceof BoolValue b && !b.value()) return;
        ObjectRef ref = ref(planned);
        Duration timeout = planned.getOrNull(ROLLOUT_TIMEOUT).unwrap() instanceof NumberValue n
                ? Duration.ofSeconds(n.value().longValue()) : cluster.waitTimeout();
        waiter.await(ref.namespace(), ref.name(), timeout);
    }
}
