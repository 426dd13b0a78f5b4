package dev.platctl.engine.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which versions (of a module or a golden path) a request accepts, with npm's rules: an exact version {@code 1.2.0};
 * a caret range, which keeps the left-most non-zero part ({@code ^1.2} and {@code ^1.2.3}: below 2.0.0; {@code ^0.2}:
 * 0.2.x; {@code ^0.0.3}: only 0.0.3; {@code ^1} and {@code ^0}: below the next major); a tilde range, which keeps the
 * minor version when one is given ({@code ~1.2}: 1.2.x; {@code ~1}: 1.x); or any ({@code *}, no version given). A
 * pre-release ({@code 1.3.0-rc.1}) is accepted only by a constraint that names a pre-release of the same
 * {@code MAJOR.MINOR.PATCH} ({@code ^1.3.0-rc.1}, {@code 1.3.0-rc.1}), so a release candidate reaches no {@code ^1.2}
 * request. An exact version is written in full: {@code 1.2} is refused, not read as 1.2.0 or as a range. {@code base}
 * is the lowest version accepted (null for ANY), {@code upper} the first above a range (null for ANY and EXACT).
 */
public record VersionConstraint(String text, Kind kind, SemVer base, SemVer upper) {
    private static final Pattern PARTIAL = Pattern.compile("(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*)(?:-(.+))?)?)?");

    /** The kind of constraint. */
    public enum Kind { ANY, EXACT, CARET, TILDE }

    public static Optional<VersionConstraint> parse(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("*")) return Optional.of(new VersionConstraint("*", Kind.ANY, null, null));
        if (!t.startsWith("^") && !t.startsWith("~"))
            return SemVer.parse(t).map(v -> new VersionConstraint(t, Kind.EXACT, v, null));
        Kind kind = t.startsWith("^") ? Kind.CARET : Kind.TILDE;
        Matcher m = PARTIAL.matcher(t.substring(1).trim());
        if (!m.matches()) return Optional.empty();
        int parts = m.group(3) != null ? 3 : m.group(2) != null ? 2 : 1;
        Optional<SemVer> base = SemVer.parse(m.group(1) + "." + (parts > 1 ? m.group(2) : "0") + "." + (parts > 2 ? m.group(3) : "0")
                + (m.group(4) != null ? "-" + m.group(4) : ""));
        if (base.isEmpty()) return Optional.empty();
        SemVer b = base.get();
        SemVer upper;
        if (kind == Kind.TILDE) upper = parts == 1 ? next(b.major() + 1, 0, 0) : next(b.major(), b.minor() + 1, 0);
        else if (b.major() > 0 || parts == 1) upper = next(b.major() + 1, 0, 0);
        else if (b.minor() > 0 || parts == 2) upper = next(0, b.minor() + 1, 0);
        else upper = next(0, 0, b.patch() + 1);
        return Optional.of(new VersionConstraint(t, kind, b, upper));
    }

    private static SemVer next(int major, int minor, int patch) {
        return new SemVer(major, minor, patch, "");
    }

    /**
     * The range {@code platctl new} writes for {@code v}: {@code ^<major>.<minor>} (every later version that npm's caret
     * counts as compatible), {@code ^0.0.<patch>} for a 0.0.x version (which promises nothing about the next), and the
     * exact version for a pre-release, which no range would take again once it is released.
     */
    public static String rangeOf(SemVer v) {
        if (v.isPreRelease()) return v.toString();
        if (v.major() == 0 && v.minor() == 0) return "^0.0." + v.patch();
        return "^" + v.major() + "." + v.minor();
    }

    public boolean accepts(SemVer v) {
        return switch (kind) {
            case ANY -> !v.isPreRelease();
            case EXACT -> v.equals(base);
            case CARET, TILDE -> (!v.isPreRelease() || base.isPreRelease() && base.sameRelease(v))
                    && v.compareTo(base) >= 0 && v.compareTo(upper) < 0;
        };
    }

    /** The newest of {@code candidates} this constraint accepts. */
    public <T> Optional<T> newest(Collection<T> candidates, Function<? super T, SemVer> version) {
        return candidates.stream().filter(c -> accepts(version.apply(c))).max(Comparator.comparing(version));
    }

    @Override
    public String toString() {
        return text;
    }
}
