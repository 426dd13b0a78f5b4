package dev.platctl.engine.goldenpath;

import dev.platctl.engine.value.ObjectValue;

/** One scaffolder step of a template: its id, display name, Backstage action (e.g. {@code fetch:template}) and input. */
public record TemplateStep(String id, String name, String action, ObjectValue input) {
}
