package dev.platctl.engine.goldenpath;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a template's skeleton without following a symbolic link anywhere below the template's folder: the skeleton's
 * path as the template writes it ({@code url: ./content/skeleton}) is walked from the template's folder one name at a
 * time, and so is everything below it. With secure directory streams (Linux), each folder and file is opened relative
 * to the folder holding it with links refused ({@link SecureDirectoryStream}, {@code O_NOFOLLOW}), so a folder swapped
 * for a link at any time is refused rather than followed. Without them, every name on the way to a file is checked not
 * to be a link just before and just after the file is read, which a swap between the check and the read can defeat.
 */
final class SkeletonFiles {
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private SkeletonFiles() {
    }

    /** Every plain file of the skeleton by its path inside it ({@code a/b.txt}); links refused with a diagnostic. Empty when the folder is refused. */
    static Optional<Map<String, byte[]>> read(Template t, Diagnostics d) {
        return read(t, d, true);
    }

    /** As {@link #read(Template, Diagnostics)}; {@code secure} false takes the way of platforms without secure directory streams. */
    static Optional<Map<String, byte[]>> read(Template t, Diagnostics d, boolean secure) {
        Optional<Path> rel = relative(t, d);
        if (rel.isEmpty()) return Optional.empty();
        Map<String, byte[]> out = new TreeMap<>();
        try {
            Path realDir = t.dir().toRealPath();
            try (DirectoryStream<Path> top = Files.newDirectoryStream(realDir)) {
                if (secure && top instanceof SecureDirectoryStream<Path> s) {
                    Step<SecureDirectoryStream<Path>> skeleton = descend(s, rel.get());
                    if (skeleton.opened().isEmpty()) return refused(t, skeleton.why(), d);
                    try (SecureDirectoryStream<Path> dir = skeleton.opened().get()) {
                        walk(dir, "", out, d);
                    }
                } else {
                    Optional<String> why = linkOnTheWay(realDir, rel.get());
                    if (why.isPresent()) return refused(t, why.get(), d);
                    walk(realDir.resolve(rel.get()), "", out, d);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the skeleton " + t.skeleton(), e);
        }
        return Optional.of(out);
    }

    /** One plain file of the skeleton ({@code path} as written in it); empty when there is none or the way to it holds a link. */
    static Optional<byte[]> readOne(Template t, String path) {
        return readOne(t, path, true);
    }

    static Optional<byte[]> readOne(Template t, String path, boolean secure) {
        if (OutputPath.problem(path).isPresent()) return Optional.empty();
        Optional<Path> skeleton = relative(t, new Diagnostics());
        if (skeleton.isEmpty()) return Optional.empty();
        Path rel = skeleton.get().resolve(path);
        try {
            Path realDir = t.dir().toRealPath();
            try (DirectoryStream<Path> top = Files.newDirectoryStream(realDir)) {
                if (!secure || !(top instanceof SecureDirectoryStream<Path> s)) {
                    Path file = realDir.resolve(rel);
                    if (linkOnTheWay(realDir, rel.getParent()).isPresent() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
                    return plainFile(realDir, rel);
                }
                Step<SecureDirectoryStream<Path>> parent = descend(s, rel.getParent());
                if (parent.opened().isEmpty()) return Optional.empty();
                try (SecureDirectoryStream<Path> p = parent.opened().get()) {
                    Path name = rel.getFileName();
                    if (!p.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes().isRegularFile())
                        return Optional.empty();
                    return Optional.of(bytes(p.newByteChannel(name, READ)));
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " of the skeleton " + t.skeleton(), e);
        }
    }

    /** The skeleton's path inside the template's folder as the template writes it, never as links resolve it. */
    private static Optional<Path> relative(Template t, Diagnostics d) {
        Path dir = t.dir().toAbsolutePath().normalize(), skeleton = t.skeleton().toAbsolutePath().normalize();
        if (!skeleton.startsWith(dir) || skeleton.equals(dir)) return refused(t, "is not a folder inside the template's folder", d);
        return Optional.of(dir.relativize(skeleton));
    }

    private static <T> Optional<T> refused(Template t, String why, Diagnostics d) {
        d.error("Skeleton outside the template", "the skeleton " + t.skeleton() + " " + why
                + "; platctl renders only a plain folder inside the template's folder.", SourceRange.at(GoldenPaths.FILE, 1, 1));
        return Optional.empty();
    }

    /** A folder opened, or why it was not. */
    private record Step<T>(Optional<T> opened, String why) {
    }

    /** The folder {@code rel} below {@code from}, each name opened without following a link; empty, with the reason, when one is a link. */
    private static Step<SecureDirectoryStream<Path>> descend(SecureDirectoryStream<Path> from, Path rel) throws IOException {
        SecureDirectoryStream<Path> at = from;
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        Path way = null;
        try {
            for (Path segment : rel) {
                way = way == null ? segment : way.resolve(segment);
                BasicFileAttributes a;
                try {
                    a = at.getFileAttributeView(segment, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
                } catch (NoSuchFileException e) {
                    for (SecureDirectoryStream<Path> s : opened) s.close();
                    return new Step<>(Optional.empty(), "does not exist (" + way + " is missing)");
                }
                if (!a.isDirectory()) {
                    for (SecureDirectoryStream<Path> s : opened) s.close();
                    return new Step<>(Optional.empty(), "is reached through " + way + ", which " + (a.isSymbolicLink() ? "is a symbolic link" : "is no folder"));
                }
                at = at.newDirectoryStream(segment, LinkOption.NOFOLLOW_LINKS);
                opened.add(at);
            }
        } catch (IOException e) {
            for (SecureDirectoryStream<Path> s : opened) s.close();
            throw e;
        }
        if (opened.isEmpty()) return new Step<>(Optional.empty(), "is the template's folder itself");
        for (SecureDirectoryStream<Path> s : opened.subList(0, opened.size() - 1)) s.close();
        return new Step<>(Optional.of(at), "");
    }

    /** Without secure directory streams: why one of the names of {@code rel} below {@code dir} is no plain folder, or empty. */
    private static Optional<String> linkOnTheWay(Path dir, Path rel) throws IOException {
        if (rel == null) return Optional.empty();
        Path at = dir, way = null;
        for (Path segment : rel) {
            at = at.resolve(segment);
            way = way == null ? segment : way.resolve(segment);
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) return Optional.of("does not exist (" + way + " is missing)");
            BasicFileAttributes a = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory())
                return Optional.of("is reached through " + way + ", which " + (a.isSymbolicLink() ? "is a symbolic link" : "is no folder"));
        }
        return Optional.empty();
    }

    private static void walk(SecureDirectoryStream<Path> dir, String prefix, Map<String, byte[]> out, Diagnostics d) throws IOException {
        List<Path> names = new ArrayList<>();
        for (Path p : dir) names.add(p.getFileName());
        names.sort(null);
        for (Path name : names) {
            String shown = prefix + name;
            BasicFileAttributes a = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
            if (a.isSymbolicLink()) linkRefused(shown, d);
            else if (a.isDirectory())
                try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    walk(sub, shown + "/", out, d);
                }
            else if (a.isRegularFile()) out.put(shown, bytes(dir.newByteChannel(name, READ)));
        }
    }

    /**
     * Without secure directory streams: the folder {@code root} (a real path, checked) walked one name at a time, links
     * refused, each file read only while every name on its way is a plain folder.
     */
    private static void walk(Path root, String prefix, Map<String, byte[]> out, Diagnostics d) throws IOException {
        Path folder = root.resolve(prefix);
        if (!folder.toRealPath().equals(folder)) {
            linkRefused(prefix.isEmpty() ? "." : prefix.substring(0, prefix.length() - 1), d);
            return;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
            for (Path p : s) entries.add(p);
        }
        entries.sort(null);
        for (Path p : entries) {
            String shown = prefix + p.getFileName();
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) linkRefused(shown, d);
            else if (a.isDirectory()) walk(root, shown + "/", out, d);
            else if (a.isRegularFile()) {
                Optional<byte[]> bytes = plainFile(root, Path.of(shown));
                if (bytes.isPresent()) out.put(shown, bytes.get());
                else linkRefused(shown, d);
            }
        }
    }

    /** The file {@code rel} below the real folder {@code dir}, when no name on its way is a link before or after it is read. */
    private static Optional<byte[]> plainFile(Path dir, Path rel) throws IOException {
        Path file = dir.resolve(rel);
        if (!file.toRealPath().equals(file)) return Optional.empty();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readAllBytes();
        }
        return file.toRealPath().equals(file) ? Optional.of(bytes) : Optional.empty();
    }

    private static void linkRefused(String shown, Diagnostics d) {
        d.error("Symbolic link refused", "skeleton entry " + shown + " is a symbolic link (or reached through one); skeletons hold plain files only,"
                + " so that rendering never reads outside the skeleton.", SourceRange.at("skeleton/" + shown, 1, 1));
    }

    private static byte[] bytes(SeekableByteChannel channel) throws IOException {
        try (InputStream in = Channels.newInputStream(channel)) {
            return in.readAllBytes();
        }
    }
}
