package dev.platctl.cli.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A source lookup reading files from disk relative to a base directory, each file read at most once. */
final class FileSourceLookup implements SourceLookup {
    private final Path baseDir;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    FileSourceLookup(Path baseDir) {
        this.baseDir = baseDir;
    }

    @Override
    public Optional<String> line(String file, int line) {
        return lineOf(cache.computeIfAbsent(file, this::read), line);
    }

    /** An unreadable file quotes nothing: the diagnostic still names the file and line. */
    private List<String> read(String file) {
        try {
            return Files.readString(baseDir.resolve(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            return List.of();
        }
    }

    static Optional<String> lineOf(List<String> lines, int line) {
        return line >= 1 && line <= lines.size() ? Optional.of(lines.get(line - 1)) : Optional.empty();
    }
}
