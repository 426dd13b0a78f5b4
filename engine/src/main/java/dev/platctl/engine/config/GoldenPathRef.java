package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request's {@code spec.goldenPath}: which golden path scaffolded it and which of its versions it takes
 * ({@code 1.2.0}, {@code ^1.2}, {@code ~1.2}), and, once the workspace is loaded, the newest version there is that
 * the constraint accepts. A module reads the resolved one as {@code request.golden_path.version}, so releasing a
 * new version of the golden path is what moves every service that accepts it.
 */
public record GoldenPathRef(String name, VersionConstraint version, SourceRange range, SourceRange versionRange,
                            Optional<SemVer> resolved) {
    static final List<String> FIELDS = List.of("name", "version");

    public GoldenPathRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(resolved, "resolved");
    }

    public GoldenPathRef resolvedTo(SemVer v) {
        return new GoldenPathRef(name, version, range, versionRange, Optional.of(v));
    }

    /** {@code name@version} with the resolved version, else with the constraint as written. */
    @Override
    public String toString() {
        return name + "@" + resolved.map(SemVer::toString).orElse(version.text());
    }
}
