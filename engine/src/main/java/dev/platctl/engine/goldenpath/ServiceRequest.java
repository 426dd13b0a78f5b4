package dev.platctl.engine.goldenpath;

import dev.platctl.engine.config.SemVer;
import dev.platctl.engine.value.ObjectValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The request {@code platctl new} writes: kind {@code Service}, the module (with the versions of it the request
 * takes), the parameters, and {@code goldenPath}: the golden path and the range of its versions the service takes,
 * {@code ^<major>.<minor>} of the version that scaffolded it, so every later release of the same major version
 * reaches the service as a pull request.
 */
public record ServiceRequest(String name, String team, Template template, String module, ObjectValue parameters) {
    public static final String KIND = "Service";

    /** {@code ^1.2} for 1.2.0: this version and every later one of the same major version. */
    public String goldenPathRange() {
        SemVer v = SemVer.parse(template.version()).orElseThrow();
        return "^" + v.major() + "." + v.minor();
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
