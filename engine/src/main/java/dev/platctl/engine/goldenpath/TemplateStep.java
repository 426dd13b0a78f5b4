package dev.platctl.engine.goldenpath;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.ObjectValue;

import java.util.Map;

/**
 * One scaffolder step of a template: its id, display name, Backstage action (e.g. {@code fetch:template}), input,
 * and where it and each of its inputs are written, for diagnostics.
 */
public record TemplateStep(String id, String name, String action, ObjectValue input, SourceRange range,
                           Map<String, SourceRange> inputRanges) {
    public TemplateStep {
        inputRanges = Map.copyOf(inputRanges);
    }

    /** Where input {@code key} is written, else the step. */
    public SourceRange at(String key) {
        SourceRange r = inputRanges.get(key);
        return r != null ? r : range;
    }
}
