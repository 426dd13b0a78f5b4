package dev.platctl.engine.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The content hash of a module folder (every file's relative path and bytes), as a published version records it. */
public final class ModuleChecksum {
    /** The file in a published version's folder that holds its checksum; not part of the hash itself. */
    public static final String FILE = "checksum.sha256";
    private static final String PREFIX = "sha256:";

    private ModuleChecksum() {
    }

    /** {@code sha256:<hex>} over the folder's files ({@link ContentHash#ofFiles}: by path, line endings normalised), leaving out the checksum file. */
    public static String of(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            Map<String, byte[]> files = new TreeMap<>();
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (!rel.equals(FILE)) files.put(rel, Files.readAllBytes(f));
            }
            return PREFIX + ContentHash.ofFiles(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash module folder " + dir, e);
        }
    }

    /** The checksum a published version recorded, if its folder has one. */
    public static Optional<String> recorded(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(Files.readString(f, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    /** Writes the folder's checksum file. */
    public static void record(Path dir) {
        try {
            Files.writeString(dir.resolve(FILE), of(dir) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checksum of " + dir, e);
        }
    }
}
