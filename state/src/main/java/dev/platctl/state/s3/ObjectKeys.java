package dev.platctl.state.s3;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a stack's objects live in the bucket: {@code <prefix>/<stack>/state.json}, {@code lock.json} and {@code history/}. */
record ObjectKeys(String prefix) {
    private static final Pattern HISTORY = Pattern.compile("(\\d{20})-(\\d{6})\\.json");

    ObjectKeys {
        prefix = prefix.replaceAll("^/+|/+$", "");
    }

    /** The folder that holds every stack, ending in a slash (empty when there is no prefix). */
    String root() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    String state(String stack) {
        return root() + stack + "/state.json";
    }

    String lock(String stack) {
        return root() + stack + "/lock.json";
    }

    String historyFolder(String stack) {
        return root() + stack + "/history/";
    }

    /** A history record, named so that key order is append order: the stack serial of its write, then its place. */
    String history(String stack, long serial, int index) {
        return historyFolder(stack) + String.format("%020d-%06d.json", serial, index);
    }

    /** The stack serial a history key was written at; empty for a key that is not a history record. */
    static Optional<Long> historySerial(String key) {
        Matcher m = HISTORY.matcher(key.substring(key.lastIndexOf('/') + 1));
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
