package dev.platctl.engine.goldenpath;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.SemVer;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a golden path by name (a folder of {@code golden-paths/}) or by the path of its folder, and loads it or one of
 * its versions. A golden path found by name is a plain folder inside {@code golden-paths/}, and a kept version a plain
 * folder inside it: never a symbolic link, so that nothing outside is read through one.
 */
public final class GoldenPaths {
    public static final String FOLDER = "golden-paths";
    public static final String FILE = "template.yaml";
    /** Earlier versions kept beside the current one, so services pinned to them still plan: {@code <name>/versions/<version>/}. */
    public static final String VERSIONS = "versions";
    /** What a golden path's name (its folder's) may be: it is looked up as one folder, never as a path. */
    public static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]*$");

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
        Path direct = workspace.resolve(ref);
        if (Files.isRegularFile(direct.resolve(FILE))) return read(direct.toAbsolutePath().normalize(), warnings);
        if (!NAME.matcher(ref).matches())
            throw new PlatctlException("cannot find golden path '" + ref + "': there is no " + FILE + " in " + direct
                    + ", and it is no golden path's name (lower-case letters, digits and '-')");
        return read(locate(workspace, ref), warnings);
    }

    /** The template in {@code dir}; a template.yaml with errors throws them. */
    static Template read(Path dir, Diagnostics warnings) {
        Path file = dir.resolve(FILE);
        if (Files.isSymbolicLink(file))
            throw new PlatctlException("cannot load golden path " + dir + ": its " + FILE + " is a symbolic link; a golden path is plain files");
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
     * {@code versions/<version>/} folder; any other version is an error naming the versions there are. A kept version
     * loads even while the current template.yaml has errors.
     */
    public static Template load(Path workspace, String name, String version) {
        Path dir = locate(workspace, name);
        Template current = null;
        DiagnosticsException broken = null;
        try {
            current = read(dir, new Diagnostics());
        } catch (DiagnosticsException e) {
            broken = e;
        }
        if (current != null && current.version().equals(version)) return current;
        Optional<Path> kept = kept(dir, name, version);
        if (kept.isPresent()) {
            Template older = read(kept.get(), new Diagnostics());
            if (older.version().equals(version) && (current == null || older.name().equals(current.name()))) return older;
        }
        if (broken != null) throw broken;
        List<String> known = new ArrayList<>(List.of(current.version()));
        versions(dir).stream().map(SemVer::toString).forEach(known::add);
        throw new PlatctlException("cannot find golden path " + name + "@" + version + ": the versions there are "
                + String.join(", ", known.stream().distinct().sorted().toList()) + " (" + current.version() + " is current; earlier ones live in "
                + FOLDER + "/" + name + "/" + VERSIONS + "/<version>/)");
    }

    /** The versions kept in {@code versions/} of the golden path in {@code dir}, sorted; each folder a version holding template.yaml. */
    public static List<SemVer> versions(Path dir) {
        Path kept = dir.resolve(VERSIONS);
        if (!Files.isDirectory(kept)) return List.of();
        try (Stream<Path> s = Files.list(kept)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(FILE))).map(p -> SemVer.parse(p.getFileName().toString()))
                    .flatMap(Optional::stream).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + kept, e);
        }
    }

    /** {@code versions/<version>/} when it holds a template, refused when it (or {@code versions/}) is a link or leads outside {@code dir}. */
    private static Optional<Path> kept(Path dir, String name, String version) {
        if (SemVer.parse(version).isEmpty()) return Optional.empty();
        Path versions = dir.resolve(VERSIONS), kept = versions.resolve(version);
        if (!Files.isRegularFile(kept.resolve(FILE))) return Optional.empty();
        String shown = FOLDER + "/" + name + "/" + VERSIONS;
        if (Files.isSymbolicLink(versions))
            throw new PlatctlException("cannot load golden path " + name + "@" + version + ": " + shown + " is a symbolic link; kept versions are plain folders");
        if (Files.isSymbolicLink(kept) || TemplateReader.outside(dir, kept).isPresent())
            throw new PlatctlException("cannot load golden path " + name + "@" + version + ": " + shown + "/" + version
                    + " is a symbolic link or leads outside " + FOLDER + "/" + name + "/; a kept version is a plain folder");
        return Optional.of(kept);
    }

    /**
     * The folder of the golden path named {@code name} in {@code golden-paths/} of {@code from} or a folder above it. The
     * name is one folder name (never a path), and the folder a plain one inside {@code golden-paths/}, not a link.
     */
    public static Path locate(Path from, String name) {
        if (!NAME.matcher(name).matches())
            throw new PlatctlException("cannot find golden path '" + name + "': a golden path's name is its folder's in " + FOLDER
                    + "/, lower-case letters, digits and '-'");
        List<String> known = new ArrayList<>();
        for (Path p = from.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Path folder = p.resolve(FOLDER);
            Path dir = folder.resolve(name);
            if (Files.isRegularFile(dir.resolve(FILE))) {
                if (Files.isSymbolicLink(dir) || TemplateReader.outside(folder, dir).isPresent())
                    throw new PlatctlException("cannot load golden path " + name + ": " + dir + " is a symbolic link or leads outside "
                            + folder + "; a golden path is a plain folder, so that nothing outside it is read");
                return dir;
            }
            known.addAll(names(folder));
        }
        throw new PlatctlException("cannot find golden path '" + name + "': no " + FOLDER + "/" + name + "/" + FILE
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
