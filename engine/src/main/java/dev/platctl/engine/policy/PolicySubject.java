package dev.platctl.engine.policy;

import dev.platctl.engine.value.ObjectValue;

import java.util.Map;

/**
 * What a policy sees of one resource: its type, its planned attributes ({@code object}, which may hold
 * unknown and sensitive values), the planned action, the request and module it comes from, and whether the
 * run was started with {@code --allow-destroy}.
 */
public record PolicySubject(String type, ObjectValue object, String action, String requestName, String team,
                            String stack, Map<String, String> labels, String moduleName, String moduleVersion,
                            boolean allowDestroy) {
    public PolicySubject {
        labels = Map.copyOf(labels);
    }

    public PolicySubject(String type, ObjectValue object, String action, String requestName, String team,
                         String stack, Map<String, String> labels, String moduleName, String moduleVersion) {
        this(type, object, action, requestName, team, stack, labels, moduleName, moduleVersion, false);
    }

    /** The same resource with other planned attributes. */
    public PolicySubject withObject(ObjectValue o) {
        return new PolicySubject(type, o, action, requestName, team, stack, labels, moduleName, moduleVersion, allowDestroy);
    }
}
