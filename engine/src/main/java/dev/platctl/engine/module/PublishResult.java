package dev.platctl.engine.module;

import java.nio.file.Path;

/** What publishing a module version did: copied it into the registry, or found it there already with the same content. */
public record PublishResult(Outcome outcome, String ref, Path dir, String checksum) {

    /** Whether anything was written. */
    public enum Outcome { PUBLISHED, ALREADY_PUBLISHED }
}
