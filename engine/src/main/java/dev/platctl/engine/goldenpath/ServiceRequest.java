package dev.platctl.engine.goldenpath;

import dev.platctl.engine.config.SemVer;
import dev.platctl.engine.config.VersionConstraint;
import dev.platctl.engine.value.ObjectValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The request {@code platctl new} writes: kind {@code Service}, the module (with the versions of it the request
 * takes), the parameters, and {@code goldenPath}: the golden path and the range of its versions the service takes
 * ({@link VersionConstraint#rangeOf}): {@code ^1.2} for 1.2.0, so every later 1.x release reaches the service as a pull
 * request; {@code ^0.2} for 0.2.0 (0.2.x only: in 0.x the minor version is the breaking one); {@code ^0.0.3} for 0.0.3
 * (that one); and the exact version for a pre-release such as 1.3.0-rc.1, which no range would take again.
 */
public record ServiceRequest(String name, String team, Template template, String module, ObjectValue parameters) {
    public static final String KIND = "Service";

    /** The range of the golden path's versions the service takes, from the version that scaffolds it. */
    public String goldenPathRange() {
        return VersionConstraint.rangeOf(SemVer.parse(template.version()).orElseThrow());
    }

    public String yaml() {
        Map<String, Object> goldenPath = new LinkedHashMap<>();
        goldenPath.put("name", template.name());
        goldenPath.put("version", goldenPathRange());
        return RequestYaml.of("Scaffolded from golden path " + template.name() + "@" + template.version() + " by platctl new.",
                KIND, name, team, module, Optional.of(goldenPath), parameters);
    }

    /** A request a {@code platctl:request:create} step asks for. */
    public static String yaml(RequestStep.Wanted w, Template template) {
        return RequestYaml.of("Written by platctl new for golden path " + template.name() + "@" + template.version() + " (step " + w.stepId() + ").",
                w.kind(), w.name(), w.team(), w.module(), Optional.empty(), w.parameters());
    }
}
