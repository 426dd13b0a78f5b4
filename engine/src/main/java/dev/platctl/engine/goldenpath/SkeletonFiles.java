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
 * Reads a template's skeleton without following a symbolic link anywhere: the skeleton's real path is found once and
 * checked against the template folder's, then every folder and file below the template folder is opened relative to
 * the folder holding it with links refused ({@link SecureDirectoryStream}, {@code O_NOFOLLOW}), so a folder swapped for
 * a link between the check and the read is refused rather than followed. Where the platform has no secure directory
 * streams, each entry is checked and opened with {@link LinkOption#NOFOLLOW_LINKS}.
 */
final class SkeletonFiles {
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private SkeletonFiles() {
    }

    /** Every plain file of the skeleton by its path inside it ({@code a/b.txt}); links refused with a diagnostic. Empty when the folder is refused. */
    static Optional<Map<String, byte[]>> read(Template t, Diagnostics d) {
        Optional<Path> root = root(t, d);
        if (root.isEmpty()) return Optional.empty();
        Map<String, byte[]> out = new TreeMap<>();
        try {
            Path realDir = t.dir().toRealPath();
            try (DirectoryStream<Path> top = Files.newDirectoryStream(realDir)) {
                if (top instanceof SecureDirectoryStream<Path> secure) {
                    Optional<SecureDirectoryStream<Path>> skeleton = descend(secure, realDir.relativize(root.get()));
                    if (skeleton.isEmpty()) return refused(t, "was replaced by a symbolic link while it was read", d);
                    try (SecureDirectoryStream<Path> s = skeleton.get()) {
                        walk(s, "", out, d);
                    }
                } else {
                    walk(root.get(), out, d);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the skeleton " + t.skeleton(), e);
        }
        return Optional.of(out);
    }

    /** One plain file of the skeleton ({@code path} as written in it); empty when there is none or the way to it holds a link. */
    static Optional<byte[]> readOne(Template t, String path) {
        if (OutputPath.problem(path).isPresent()) return Optional.empty();
        Optional<Path> root = root(t, new Diagnostics());
        if (root.isEmpty()) return Optional.empty();
        try {
            Path realDir = t.dir().toRealPath();
            try (DirectoryStream<Path> top = Files.newDirectoryStream(realDir)) {
                Path rel = realDir.relativize(root.get()).resolve(path);
                if (!(top instanceof SecureDirectoryStream<Path> secure)) {
                    Path file = realDir.resolve(rel);
                    if (!file.toRealPath().equals(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
                    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                        return Optional.of(in.readAllBytes());
                    }
                }
                Optional<SecureDirectoryStream<Path>> parent = rel.getParent() == null ? Optional.empty() : descend(secure, rel.getParent());
                if (parent.isEmpty()) return Optional.empty();
                try (SecureDirectoryStream<Path> p = parent.get()) {
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

    /** The skeleton's real path, when the folder is not a link and really is inside the template's folder. */
    private static Optional<Path> root(Template t, Diagnostics d) {
        if (Files.isSymbolicLink(t.skeleton())) return refused(t, "is a symbolic link", d);
        Optional<String> outside = TemplateReader.outside(t.dir(), t.skeleton());
        if (outside.isPresent()) return refused(t, outside.get(), d);
        try {
            return Optional.of(t.skeleton().toRealPath());
        } catch (IOException e) {
            return refused(t, "cannot be resolved (" + e.getMessage() + ")", d);
        }
    }

    private static <T> Optional<T> refused(Template t, String why, Diagnostics d) {
        d.error("Skeleton outside the template", "the skeleton " + t.skeleton() + " " + why
                + "; platctl renders only a plain folder inside the template's folder.", SourceRange.at(GoldenPaths.FILE, 1, 1));
        return Optional.empty();
    }

    /** The folder {@code rel} below {@code from}, each step opened without following a link; empty when one is a link. */
    private static Optional<SecureDirectoryStream<Path>> descend(SecureDirectoryStream<Path> from, Path rel) throws IOException {
        SecureDirectoryStream<Path> at = from;
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        try {
            for (Path segment : rel) {
                BasicFileAttributes a = at.getFileAttributeView(segment, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
                if (!a.isDirectory()) {
                    for (SecureDirectoryStream<Path> s : opened) s.close();
                    return Optional.empty();
                }
                at = at.newDirectoryStream(segment, LinkOption.NOFOLLOW_LINKS);
                opened.add(at);
            }
        } catch (IOException e) {
            for (SecureDirectoryStream<Path> s : opened) s.close();
            throw e;
        }
        if (opened.isEmpty()) return Optional.empty(); // the skeleton is never the template's folder itself
        for (SecureDirectoryStream<Path> s : opened.subList(0, opened.size() - 1)) s.close();
        return Optional.of(at);
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

    /** Without secure directory streams: a walk that does not follow links, and files opened with NOFOLLOW_LINKS. */
    private static void walk(Path root, Map<String, byte[]> out, Diagnostics d) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                String shown = root.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) linkRefused(shown, d);
                else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                        out.put(shown, in.readAllBytes());
                    }
            }
        }
    }

    private static void linkRefused(String shown, Diagnostics d) {
        d.error("Symbolic link refused", "skeleton entry " + shown + " is a symbolic link; skeletons hold plain files only, so that rendering"
                + " never reads outside the skeleton.", SourceRange.at("skeleton/" + shown, 1, 1));
    }

    private static byte[] bytes(SeekableByteChannel channel) throws IOException {
        try (InputStream in = Channels.newInputStream(channel)) {
            return in.readAllBytes();
        }
    }
}
