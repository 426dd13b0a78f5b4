package dev.platctl.engine.goldenpath;

import dev.platctl.engine.value.ObjectValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A golden path read from {@code template.yaml}: its version, the module its requests use (and the module versions
 * they take, when the template says), the parameters (one merged JSON Schema, {@code ui:*} hints removed), the
 * steps, the output links as written, the skeleton folder, and the template.yaml text it was read from (which the
 * configuration's hash covers).
 */
public record Template(String name, String title, String description, String version, String module, String moduleVersion,
                       ObjectValue schema, List<TemplateParameter> parameters, List<TemplateStep> steps,
                       List<Link> links, Path dir, Path skeleton, String source) {
    public Template {
        parameters = List.copyOf(parameters);
        steps = List.copyOf(steps);
        links = List.copyOf(links);
    }

    /** One of {@code output.links}: a title and a URL (or a catalog entity reference), as written or rendered ({@link StepOutputs#links}). */
    public record Link(String title, String url, String icon, String entityRef) {
    }

    public Optional<TemplateParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The {@code fetch:template} step that names the skeleton and the values it is rendered with. */
    public Optional<TemplateStep> fetchStep() {
        return steps.stream().filter(s -> s.action().equals(StepAction.FETCH_TEMPLATE.id())).findFirst();
    }
}
