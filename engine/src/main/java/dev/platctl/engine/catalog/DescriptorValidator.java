package dev.platctl.engine.catalog;

import dev.platctl.engine.config.YamlNode;
import dev.platctl.engine.config.YamlReader;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Validates Backstage descriptor files: a folder is searched for {@code catalog-info.yaml}, a file is read as
 * given; every document is checked, duplicates are errors, and a descriptor without {@code docs/index.md}
 * beside it gets a warning.
 */
public final class DescriptorValidator {
    public static final Set<String> FILE_NAMES = Set.of("catalog-info.yaml", "catalog-info.yml");
    private static final Set<String> SKIPPED = Set.of(".git", "node_modules", "target", ".venv", ".platctl");

    private final Path base;
    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, SourceRange> seen = new HashMap<>();
    private int entities;
    private int files;

    /** {@code base} is the folder file names in diagnostics are relative to. */
    public DescriptorValidator(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    public void validate(List<Path> paths, Diagnostics d) {
        for (Path p : paths) {
            Path abs = base.resolve(p).normalize();
            if (Files.isDirectory(abs)) descriptorsUnder(abs).forEach(f -> file(f, d));
            else if (Files.isRegularFile(abs)) file(abs, d);
            else d.error("No such file or folder", abs + " does not exist.", null);
        }
    }

    public int entities() {
        return entities;
    }

    public int files() {
        return files;
    }

    /** The text of every file read, by the name diagnostics use. */
    public Map<String, String> sources() {
        return Map.copyOf(sources);
    }

    private void file(Path f, Diagnostics d) {
        String shown = shown(f);
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            d.error("Cannot read " + shown, e.getMessage(), null);
            return;
        }
        files++;
        sources.put(shown, text);
        for (YamlNode doc : YamlReader.read(shown, text, d)) {
            if (doc.kind() == YamlNode.Kind.SCALAR && doc.scalar().isNull()) continue;
            entities++;
            DescriptorRules.check(doc, d).ifPresent(ref -> {
                String key = ref + "@" + doc.field("metadata").flatMap(m -> m.field("namespace")).map(n -> n.scalar().toString()).orElse("default");
                SourceRange first = seen.putIfAbsent(key, doc.range());
                if (first != null)
                    d.error("Duplicate entity " + ref, "the same entity is also described at " + first.file() + " line " + first.start().line() + ".", doc.range());
            });
        }
        if (FILE_NAMES.contains(f.getFileName().toString()) && !Files.isRegularFile(f.resolveSibling("docs").resolve("index.md")))
            d.warning("No docs/index.md", "there is no docs/index.md beside " + shown + "; TechDocs will have nothing to show.", SourceRange.at(shown, 1, 1));
    }

    private static List<Path> descriptorsUnder(Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> FILE_NAMES.contains(p.getFileName().toString()) && Files.isRegularFile(p))
                    .filter(p -> dir.relativize(p).toString().isEmpty() || Stream.iterate(dir.relativize(p), x -> x != null, Path::getParent)
                            .noneMatch(x -> SKIPPED.contains(x.getFileName().toString())))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + dir, e);
        }
        return out;
    }

    private String shown(Path f) {
        Path a = f.toAbsolutePath().normalize();
        return a.startsWith(base) ? base.relativize(a).toString().replace('\\', '/') : a.toString();
    }
}
