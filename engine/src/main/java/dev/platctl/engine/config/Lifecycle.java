package dev.platctl.engine.config;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.diag.SourceRange;

import java.util.List;
import java.util.Optional;

/**
 * A resource's {@code lifecycle} block: whether a plan may delete it, which attributes later changes leave
 * alone ({@code ignoreAll} for {@code ignore_changes = all}), whether a replacement creates the new
 * object before deleting the old one, and which other resources' changes replace it.
 * {@code preventDestroyRange} is where a failing plan points.
 */
public record Lifecycle(boolean preventDestroy, boolean createBeforeDestroy, List<Ignored> ignoreChanges,
                        boolean ignoreAll, Optional<SourceRange> preventDestroyRange,
                        List<ReplaceTrigger> replaceTriggeredBy) {
    public static final Lifecycle DEFAULT = new Lifecycle(false, false, List.of(), false, Optional.empty(), List.of());

    /** One entry of ignore_changes and where it is written. */
    public record Ignored(AttributePath path, SourceRange range) {
    }

    public Lifecycle {
        ignoreChanges = List.copyOf(ignoreChanges);
        replaceTriggeredBy = List.copyOf(replaceTriggeredBy);
    }
}
