package dev.platctl.engine.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The content hash of a module folder (every file's relative path and bytes), as a published version records it. */
public final class ModuleChecksum {
    /** The file in a published version's folder that holds its checksum; not part of the hash itself. */
    public static final String FILE = "checksum.sha256";
    private static final String PREFIX = "sha256:";

    private ModuleChecksum() {
    }

    /** {@code sha256:<hex>} over the folder's files, in path order, leaving out the checksum file. */
    public static String of(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().equals(FILE))
                    .sorted().toList();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                md.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(f));
                md.update((byte) 0);
            }
            return PREFIX + HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash module folder " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
