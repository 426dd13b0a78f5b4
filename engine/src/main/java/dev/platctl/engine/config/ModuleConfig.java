package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One version of a platform module, as read from {@code module.hcl}. */
public record ModuleConfig(String name, SemVer version, String kind, String description, Path dir, String file,
                           List<InputDecl> inputs, List<ResourceDecl> resources, List<OutputDecl> outputs,
                           Optional<ConnectionSecretDecl> connectionSecret, SourceRange range) {
    public ModuleConfig {
        inputs = List.copyOf(inputs);
        resources = List.copyOf(resources);
        outputs = List.copyOf(outputs);
    }

    /** {@code name@version} */
    public String ref() {
        return name + "@" + version;
    }

    public Optional<InputDecl> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<ResourceDecl> resource(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst();
    }
}
