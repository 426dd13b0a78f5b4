package dev.platctl.engine.goldenpath;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.GoldenPathRef;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.SemVer;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds, for a request's {@code spec.goldenPath}, the newest version of that golden path its constraint accepts: the
 * current one ({@code golden-paths/<name>/}) or one kept in {@code versions/<version>/}, looked up from the folder of
 * the request's module as {@code golden_path_files} does. Every mismatch is a diagnostic at the request's line. One
 * resolver serves one workspace load and reads each golden path once.
 */
public final class GoldenPathResolver {
    private final Map<String, Result<List<SemVer>>> versions = new HashMap<>();
    private final Map<String, Result<Template>> templates = new HashMap<>();

    /**
     * A digest of the files of every golden path version resolved (template.yaml and the skeleton), for the
     * configuration's hash: a saved plan is stale once a golden path it rendered has changed. Empty when no request
     * names a golden path.
     */
    public String digest() {
        if (templates.isEmpty()) return "";
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String key : new TreeSet<>(templates.keySet())) {
                Optional<Template> t = templates.get(key).value();
                if (t.isEmpty()) continue;
                md.update(key.getBytes(StandardCharsets.UTF_8));
                List<Path> files = new ArrayList<>(List.of(t.get().dir().resolve(GoldenPaths.FILE)));
                if (Files.isDirectory(t.get().skeleton()) && !Files.isSymbolicLink(t.get().skeleton()))
                    try (Stream<Path> walk = Files.walk(t.get().skeleton())) {
                        walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().forEach(files::add);
                    }
                for (Path f : files) {
                    md.update(t.get().dir().relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(Files.readAllBytes(f));
                    md.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a golden path to hash it", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its golden path resolved; empty (with a diagnostic) when it cannot be. */
    public Optional<RequestConfig> resolve(RequestConfig r, ModuleConfig m, Diagnostics diags) {
        if (r.goldenPath().isEmpty()) {
            if (m.readsGoldenPath())
                diags.error("Missing spec.goldenPath", "module " + m.ref() + " renders a golden path's skeleton (it reads request.golden_path):"
                        + " say which golden path and versions the service takes, e.g. goldenPath: {name: python-microservice, version: ^1.2}.",
                        r.moduleRange());
            return Optional.of(r);
        }
        GoldenPathRef g = r.goldenPath().get();
        Path from = m.dir();
        Result<List<SemVer>> known = versions.computeIfAbsent(from + "\0" + g.name(), k -> versions(from, g.name()));
        if (known.problem().isPresent()) {
            diags.error("Unknown golden path \"" + g.name() + "\"", known.problem().get(), g.range());
            return Optional.empty();
        }
        List<SemVer> all = known.value().orElseThrow();
        Optional<SemVer> best = g.version().newest(all, v -> v);
        if (best.isEmpty()) {
            diags.error("No version of golden path \"" + g.name() + "\" matches \"" + g.version() + "\"", "the versions there are: "
                    + all.stream().map(SemVer::toString).collect(Collectors.joining(", ")) + ". Keep an older version in "
                    + GoldenPaths.FOLDER + "/" + g.name() + "/" + GoldenPaths.VERSIONS + "/<version>/, or move the request to a range of the"
                    + " current one.", g.versionRange());
            return Optional.empty();
        }
        Result<Template> t = templates.computeIfAbsent(from + "\0" + g.name() + "@" + best.get(), k -> template(from, g.name(), best.get()));
        if (t.problem().isPresent()) {
            diags.error("Broken golden path " + g.name() + "@" + best.get(), t.problem().get(), g.range());
            return Optional.empty();
        }
        Template template = t.value().orElseThrow();
        if (!template.module().equals(r.moduleName()))
            diags.error("Golden path and module do not match", "golden path " + g.name() + "@" + best.get() + " is scaffolded through module \""
                    + template.module() + "\" (its " + TemplateReader.MODULE_ANNOTATION + "), but this request uses module \"" + r.moduleName() + "\".",
                    r.moduleRange());
        return Optional.of(r.withGoldenPath(g.resolvedTo(best.get())));
    }

    /** The current version and every kept one that names a version. */
    private static Result<List<SemVer>> versions(Path from, String name) {
        Template current;
        try {
            current = GoldenPaths.load(from, name);
        } catch (DiagnosticsException e) {
            return Result.failed("golden path " + name + " has errors: " + describe(e.diagnostics().errors()));
        } catch (PlatctlException e) {
            return Result.failed(e.getMessage() + ".");
        }
        List<SemVer> out = new ArrayList<>();
        SemVer.parse(current.version()).ifPresent(out::add);
        Path kept = current.dir().resolve(GoldenPaths.VERSIONS);
        if (Files.isDirectory(kept)) {
            try (Stream<Path> s = Files.list(kept)) {
                s.filter(p -> Files.isRegularFile(p.resolve(GoldenPaths.FILE))).map(p -> SemVer.parse(p.getFileName().toString()))
                        .flatMap(Optional::stream).filter(v -> !out.contains(v)).forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + kept, e);
            }
        }
        out.sort(Comparator.naturalOrder());
        return Result.of(List.copyOf(out));
    }

    private static Result<Template> template(Path from, String name, SemVer version) {
        try {
            return Result.of(GoldenPaths.load(from, name, version.toString()));
        } catch (DiagnosticsException e) {
            return Result.failed("its template has errors: " + describe(e.diagnostics().errors()));
        } catch (PlatctlException e) {
            return Result.failed(e.getMessage() + ".");
        }
    }

    private static String describe(List<Diagnostic> problems) {
        return problems.stream().map(p -> p.summary() + (p.detail().isEmpty() ? "" : ": " + p.detail())
                + p.subject().map(s -> " (" + s + ")").orElse("")).collect(Collectors.joining("; "));
    }

    /** A value, or why there is none. */
    private record Result<T>(Optional<T> value, Optional<String> problem) {
        static <T> Result<T> of(T v) {
            return new Result<>(Optional.of(v), Optional.empty());
        }

        static <T> Result<T> failed(String why) {
            return new Result<>(Optional.empty(), Optional.of(why));
        }
    }
}
