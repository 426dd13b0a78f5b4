package dev.platctl.engine.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version {@code MAJOR.MINOR.PATCH[-pre][+build]} ordered as semver 2.0.0 says: a pre-release sorts before
 * its release, and its dot-separated identifiers compare one by one, numbers numerically and below words
 * ({@code rc.9 < rc.10 < rc.a}). Build metadata is kept (it is part of the version's text, {@link #equals}) but has no
 * precedence: {@link #compareTo} ignores it, so {@code 1.2.0+a} and {@code 1.2.0+b} are neither older nor newer than
 * each other, and a range that takes one takes the other ({@link #samePrecedence}).
 */
public record SemVer(int major, int minor, int patch, String preRelease, String build) implements Comparable<SemVer> {
    private static final String NUMBER = "(?:0|[1-9]\\d*)";
    private static final String IDENTIFIER = "(?:" + NUMBER + "|\\d*[A-Za-z-][0-9A-Za-z-]*)";
    private static final Pattern TEXT = Pattern.compile("(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")"
            + "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    public SemVer {
        preRelease = preRelease == null ? "" : preRelease;
        build = build == null ? "" : build;
    }

    /** A version without build metadata. */
    public SemVer(int major, int minor, int patch, String preRelease) {
        this(major, minor, patch, preRelease, "");
    }

    public static Optional<SemVer> parse(String s) {
        Matcher m = TEXT.matcher(s.trim());
        if (!m.matches()) return Optional.empty();
        try {
            return Optional.of(new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4), m.group(5)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // a part beyond int
        }
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** Whether both have the same {@code MAJOR.MINOR.PATCH}, whatever their pre-release. */
    public boolean sameRelease(SemVer o) {
        return major == o.major && minor == o.minor && patch == o.patch;
    }

    /** Whether neither is newer than the other: equal but for build metadata. */
    public boolean samePrecedence(SemVer o) {
        return compareTo(o) == 0;
    }

    /** Precedence as semver 2.0.0 says; build metadata is ignored, so this is inconsistent with {@link #equals} for it. */
    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        if (c == 0 && isPreRelease() != o.isPreRelease()) c = isPreRelease() ? -1 : 1;
        if (c == 0 && isPreRelease()) c = comparePreRelease(preRelease, o.preRelease);
        return c;
    }

    private static int comparePreRelease(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = x[i].chars().allMatch(Character::isDigit), yn = y[i].chars().allMatch(Character::isDigit);
            int c;
            if (xn && yn) c = x[i].length() != y[i].length() ? Integer.compare(x[i].length(), y[i].length()) : x[i].compareTo(y[i]);
            else if (xn != yn) c = xn ? -1 : 1;
            else c = x[i].compareTo(y[i]);
            if (c != 0) return c;
        }
        return Integer.compare(x.length, y.length);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease) + (build.isEmpty() ? "" : "+" + build);
    }
}
