package dev.platctl.engine.module;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.ModuleChecksum;
import dev.platctl.engine.config.ModuleConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of immutable published module versions, {@code <root>/<name>/<version>/} each with its
 * checksum: publishing copies a module folder there once; the same content again changes nothing, and
 * other content under a published version is refused.
 */
public final class ModuleRegistry {
    private final Path root;

    public ModuleRegistry(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Where version {@code version} of {@code name} lives. */
    public Path dir(String name, String version) {
        return root.resolve(name).resolve(version);
    }

    /** Publishes the module read from {@code m.dir()}; throws when that version is published with other content. */
    public PublishResult publish(ModuleConfig m) {
        Path src = m.dir().toAbsolutePath().normalize();
        Path target = dir(m.name(), m.version().toString());
        String checksum = ModuleChecksum.of(src);
        if (Files.exists(target)) {
            String published = ModuleChecksum.recorded(target).orElseGet(() -> ModuleChecksum.of(target));
            if (published.equals(checksum)) return new PublishResult(PublishResult.Outcome.ALREADY_PUBLISHED, m.ref(), target, checksum);
            throw new PlatctlException("cannot publish " + m.ref() + ": version " + m.version() + " is already published with other"
                    + " content (" + published + " in " + target + ", this one is " + checksum + "). Published versions never change;"
                    + " give this one a new version");
        }
        if (target.startsWith(src))
            throw new PlatctlException("cannot publish " + m.ref() + ": the registry " + root + " is inside the module folder " + src);
        Path staging = target.resolveSibling("." + m.version() + ".publishing");
        try {
            delete(staging);
            copy(src, staging);
            ModuleChecksum.record(staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + m.ref() + " to " + target, e);
        }
        return new PublishResult(PublishResult.Outcome.PUBLISHED, m.ref(), target, checksum);
    }

    private static void copy(Path src, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(src)) {
            all = walk.sorted().toList();
        }
        for (Path p : all) {
            Path rel = src.relativize(p);
            if (rel.toString().equals(ModuleChecksum.FILE)) continue;
            Path dest = to.resolve(rel.toString());
            if (Files.isDirectory(p)) Files.createDirectories(dest);
            else Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
