package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.provider.SchemaPlanner;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

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
    static final String WAIT_FOR_ROLLOUT = RolloutSettings.WAIT_FOR_ROLLOUT;

    private final RolloutWaiter waiter;

    DeploymentType(Cluster cluster, RolloutWaiter waiter) {
        super(cluster, TYPE, "A Kubernetes Deployment.", "apps/v1", "Deployment", List.of(
                FieldMapping.of(AttributeSchema.required(SPEC, AttributeType.OBJECT,
                        "The Deployment's spec: replicas, selector (cannot change in place), template, strategy, ..."), SPEC)),
                RolloutSettings.schema("the rollout is complete"));
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
        RolloutSettings.validate(TYPE, planned, diags);
    }

    /** The fields {@link ImmutableFields} lists for Deployments, all inside the spec this type takes whole. */
    @Override
    protected Set<AttributePath> replacePaths(ObjectValue prior, ObjectValue planned) {
        return ImmutableFields.changed(AttributePath.ROOT, asObject(prior), asObject(planned));
    }

    private static ObjectValue asObject(ObjectValue attributes) {
        return new ObjectValue(Map.of("apiVersion", Value.of("apps/v1"), "kind", Value.of("Deployment"),
                SPEC, attributes.getOrNull(SPEC)));
    }

    @Override
    public ObjectValue create(ObjectValue planned, String idempotencyKey) {
        ObjectValue state = super.create(planned, idempotencyKey);
        RolloutSettings.await(waiter, cluster, ref(planned), planned);
        return state;
    }

    @Override
    public ObjectValue update(ObjectValue prior, ObjectValue planned) {
        ObjectValue state = super.update(prior, planned);
        RolloutSettings.await(waiter, cluster, ref(planned), planned);
        return state;
    }
}
