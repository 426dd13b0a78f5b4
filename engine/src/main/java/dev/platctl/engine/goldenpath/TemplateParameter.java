package dev.platctl.engine.goldenpath;

import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Optional;

/**
 * One parameter a golden path asks for, as a person filling it in sees it: title, description, choices, default, and
 * whether the form hides it ({@code ui:widget: hidden}: it keeps its default unless given).
 */
public record TemplateParameter(String name, String title, String description, String type, List<Value> choices,
                                Optional<Value> defaultValue, boolean required, boolean hidden) {
    public TemplateParameter {
        choices = List.copyOf(choices);
        title = title == null || title.isBlank() ? name : title;
        description = description == null ? "" : description;
        type = type == null ? "string" : type;
    }
}
