package dev.platctl.engine.goldenpath;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.SemVer;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
        Optional<Path> kept = SemVer.parse(version).flatMap(v -> keptFolder(dir, name, v));
        if (kept.isPresent()) return checkKept(read(kept.get(), new Diagnostics()), name, version, Optional.ofNullable(current));
        if (broken != null) throw broken;
        List<String> known = new ArrayList<>(List.of(current.version()));
        kept(dir).versions().stream().map(SemVer::toString).forEach(known::add);
        throw new PlatctlException("cannot find golden path " + name + "@" + version + ": the versions there are "
                + String.join(", ", known.stream().distinct().sorted().toList()) + " (" + current.version() + " is current; earlier ones live in "
                + FOLDER + "/" + name + "/" + VERSIONS + "/<version>/)");
    }

    /** The versions kept in a golden path's {@code versions/}, sorted, and each folder there that is none, with the reason. */
    public record KeptVersions(List<SemVer> versions, List<String> ignored) {
        public KeptVersions {
            versions = List.copyOf(versions);
            ignored = List.copyOf(ignored);
        }
    }

    /**
     * What {@code versions/} of the golden path in {@code dir} keeps: each folder named after a version and holding
     * template.yaml is one (in precedence order, then by name); a folder that is a link, is not named as a version or
     * holds no template.yaml is listed as ignored, never skipped silently. Other files there (a README) are not versions.
     */
    public static KeptVersions kept(Path dir) {
        Path kept = dir.resolve(VERSIONS);
        if (!Files.isDirectory(kept, LinkOption.NOFOLLOW_LINKS)) {
            return new KeptVersions(List.of(), Files.isSymbolicLink(kept)
                    ? List.of(VERSIONS + "/ is a symbolic link; kept versions are plain folders") : List.of());
        }
        List<SemVer> versions = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        try (Stream<Path> s = Files.list(kept)) {
            for (Path p : s.sorted().toList()) {
                String shown = VERSIONS + "/" + p.getFileName();
                if (Files.isSymbolicLink(p)) ignored.add(shown + " is a symbolic link; a kept version is a plain folder");
                else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) continue;
                else if (SemVer.parse(p.getFileName().toString()).isEmpty())
                    ignored.add(shown + ": its name is no version (MAJOR.MINOR.PATCH[-pre-release][+build], e.g. 1.2.0)");
                else if (!Files.isRegularFile(p.resolve(FILE), LinkOption.NOFOLLOW_LINKS)) ignored.add(shown + " holds no plain " + FILE);
                else versions.add(SemVer.parse(p.getFileName().toString()).get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + kept, e);
        }
        versions.sort(Comparator.<SemVer>naturalOrder().thenComparing(SemVer::toString));
        return new KeptVersions(versions, ignored);
    }

    /**
     * {@code versions/<version>/} when it holds a template, refused when it (or {@code versions/}) is a link or leads
     * outside {@code dir}; the folder is named by the version's full text, build metadata included.
     */
    static Optional<Path> keptFolder(Path dir, String name, SemVer version) {
        Path versions = dir.resolve(VERSIONS), kept = versions.resolve(version.toString());
        if (!Files.isRegularFile(kept.resolve(FILE))) return Optional.empty();
        String shown = FOLDER + "/" + name + "/" + VERSIONS;
        if (Files.isSymbolicLink(versions))
            throw new PlatctlException("cannot load golden path " + name + "@" + version + ": " + shown + " is a symbolic link; kept versions are plain folders");
        if (Files.isSymbolicLink(kept) || TemplateReader.outside(dir, kept).isPresent())
            throw new PlatctlException("cannot load golden path " + name + "@" + version + ": " + shown + "/" + version
                    + " is a symbolic link or leads outside " + FOLDER + "/" + name + "/; a kept version is a plain folder");
        return Optional.of(kept);
    }

    /** A kept version as read from {@code versions/<version>/}: the version its folder is named after, of the same golden path as the current one. */
    static Template checkKept(Template older, String name, String version, Optional<Template> current) {
        String shown = FOLDER + "/" + name + "/" + VERSIONS + "/" + version + "/" + FILE;
        if (!older.version().equals(version))
            throw new PlatctlException("cannot load golden path " + name + "@" + version + ": " + shown + " says version " + older.version()
                    + "; a kept version's folder is named after its version");
        if (current.isPresent() && !older.name().equals(current.get().name()))
            throw new PlatctlException("cannot load golden path " + name + "@" + version + ": " + shown + " is template " + older.name()
                    + ", but the current one is " + current.get().name() + "; a kept version is an earlier copy of the same template");
        return older;
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
