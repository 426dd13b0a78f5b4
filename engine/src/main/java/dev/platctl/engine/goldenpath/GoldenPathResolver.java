package dev.platctl.engine.goldenpath;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.GoldenPathRef;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.SemVer;
import dev.platctl.engine.config.VersionConstraint;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.Severity;
import dev.platctl.engine.diag.DiagnosticsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds, for a request's {@code spec.goldenPath}, the newest version of that golden path its constraint accepts: the
 * current one ({@code golden-paths/<name>/}) or one kept in {@code versions/<version>/}, looked up from the folder of
 * the request's module as {@code golden_path_files} does, and checks the template's steps against the request's module
 * ({@link ModuleAgreement}). Every mismatch is a diagnostic at the request's line (or the template's). One resolver
 * serves one workspace load and reads each golden path once.
 */
public final class GoldenPathResolver {
    /** What a golden path's folder holds: its current template (or the errors that keep it from loading) and its kept versions. */
    private record Folder(Path dir, Optional<Template> current, Optional<Diagnostics> broken, List<SemVer> versions) {
    }

    /** One version's template, or why it does not load (and the template's own errors, when it has them). */
    private record Loaded(Optional<Template> template, String problem, Optional<Diagnostics> errors) {
    }

    private final Map<Path, Folder> folders = new HashMap<>();
    private final Map<String, Loaded> templates = new HashMap<>();
    private final Set<Path> reported = new HashSet<>();
    private final Set<Path> failed = new HashSet<>();
    private final Set<String> agreements = new HashSet<>();
    /** Per module version (folder and ref): whether it reads request.golden_path. */
    private final Map<String, Boolean> readsGoldenPath = new HashMap<>();

    /**
     * A digest of the files of every golden path version resolved (template.yaml and the skeleton), for the
     * configuration's hash: a saved plan is stale once a golden path it rendered has changed. Each version is
     * {@code name@version} and its files' paths relative to its folder, so the digest does not depend on where the
     * workspace is checked out. Empty when no request names a golden path.
     */
    public String digest() {
        Set<String> parts = new TreeSet<>();
        for (Loaded l : templates.values()) l.template().ifPresent(x -> parts.add(x.name() + "@" + x.version() + " " + filesDigest(x)));
        return parts.isEmpty() ? "" : sha256(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    }

    private static String filesDigest(Template t) {
        Map<String, Path> files = new TreeMap<>();
        files.put(GoldenPaths.FILE, t.dir().resolve(GoldenPaths.FILE));
        if (Files.isDirectory(t.skeleton(), LinkOption.NOFOLLOW_LINKS))
            try (Stream<Path> walk = Files.walk(t.skeleton())) {
                walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .forEach(p -> files.put(t.dir().relativize(p).toString().replace('\\', '/'), p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read golden path " + t.name() + "@" + t.version() + " to hash it", e);
            }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, Path> f : files.entrySet()) {
                md.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(f.getValue()));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden path " + t.name() + "@" + t.version() + " to hash it", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its golden path resolved; empty (with a diagnostic) when it cannot be. */
    public Optional<RequestConfig> resolve(RequestConfig r, ModuleConfig m, Diagnostics diags) {
        if (r.goldenPath().isEmpty()) {
            if (readsGoldenPath.computeIfAbsent(m.dir() + "\0" + m.ref(), k -> m.readsGoldenPath()))
                diags.error("Missing spec.goldenPath", "module " + m.ref() + " renders a golden path's skeleton (it reads request.golden_path):"
                        + " say which golden path and versions the service takes, e.g. goldenPath: {name: python-microservice, version: ^1.2}.",
                        r.moduleRange());
            return Optional.of(r);
        }
        GoldenPathRef g = r.goldenPath().get();
        Path dir;
        try {
            dir = GoldenPaths.locate(m.dir(), g.name());
        } catch (PlatctlException e) {
            diags.error("Unknown golden path \"" + g.name() + "\"", e.getMessage() + ".", g.range());
            return Optional.empty();
        }
        Folder f = folders.computeIfAbsent(dir, GoldenPathResolver::folder);
        List<SemVer> all = new ArrayList<>(f.versions());
        f.current().flatMap(t -> SemVer.parse(t.version())).filter(v -> !all.contains(v)).ifPresent(all::add);
        all.sort(null);
        Optional<SemVer> best = g.version().newest(all, v -> v);
        if (best.isEmpty()) {
            if (f.broken().isPresent()) {
                diags.error("Broken golden path \"" + g.name() + "\"", "its " + GoldenPaths.FILE + " has errors (listed with it), so its current"
                        + " version is unknown; " + (all.isEmpty() ? "no version is kept in " + GoldenPaths.VERSIONS + "/."
                        : "of the versions kept in " + GoldenPaths.VERSIONS + "/ (" + join(all) + ") none matches \"" + g.version() + "\"."), g.range());
                reportBroken(f, true, diags);
                return Optional.empty();
            }
            SemVer newest = all.get(all.size() - 1);
            diags.error("No version of golden path \"" + g.name() + "\" matches \"" + g.version() + "\"", "the versions there are: " + join(all)
                    + ". Move the request to the current version's range (version: " + VersionConstraint.rangeOf(newest) + "), or keep the version it"
                    + " needs in " + GoldenPaths.FOLDER + "/" + g.name() + "/" + GoldenPaths.VERSIONS + "/<version>/.", g.versionRange());
            return Optional.empty();
        }
        if (f.broken().isPresent()) {
            diags.warning("Golden path \"" + g.name() + "\" has a broken " + GoldenPaths.FILE, "this request takes the kept version " + best.get()
                    + "; fix the current template before a new version is released.", g.range());
            reportBroken(f, false, diags);
        }
        String key = dir + "@" + best.get();
        Loaded loaded = templates.computeIfAbsent(key, k -> template(m.dir(), g.name(), best.get()));
        if (loaded.template().isEmpty()) {
            diags.error("Broken golden path " + g.name() + "@" + best.get(), loaded.problem(), g.range());
            if (reported.add(Path.of(key))) loaded.errors().ifPresent(e -> diags.addAll(e.errors()));
            return Optional.empty();
        }
        Template template = loaded.template().get();
        if (!template.module().equals(r.moduleName()))
            diags.error("Golden path and module do not match", "golden path " + g.name() + "@" + best.get() + " is scaffolded through module \""
                    + template.module() + "\" (its " + TemplateReader.MODULE_ANNOTATION + "), but this request uses module \"" + r.moduleName() + "\".",
                    r.moduleRange());
        else if (agreements.add(template.dir() + "\0" + m.ref()))
            ModuleAgreement.check(template, m, diags);
        return Optional.of(r.withGoldenPath(g.resolvedTo(best.get())));
    }

    /** The template's own errors, once per golden path, where they are: errors when they stop a request, else warnings. */
    private void reportBroken(Folder f, boolean stops, Diagnostics diags) {
        if (f.broken().isEmpty() || !(stops ? failed : reported).add(f.dir()) || !stops && failed.contains(f.dir())) return;
        for (Diagnostic e : f.broken().get().errors())
            diags.add(stops ? e : new Diagnostic(Severity.WARNING, e.summary(), e.detail(), e.subject()));
    }

    private static Folder folder(Path dir) {
        List<SemVer> kept;
        try {
            kept = GoldenPaths.versions(dir);
        } catch (UncheckedIOException e) {
            kept = List.of();
        }
        try {
            return new Folder(dir, Optional.of(GoldenPaths.read(dir, new Diagnostics())), Optional.empty(), kept);
        } catch (DiagnosticsException e) {
            return new Folder(dir, Optional.empty(), Optional.of(e.diagnostics()), kept);
        }
    }

    private static Loaded template(Path from, String name, SemVer version) {
        try {
            return new Loaded(Optional.of(GoldenPaths.load(from, name, version.toString())), "", Optional.empty());
        } catch (DiagnosticsException e) {
            return new Loaded(Optional.empty(), "its " + GoldenPaths.FILE + " has errors (listed with it).", Optional.of(e.diagnostics()));
        } catch (PlatctlException e) {
            return new Loaded(Optional.empty(), e.getMessage() + ".", Optional.empty());
        }
    }

    private static String join(List<SemVer> versions) {
        return versions.stream().map(SemVer::toString).collect(Collectors.joining(", "));
    }
}
