package dev.platctl.engine.goldenpath;

import dev.platctl.engine.PlatctlException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A rendered skeleton: relative file name ('/' separators, already checked) to content, sorted by name. */
public record RenderedSkeleton(SortedMap<String, String> files) {
    public RenderedSkeleton {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** Writes every file under {@code dir}, which must be empty or absent, and never outside it. */
    public void writeTo(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(root)) {
                try (var entries = Files.list(root)) {
                    if (entries.findAny().isPresent())
                        throw new PlatctlException("cannot render into " + dir + ": the folder is not empty");
                }
            }
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path target = root.resolve(e.getKey()).normalize();
                if (!target.startsWith(root) || target.equals(root))
                    throw new PlatctlException("cannot write " + e.getKey() + ": it is outside " + dir);
                Files.createDirectories(target.getParent());
                Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rendered skeleton to " + dir, e);
        }
    }
}
