package dev.platctl.engine.config;

import dev.platctl.engine.policy.Policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything loaded from a workspace: settings, every module version, every request with the module
 * version it resolved to, the policies, the text of every file read (for diagnostics), and a hash of it all.
 */
public record Configuration(WorkspaceConfig workspace, List<ModuleConfig> modules, List<RequestConfig> requests,
                            Map<String, ModuleConfig> moduleOfRequest, List<Policy> policies, Map<String, String> sources,
                            String hash) {
    public Configuration {
        modules = List.copyOf(modules);
        requests = List.copyOf(requests);
        moduleOfRequest = Map.copyOf(moduleOfRequest);
        policies = List.copyOf(policies);
        sources = Map.copyOf(sources);
    }

    public Optional<RequestConfig> request(String name) {
        return requests.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The stacks the configuration's requests live in. */
    public SortedSet<String> stacks() {
        TreeSet<String> s = new TreeSet<>();
        for (RequestConfig r : requests) s.add(r.stack());
        return s;
    }
}
