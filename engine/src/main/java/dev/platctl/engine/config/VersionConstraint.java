package dev.platctl.engine.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which versions (of a module or a golden path) a request accepts: npm's range grammar and meaning, with one
 * exception. A range is comparator sets joined by {@code ||}; a set is comparators separated by spaces (all must hold)
 * or a hyphen range {@code 1.2.0 - 1.4}. A comparator is a version, a partial version after {@code ^}, {@code ~},
 * {@code >}, {@code >=}, {@code <} or {@code <=}, or an X-range ({@code 1.x}, {@code 1.2.*}, {@code *}). A caret keeps
 * the left-most non-zero part ({@code ^1.2}: below 2.0.0; {@code ^0.2}: 0.2.x; {@code ^0.0.3}: only 0.0.3), a tilde
 * the minor version when one is given ({@code ~1.2}: 1.2.x; {@code ~1}: 1.x). The exception: a version without an
 * operator or an x is written in full, so {@code 1.2} is refused rather than read as npm reads it (1.2.x), which a
 * reader could take for 1.2.0. A pre-release ({@code 1.3.0-rc.1}) is accepted only by a comparator set that names a
 * pre-release of the same {@code MAJOR.MINOR.PATCH}, so a release candidate reaches no {@code ^1.2} request. Build
 * metadata ({@code +b}) is allowed and, as semver says, ignored when versions are compared.
 */
public record VersionConstraint(String text, List<List<Comparison>> sets) {
    private static final String X = "[xX*]";
    private static final String PART = "(0|[1-9]\\d*|" + X + ")";
    private static final Pattern PARTIAL = Pattern.compile(PART + "(?:\\." + PART + "(?:\\." + PART + "(-[^+\\s]+)?(\\+\\S+)?)?)?");
    private static final Pattern COMPARATOR = Pattern.compile("(\\^|~>?|>=|<=|>|<|=)?\\s*(\\S+)");
    private static final String GRAMMAR = "a version (1.2.0) or a range: ^1.2 (every 1.x from 1.2.0), ~1.2 (1.2.x), 1.2.x, >=1.2.0 <1.5.0,"
            + " 1.2.0 - 1.4.0, and ranges joined by ||";

    public VersionConstraint {
        sets = sets.stream().map(List::copyOf).toList();
    }

    /** One comparison a version must pass. */
    public record Comparison(Operator operator, SemVer version) {
        boolean test(SemVer v) {
            int c = v.compareTo(version);
            return switch (operator) {
                case EQ -> c == 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
        }

        @Override
        public String toString() {
            return operator.text + version;
        }
    }

    /** The comparison operators every range comes down to. */
    public enum Operator {
        EQ(""), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String text;

        Operator(String text) {
            this.text = text;
        }
    }

    /** Every release, no pre-release: no version given, or {@code *}. */
    public static VersionConstraint any() {
        return new VersionConstraint("*", List.of(List.of()));
    }

    public static Optional<VersionConstraint> parse(String text) {
        try {
            return Optional.of(read(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Why {@code text} is not a version or range, naming the part that is not and what is; empty when it is one. */
    public static Optional<String> problem(String text) {
        try {
            read(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage() + "; write " + GRAMMAR);
        }
    }

    private static VersionConstraint read(String text) {
        String t = text.trim();
        List<List<Comparison>> sets = new ArrayList<>();
        for (String set : t.split("\\|\\|", -1)) sets.add(set(set.trim()));
        return new VersionConstraint(t.isEmpty() ? "*" : t, sets);
    }

    private static List<Comparison> set(String set) {
        if (set.isEmpty() || set.equals("*") || set.equalsIgnoreCase("x")) return List.of();
        String[] hyphen = set.split("\\s+-\\s+", -1);
        if (hyphen.length > 2) throw new IllegalArgumentException("\"" + set + "\" has more than one \" - \"");
        List<Comparison> out = new ArrayList<>();
        if (hyphen.length == 2) {
            Partial low = partial(hyphen[0].trim(), "the start of a hyphen range"), high = partial(hyphen[1].trim(), "the end of a hyphen range");
            if (!low.major.isEmpty()) out.add(new Comparison(Operator.GE, low.floor()));
            if (high.major.isEmpty()) return out;
            if (high.parts() < 3) out.add(new Comparison(Operator.LT, high.next()));
            else out.add(new Comparison(Operator.LE, high.floor()));
            return out;
        }
        // ">= 1.2" is one comparator, as in npm
        Matcher m = COMPARATOR.matcher(set);
        int at = 0;
        while (at < set.length()) {
            while (at < set.length() && Character.isWhitespace(set.charAt(at))) at++;
            if (at == set.length()) break;
            if (!m.find(at) || m.start() != at) throw new IllegalArgumentException("\"" + set.substring(at) + "\" is no comparator");
            comparator(m.group(1) == null ? "" : m.group(1), m.group(2), out);
            at = m.end();
        }
        return out;
    }

    private static void comparator(String op, String version, List<Comparison> out) {
        Partial p = partial(version, "\"" + op + version + "\"");
        switch (op) {
            case "" -> {
                if (p.parts() == 3) out.add(new Comparison(Operator.EQ, p.floor()));
                else if (p.hasX()) xRange(p, out);
                else throw new IllegalArgumentException("\"" + version + "\" is no version: a version is written in full (" + p.floor()
                            + "), a range with an x or an operator (" + p.text + ".x, ^" + p.text + ", ~" + p.text + ")");
            }
            case "=" -> {
                if (p.parts() < 3) throw new IllegalArgumentException("\"=" + version + "\" names no version: write it in full, =" + p.floor());
                out.add(new Comparison(Operator.EQ, p.floor()));
            }
            case "^" -> caret(p, out);
            case "~", "~>" -> tilde(p, out);
            default -> compare(op, p, out);
        }
    }

    /** {@code 1.x} is 1.0.0 up to 2.0.0, {@code 1.2.x} 1.2.0 up to 1.3.0; {@code *} anything. */
    private static void xRange(Partial p, List<Comparison> out) {
        if (p.major.isEmpty()) return;
        out.add(new Comparison(Operator.GE, p.floor()));
        out.add(new Comparison(Operator.LT, p.next()));
    }

    private static void caret(Partial p, List<Comparison> out) {
        if (p.major.isEmpty()) return;
        SemVer b = p.floor();
        out.add(new Comparison(Operator.GE, b));
        SemVer upper;
        if (b.major() > 0 || p.parts() == 1) upper = lowest(b.major() + 1, 0, 0);
        else if (b.minor() > 0 || p.parts() == 2) upper = lowest(0, b.minor() + 1, 0);
        else upper = lowest(0, 0, b.patch() + 1);
        out.add(new Comparison(Operator.LT, upper));
    }

    private static void tilde(Partial p, List<Comparison> out) {
        if (p.major.isEmpty()) return;
        SemVer b = p.floor();
        out.add(new Comparison(Operator.GE, b));
        out.add(new Comparison(Operator.LT, p.parts() == 1 ? lowest(b.major() + 1, 0, 0) : lowest(b.major(), b.minor() + 1, 0)));
    }

    /** {@code >1.2} is {@code >=1.3.0}, {@code <=1.2} is {@code <1.3.0}, {@code <1.2} is {@code <1.2.0}: npm's reading of partial versions. */
    private static void compare(String op, Partial p, List<Comparison> out) {
        if (p.major.isEmpty()) {
            if (op.equals(">") || op.equals("<")) out.add(new Comparison(Operator.LT, lowest(0, 0, 0))); // nothing
            return;
        }
        boolean partial = p.parts() < 3;
        switch (op) {
            case ">=" -> out.add(new Comparison(Operator.GE, p.floor()));
            case ">" -> out.add(partial ? new Comparison(Operator.GE, release(p.next())) : new Comparison(Operator.GT, p.floor()));
            case "<" -> out.add(new Comparison(Operator.LT, partial ? lowest(p.floor()) : p.floor()));
            default -> out.add(partial ? new Comparison(Operator.LT, p.next()) : new Comparison(Operator.LE, p.floor()));
        }
    }

    /** A version with parts left out or given as x: {@code 1}, {@code 1.2}, {@code 1.x}, {@code 1.2.3-rc.1}. */
    private record Partial(String text, String major, String minor, String patch, String preRelease, String build) {
        int parts() {
            return major.isEmpty() ? 0 : minor.isEmpty() ? 1 : patch.isEmpty() ? 2 : 3;
        }

        boolean hasX() {
            return parts() < 3 && text.matches(".*" + X + ".*");
        }

        /** The lowest version the partial covers. */
        SemVer floor() {
            return new SemVer(num(major), num(minor), num(patch), preRelease, build);
        }

        /** The lowest version above everything the partial covers ({@code 1.2} → 2.0.0 when only the major is given, else 1.3.0). */
        SemVer next() {
            return parts() == 1 ? lowest(num(major) + 1, 0, 0) : lowest(num(major), num(minor) + 1, 0);
        }

        private static int num(String s) {
            return s.isEmpty() ? 0 : Integer.parseInt(s);
        }
    }

    private static Partial partial(String text, String what) {
        Matcher m = PARTIAL.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException(what + ": \"" + text + "\" is no version");
        String[] parts = {m.group(1), m.group(2), m.group(3)};
        // an x ends the version: 1.x.3 is 1.x
        for (int i = 0; i < 3; i++)
            if (parts[i] == null || parts[i].matches(X)) {
                for (int j = i; j < 3; j++) parts[j] = "";
                if (m.group(4) != null || m.group(5) != null)
                    throw new IllegalArgumentException(what + ": \"" + text + "\" has a pre-release or build without its whole version");
                break;
            }
        String pre = m.group(4) == null ? "" : m.group(4).substring(1), build = m.group(5) == null ? "" : m.group(5).substring(1);
        if (!parts[2].isEmpty() && SemVer.parse(parts[0] + "." + parts[1] + "." + parts[2] + (pre.isEmpty() ? "" : "-" + pre)
                + (build.isEmpty() ? "" : "+" + build)).isEmpty())
            throw new IllegalArgumentException(what + ": \"" + text + "\" is no version (a pre-release or build identifier is malformed, or a number too large)");
        return new Partial(text, parts[0], parts[1], parts[2], pre, build);
    }

    /** {@code M.m.p-0}: below every version and pre-release of M.m.p, so an upper bound keeps out the next version's pre-releases. */
    private static SemVer lowest(int major, int minor, int patch) {
        return new SemVer(major, minor, patch, "0");
    }

    private static SemVer release(SemVer v) {
        return new SemVer(v.major(), v.minor(), v.patch(), "");
    }

    private static SemVer lowest(SemVer v) {
        return v.isPreRelease() ? v : lowest(v.major(), v.minor(), v.patch());
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

    /**
     * Whether {@code v} passes every comparison of one of the sets; a pre-release only when that set names a pre-release
     * of the same {@code MAJOR.MINOR.PATCH} (npm's rule, so {@code ^1.2} takes no release candidate).
     */
    public boolean accepts(SemVer v) {
        for (List<Comparison> set : sets) {
            if (!set.stream().allMatch(c -> c.test(v))) continue;
            if (!v.isPreRelease() || set.stream().anyMatch(c -> c.version().isPreRelease() && c.version().sameRelease(v))) return true;
        }
        return false;
    }

    /** Whether every set has an upper bound: a range that has not takes every future major version. */
    public boolean isBounded() {
        return sets.stream().allMatch(set -> set.stream().anyMatch(c -> c.operator() == Operator.LT || c.operator() == Operator.LE
                || c.operator() == Operator.EQ));
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
