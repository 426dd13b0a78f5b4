package dev.platctl.engine.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A semantic version {@code MAJOR.MINOR.PATCH[-pre]}; build metadata is not supported. */
public record SemVer(int major, int minor, int patch, String preRelease) implements Comparable<SemVer> {
    private static final Pattern TEXT = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?");

    public SemVer {
        preRelease = preRelease == null ? "" : preRelease;
    }

    public static Optional<SemVer> parse(String s) {
        Matcher m = TEXT.matcher(s.trim());
        if (!m.matches()) return Optional.empty();
        return Optional.of(new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4)));
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        if (c == 0) {
            if (preRelease.isEmpty() != o.preRelease.isEmpty()) c = preRelease.isEmpty() ? 1 : -1;
            else c = preRelease.compareTo(o.preRelease);
        }
        return c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
    }
}
