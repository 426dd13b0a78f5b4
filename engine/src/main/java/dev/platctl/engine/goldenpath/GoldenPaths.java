package dev.platctl.engine.goldenpath;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds a golden path by name (a folder of {@code golden-paths/}) or by the path of its folder, and loads it. */
public final class GoldenPaths {
    public static final String FOLDER = "golden-paths";
    public static final String FILE = "template.yaml";
    /** Earlier versions kept beside the current one, so services pinned to them still plan: {@code <name>/versions/<version>/}. */
    public static final String VERSIONS = "versions";

    private GoldenPaths() {
    }

    /**
     * {@code ref} is a folder holding template.yaml, or a name looked up in {@code golden-paths/} of the
     * workspace and of each folder above it (a platform repository keeps them at its root).
     */
    public static Template load(Path workspace, String ref) {
        return load(workspace, ref, new Diagnostics());
    }

    /** As {@link #load(Path, String)}, adding the template's warnings (an input platctl does not check) to {@code warnings}. */
    public static Template load(Path workspace, String ref, Diagnostics warnings) {
        Path dir = locate(workspace, ref);
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Diagnostics d = new Diagnostics();
        Template t = TemplateReader.read(dir, file.toString(), text, d).orElseThrow(() -> new DiagnosticsException(d));
        warnings.addAll(d);
        return t;
    }

    /**
     * One version of a named golden path: the current one when it is that version, else the copy kept in its
     * {@code versions/<version>/} folder; any other version is an error naming the versions there are.
     */
    public static Template load(Path workspace, String name, String version) {
        Template current = load(workspace, name);
        if (current.version().equals(version)) return current;
        Path kept = current.dir().resolve(VERSIONS).resolve(version);
        if (OutputPath.problem(version).isEmpty() && Files.isRegularFile(kept.resolve(FILE))) {
            if (Files.isSymbolicLink(kept) || TemplateReader.outside(current.dir().resolve(VERSIONS), kept).isPresent())
                throw new PlatctlException("cannot load golden path " + name + "@" + version + ": " + FOLDER + "/" + name + "/" + VERSIONS + "/"
                        + version + " is a symbolic link or leads outside " + VERSIONS + "/; a kept version is a plain folder");
            Template older = load(workspace, kept.toString());
            if (older.version().equals(version) && older.name().equals(current.name())) return older;
        }
        List<String> known = new ArrayList<>(List.of(current.version()));
        known.addAll(names(current.dir().resolve(VERSIONS)));
        throw new PlatctlException("cannot find golden path " + name + "@" + version + ": the versions there are "
                + String.join(", ", known.stream().distinct().sorted().toList()) + " (" + current.version() + " is current; earlier ones live in "
                + FOLDER + "/" + name + "/" + VERSIONS + "/<version>/)");
    }

    static Path locate(Path workspace, String ref) {
        Path direct = workspace.resolve(ref);
        if (Files.isRegularFile(direct.resolve(FILE))) return direct.toAbsolutePath().normalize();
        List<String> known = new ArrayList<>();
        for (Path p = workspace.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Path folder = p.resolve(FOLDER);
            if (Files.isRegularFile(folder.resolve(ref).resolve(FILE))) return folder.resolve(ref);
            known.addAll(names(folder));
        }
        throw new PlatctlException("cannot find golden path '" + ref + "': no " + FOLDER + "/" + ref + "/" + FILE
                + " in the workspace or a folder above it" + (known.isEmpty() ? "" : " (golden paths: " + String.join(", ", known) + ")"));
    }

    private static List<String> names(Path folder) {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(FILE))).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
