package dev.platctl.engine.goldenpath;

import java.util.Optional;
import java.util.regex.Pattern;

/** Decides whether a rendered file name may be written: relative, inside the output folder, plainly spelled. */
public final class OutputPath {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private OutputPath() {
    }

    /** Why {@code path} is refused, or empty when it is a safe relative path with '/' separators. */
    public static Optional<String> problem(String path) {
        if (path.isBlank()) return Optional.of("the name is empty");
        if (path.indexOf('\0') >= 0 || path.chars().anyMatch(c -> c < 0x20)) return Optional.of("the name holds control characters");
        if (path.startsWith("/") || path.startsWith("~") || DRIVE.matcher(path).matches()) return Optional.of("it is an absolute path");
        if (path.indexOf('\\') >= 0) return Optional.of("it holds a backslash");
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) return Optional.of("it climbs out of the output folder with '..'");
            if (segment.isEmpty() || segment.equals(".")) return Optional.of("it has an empty or '.' segment");
        }
        return Optional.empty();
    }
}
