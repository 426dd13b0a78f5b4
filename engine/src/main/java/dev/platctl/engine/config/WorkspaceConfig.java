package dev.platctl.engine.config;

import dev.platctl.engine.value.ObjectValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The workspace's {@code platctl.hcl}: where things live (module folders, request folders, the module
 * registry folder that holds published versions, policy folders), the state backend and provider settings.
 */
public record WorkspaceConfig(Path dir, List<String> moduleDirs, List<String> requestDirs, String registryDir,
                              List<String> policyDirs, String backend, ObjectValue backendConfig,
                              Map<String, ObjectValue> providers) {
    public static final String DEFAULT_REGISTRY = "registry";

    public WorkspaceConfig {
        moduleDirs = List.copyOf(moduleDirs);
        requestDirs = List.copyOf(requestDirs);
        policyDirs = List.copyOf(policyDirs);
        providers = Map.copyOf(providers);
    }

    /** The registry folder, absolute. */
    public Path registry() {
        return dir.resolve(registryDir).normalize();
    }
}
