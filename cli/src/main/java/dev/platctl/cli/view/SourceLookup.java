package dev.platctl.cli.view;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds the text of one line of a source file, so that a diagnostic can quote what it is about. */
@FunctionalInterface
public interface SourceLookup {

    /** The line without its line terminator; {@code line} is 1-based. */
    Optional<String> line(String file, int line);

    /** Quotes nothing. */
    static SourceLookup none() {
        return (file, line) -> Optional.empty();
    }

    /** Reads files (relative paths against {@code baseDir}) once each, on first use. */
    static SourceLookup fromDirectory(Path baseDir) {
        return new FileSourceLookup(baseDir);
    }

    /** Looks lines up in file contents held in memory, keyed by file name. */
    static SourceLookup of(Map<String, String> contents) {
        Map<String, String> copy = Map.copyOf(contents);
        return (file, line) -> {
            String text = copy.get(file);
            return text == null ? Optional.empty() : FileSourceLookup.lineOf(text.lines().toList(), line);
        };
    }
}
