package dev.platctl.engine.config;

import java.util.Optional;

/**
 * Which module versions a request accepts: exact {@code 1.2.0}, caret {@code ^1.2} (same major),
 * tilde {@code ~1.2} (same minor), or any (no version given).
 */
public record VersionConstraint(String text, Kind kind, SemVer base) {

    /** The kind of constraint. */
    public enum Kind { ANY, EXACT, CARET, TILDE }

    public static Optional<VersionConstraint> parse(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("*")) return Optional.of(new VersionConstraint("*", Kind.ANY, null));
        Kind k = Kind.EXACT;
        if (t.startsWith("^")) k = Kind.CARET;
        else if (t.startsWith("~")) k = Kind.TILDE;
        String v = k == Kind.EXACT ? t : t.substring(1);
        long dots = v.chars().filter(c -> c == '.').count();
        if (k != Kind.EXACT && dots == 1) v = v + ".0";
        if (k != Kind.EXACT && dots == 0) v = v + ".0.0";
        Kind kind = k;
        return SemVer.parse(v).map(s -> new VersionConstraint(t, kind, s));
    }

    public boolean accepts(SemVer v) {
        return switch (kind) {
            case ANY -> v.preRelease().isEmpty();
            case EXACT -> v.equals(base);
            case CARET -> v.compareTo(base) >= 0 && (base.major() > 0 ? v.major() == base.major()
                    : v.major() == 0 && v.minor() == base.minor());
            case TILDE -> v.compareTo(base) >= 0 && v.major() == base.major() && v.minor() == base.minor();
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
