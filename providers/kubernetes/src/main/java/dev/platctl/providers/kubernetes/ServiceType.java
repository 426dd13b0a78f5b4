package dev.platctl.providers.kubernetes;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.AttributeType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code kubernetes_service}: a Service whose {@code spec} is written as the API spells it, with the cluster
 * IP it got as {@code cluster_ip}; a cluster IP the user sets cannot change in place. The type may switch to
 * and from ExternalName in place: the API server clears or allocates the cluster IP itself.
 */
final class ServiceType extends MappedObjectType {
    static final String TYPE = "kubernetes_service";
    static final String SPEC = "spec";
    static final String CLUSTER_IP = "cluster_ip";

    ServiceType(Cluster cluster) {
        super(cluster, TYPE, "A Kubernetes Service.", "v1", "Service", List.of(
                FieldMapping.of(AttributeSchema.required(SPEC, AttributeType.OBJECT,
                        "The Service's spec: type, selector, ports, clusterIP (cannot change once set), externalName, ..."),
                        SPEC)),
                List.of(AttributeSchema.computed(CLUSTER_IP, AttributeType.STRING,
                        "The Service's cluster IP, as set or allocated; empty for ExternalName, \"None\" for headless.")));
    }

    @Override
    protected ObjectValue withComputed(ObjectValue state, Map<String, Object> live) {
        Object ip = Manifests.map(live.get(SPEC)).get("clusterIP");
        return state.with(CLUSTER_IP, Value.of(ip instanceof String s ? s : ""));
    }

    @Override
    protected Set<AttributePath> replacePaths(ObjectValue prior, ObjectValue planned) {
        Set<AttributePath> replace = new TreeSet<>();
        Value ip = SpecFields.get(planned, "clusterIP");
        if (!ip.isNull() && ip.isWhollyKnown() && !ip.equals(prior.getOrNull(CLUSTER_IP).unmarked())
                && SpecFields.changed(prior, planned, "clusterIP"))
            replace.add(AttributePath.of(SPEC, "clusterIP"));
        return replace;
    }
}
