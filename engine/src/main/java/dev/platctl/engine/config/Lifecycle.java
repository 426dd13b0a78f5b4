package dev.platctl.engine.config;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.diag.SourceRange;

import java.util.List;
import java.util.Optional;

/**
 * A resource's {@code lifecycle} block: whether a plan may delete it, which attributes later changes leave
 * alone ({@code ignoreAll} for {@code ignore_changes = all}), and whether a replacement creates the new
 * object before deleting the old one. {@code preventDestroyRange} is where a failing plan points.
 */
public record Lifecycle(boolean preventDestroy, boolean createBeforeDestroy, List<Ignored> ignoreChanges,
                        boolean ignoreAll, Optional<SourceRange> preventDestroyRange) {
    public static final Lifecycle DEFAULT = new Lifecycle(false, false, List.of(), false, Optional.empty());

    /** One entry of ignore_changes and where it is written. */
    public record Ignored(AttributePath path, SourceRange range) {
    }

    public Lifecycle {
        ignoreChanges = List.copyOf(ignoreChanges);
    }
}
