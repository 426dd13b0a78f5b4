package dev.platctl.engine.policy;

import java.util.List;
import java.util.Map;

/**
 * Which resources a policy applies to: every listed criterion must hold, and an empty list (or map)
 * matches everything. {@code labels} are the request's labels, each of which must be present with that value.
 */
public record PolicyMatch(List<String> types, List<String> modules, List<String> teams, Map<String, String> labels) {
    public static final PolicyMatch ALL = new PolicyMatch(List.of(), List.of(), List.of(), Map.of());

    public PolicyMatch {
        types = List.copyOf(types);
        modules = List.copyOf(modules);
        teams = List.copyOf(teams);
        labels = Map.copyOf(labels);
    }

    public boolean matches(PolicySubject s) {
        if (!types.isEmpty() && !types.contains(s.type())) return false;
        if (!modules.isEmpty() && !modules.contains(s.moduleName())) return false;
        if (!teams.isEmpty() && !teams.contains(s.team())) return false;
        for (Map.Entry<String, String> l : labels.entrySet())
            if (!l.getValue().equals(s.labels().get(l.getKey()))) return false;
        return true;
    }
}
