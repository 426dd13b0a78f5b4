package dev.platctl.engine.config;

import dev.platctl.engine.value.ObjectValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The workspace's {@code platctl.hcl}: where things live, the state backend and provider settings. */
public record WorkspaceConfig(Path dir, List<String> moduleDirs, List<String> requestDirs, List<String> policyDirs,
                              String backend, ObjectValue backendConfig, Map<String, ObjectValue> providers) {
    public WorkspaceConfig {
        moduleDirs = List.copyOf(moduleDirs);
        requestDirs = List.copyOf(requestDirs);
        policyDirs = List.copyOf(policyDirs);
        providers = Map.copyOf(providers);
    }
}
