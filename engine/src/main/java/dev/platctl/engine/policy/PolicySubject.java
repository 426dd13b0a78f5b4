package dev.platctl.engine.policy;

import dev.platctl.engine.value.ObjectValue;

import java.util.Map;

/**
 * What a policy sees of one resource: its type, its planned attributes ({@code object}, which may hold
 * unknown and sensitive values), the planned action and the request and module it comes from.
 */
public record PolicySubject(String type, ObjectValue object, String action, String requestName, String team,
                            String stack, Map<String, String> labels, String moduleName, String moduleVersion) {
    public PolicySubject {
        labels = Map.copyOf(labels);
    }

    /** The same resource with other planned attributes. */
    public PolicySubject withObject(ObjectValue o) {
        return new PolicySubject(type, o, action, requestName, team, stack, labels, moduleName, moduleVersion);
    }
}
