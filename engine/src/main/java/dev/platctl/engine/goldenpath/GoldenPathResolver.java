package dev.platctl.engine.goldenpath;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.ContentHash;
import dev.platctl.engine.config.GoldenPathRef;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.SemVer;
import dev.platctl.engine.config.VersionConstraint;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.Severity;
import dev.platctl.engine.diag.DiagnosticsException;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds, for a request's {@code spec.goldenPath}, the newest version of that golden path its constraint accepts: the
 * current one ({@code golden-paths/<name>/}) or one kept in {@code versions/<version>/}, looked up from the folder of
 * the request's module as {@code golden_path_files} does, and checks the template's steps against the request's module
 * ({@link ModuleAgreement}). Every mismatch is a diagnostic at the request's line (or the template's). One resolver
 * serves one workspace load and reads each template.yaml once: a golden path's current one when its folder is first
 * met, a kept version's when a request first takes it.
 */
public final class GoldenPathResolver {
    /**
     * What a golden path's folder holds: its current template (or the errors that keep it from loading), the versions
     * there are (kept ones and the current one; one per precedence) and the kept folders that are no version, with why.
     */
    private record Folder(Path dir, Optional<Template> current, Optional<SemVer> currentVersion, Optional<Diagnostics> broken,
                          List<SemVer> versions, List<String> ignored) {
    }

    /** One kept version's template, or why it does not load (and the template's own errors, when it has them). */
    private record Loaded(Optional<Template> template, String problem, Optional<Diagnostics> errors) {
    }

    /** One version of the golden path in {@code dir}. */
    private record VersionKey(Path dir, SemVer version) {
    }

    private final Function<Path, Template> read;
    private final Map<Path, Folder> folders = new HashMap<>();
    private final Map<VersionKey, Loaded> kept = new HashMap<>();
    /** Every template a request resolved to, for the digest. */
    private final Map<VersionKey, Template> used = new HashMap<>();
    private final Set<VersionKey> reportedVersions = new HashSet<>();
    private final Set<Path> reported = new HashSet<>();
    private final Set<Path> failed = new HashSet<>();
    private final Set<Path> ignoredReported = new HashSet<>();
    private final Set<String> agreements = new HashSet<>();
    /** Per module version (folder and ref): whether it reads request.golden_path. */
    private final Map<String, Boolean> readsGoldenPath = new HashMap<>();

    public GoldenPathResolver() {
        this(dir -> GoldenPaths.read(dir, new Diagnostics()));
    }

    /** With {@code read} reading the template in a folder (as {@link GoldenPaths#read}; a test counts the reads). */
    GoldenPathResolver(Function<Path, Template> read) {
        this.read = read;
    }

    /**
     * A digest of the files of every golden path version resolved (its template.yaml as read, and the skeleton as
     * {@link SkeletonFiles} reads it), for the configuration's hash: a saved plan is stale once a golden path it rendered
     * has changed. Each version is {@code name@version} and its files' paths relative to its folder, so the digest does
     * not depend on where the workspace is checked out ({@link ContentHash} decides how content, line endings included,
     * is hashed). Empty when no request names a golden path.
     */
    public String digest() {
        Set<String> parts = new TreeSet<>();
        for (Template t : used.values()) parts.add(t.name() + "@" + t.version() + " " + filesDigest(t));
        return parts.isEmpty() ? "" : ContentHash.of(String.join("\n", parts));
    }

    private static String filesDigest(Template t) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(GoldenPaths.FILE, t.source().getBytes(StandardCharsets.UTF_8));
        String folder = t.dir().toAbsolutePath().normalize().relativize(t.skeleton().toAbsolutePath().normalize()).toString().replace('\\', '/') + "/";
        // a skeleton that is refused is reported where it is rendered; the digest covers what can be read
        SkeletonFiles.read(t, new Diagnostics()).ifPresent(skeleton -> skeleton.forEach((path, bytes) -> files.put(folder + path, bytes)));
        return ContentHash.ofFiles(files);
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
        Folder f = folders.computeIfAbsent(dir, this::folder);
        if (!f.ignored().isEmpty() && ignoredReported.add(dir))
            diags.warning("Kept versions of golden path \"" + g.name() + "\" ignored", String.join("; ", f.ignored().stream()
                    .map(i -> GoldenPaths.FOLDER + "/" + g.name() + "/" + i).toList()) + ".", g.range());
        List<SemVer> all = f.versions();
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
        VersionKey key = new VersionKey(dir, best.get());
        Template template;
        if (f.currentVersion().equals(best)) {
            template = f.current().get();
        } else {
            Loaded loaded = kept.computeIfAbsent(key, k -> kept(dir, g.name(), best.get(), f.current()));
            if (loaded.template().isEmpty()) {
                diags.error("Broken golden path " + g.name() + "@" + best.get(), loaded.problem(), g.range());
                if (reportedVersions.add(key)) loaded.errors().ifPresent(e -> diags.addAll(e.errors()));
                return Optional.empty();
            }
            template = loaded.template().get();
        }
        used.put(key, template);
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

    /**
     * Reads the folder's current template and lists its kept versions. Versions of one precedence (differing only in
     * build metadata, or a kept copy of the current version) would leave the choice to chance: the current one, else the
     * first by name, is the version, and the others are listed as ignored.
     */
    private Folder folder(Path dir) {
        List<String> ignored = new ArrayList<>();
        GoldenPaths.KeptVersions keptVersions;
        try {
            keptVersions = GoldenPaths.kept(dir);
        } catch (UncheckedIOException e) {
            keptVersions = new GoldenPaths.KeptVersions(List.of(), List.of(GoldenPaths.VERSIONS + "/ cannot be listed (" + e.getCause().getMessage() + ")"));
        }
        ignored.addAll(keptVersions.ignored());
        Optional<Template> current = Optional.empty();
        Optional<Diagnostics> broken = Optional.empty();
        try {
            current = Optional.of(read.apply(dir));
        } catch (DiagnosticsException e) {
            broken = Optional.of(e.diagnostics());
        }
        Optional<SemVer> currentVersion = current.flatMap(t -> SemVer.parse(t.version()));
        List<SemVer> versions = new ArrayList<>();
        currentVersion.ifPresent(versions::add);
        for (SemVer v : keptVersions.versions()) {
            Optional<SemVer> same = versions.stream().filter(v::samePrecedence).findFirst();
            if (same.isEmpty()) versions.add(v);
            else if (currentVersion.equals(same)) ignored.add(GoldenPaths.VERSIONS + "/" + v + (v.equals(same.get()) ? " is the current version"
                    : " has the precedence of the current version " + same.get() + " (build metadata does not order versions)") + "; the current one is used");
            else ignored.add(GoldenPaths.VERSIONS + "/" + v + " has the precedence of " + GoldenPaths.VERSIONS + "/" + same.get()
                    + " (build metadata does not order versions); " + same.get() + " is used");
        }
        versions.sort(null);
        return new Folder(dir, current, currentVersion, broken, versions, ignored);
    }

    private Loaded kept(Path dir, String name, SemVer version, Optional<Template> current) {
        try {
            Optional<Path> folder = GoldenPaths.keptFolder(dir, name, version);
            if (folder.isEmpty()) return new Loaded(Optional.empty(), "there is no " + GoldenPaths.VERSIONS + "/" + version + "/" + GoldenPaths.FILE + ".", Optional.empty());
            return new Loaded(Optional.of(GoldenPaths.checkKept(read.apply(folder.get()), name, version.toString(), current)), "", Optional.empty());
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
