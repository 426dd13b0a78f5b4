package dev.platctl.engine.address;

import java.util.ArrayList;
import java.util.List;

/**
 * A path into a resource's attributes: {@code tags["team"]}, {@code rule[0].port}. Text form is
 * canonical and round-trips through {@link #parse}.
 */
public record AttributePath(List<Step> steps) implements Comparable<AttributePath> {
    public static final AttributePath ROOT = new AttributePath(List.of());

    /** One step of a path. */
    public sealed interface Step permits Key, Index {
    }

    /** An object attribute or map key. */
    public record Key(String name) implements Step {
    }

    /** A list index. */
    public record Index(int index) implements Step {
    }

    public AttributePath {
        steps = List.copyOf(steps);
    }

    public static AttributePath of(String... keys) {
        List<Step> s = new ArrayList<>();
        for (String k : keys) s.add(new Key(k));
        return new AttributePath(s);
    }

    public AttributePath key(String name) {
        List<Step> s = new ArrayList<>(steps);
        s.add(new Key(name));
        return new AttributePath(s);
    }

    public AttributePath index(int i) {
        List<Step> s = new ArrayList<>(steps);
        s.add(new Index(i));
        return new AttributePath(s);
    }

    public boolean isRoot() {
        return steps.isEmpty();
    }

    /** The first key, for top-level attribute paths. */
    public String head() {
        return steps.isEmpty() || !(steps.get(0) instanceof Key k) ? "" : k.name();
    }

    public boolean startsWith(AttributePath prefix) {
        return steps.size() >= prefix.steps.size() && steps.subList(0, prefix.steps.size()).equals(prefix.steps);
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) return false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Step st : steps) {
            if (st instanceof Key k) {
                if (isIdentifier(k.name())) {
                    if (sb.length() > 0) sb.append('.');
                    sb.append(k.name());
                } else {
                    sb.append("[\"").append(k.name().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
                }
            } else if (st instanceof Index ix) {
                sb.append('[').append(ix.index()).append(']');
            }
        }
        return sb.toString();
    }

    /** Parses the text form produced by {@link #toString()}. */
    public static AttributePath parse(String text) {
        List<Step> out = new ArrayList<>();
        int i = 0, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                if (i + 1 < n && text.charAt(i + 1) == '"') {
                    StringBuilder sb = new StringBuilder();
                    int j = i + 2;
                    while (j < n && text.charAt(j) != '"') {
                        if (text.charAt(j) == '\\' && j + 1 < n) j++;
                        sb.append(text.charAt(j++));
                    }
                    if (j + 1 >= n || text.charAt(j + 1) != ']')
                        throw new IllegalArgumentException("invalid attribute path '" + text + "'");
                    out.add(new Key(sb.toString()));
                    i = j + 2;
                } else {
                    int j = text.indexOf(']', i);
                    if (j < 0) throw new IllegalArgumentException("invalid attribute path '" + text + "'");
                    try {
                        out.add(new Index(Integer.parseInt(text.substring(i + 1, j))));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid attribute path '" + text + "'", e);
                    }
                    i = j + 1;
                }
            } else {
                int j = i;
                while (j < n && text.charAt(j) != '.' && text.charAt(j) != '[') j++;
                out.add(new Key(text.substring(i, j)));
                i = j;
            }
        }
        return new AttributePath(out);
    }

    @Override
    public int compareTo(AttributePath o) {
        return toString().compareTo(o.toString());
    }
}
