package dev.platctl.engine.entity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Backstage entity reference, {@code [kind:][namespace/]name}, as written in a descriptor's spec, and the rules for
 * its parts; shared by the catalog and the golden paths' {@code catalog:register} step.
 */
public record EntityRef(Optional<String> kind, Optional<String> namespace, String name) {
    private static final Pattern SYNTAX = Pattern.compile("^(?:([^:/]+):)?(?:([^:/]+)/)?([^:/]+)$");
    public static final Pattern KIND = Pattern.compile("^[A-Za-z][A-Za-z0-9]*$");
    public static final Pattern NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    public static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");

    /** Why {@code name} is not a valid entity name, or empty. */
    public static Optional<String> nameProblem(String name) {
        if (name.isEmpty() || name.length() > 63) return Optional.of("must be 1 to 63 characters, got " + name.length());
        if (!NAME.matcher(name).matches())
            return Optional.of("\"" + name + "\" must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
        return Optional.empty();
    }

    /** Parses a reference, or says why it is not one. */
    public static Result parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) return new Result(Optional.empty(), Optional.of("\"" + text + "\" is not of the form [kind:][namespace/]name"));
        Optional<String> kind = Optional.ofNullable(m.group(1)), ns = Optional.ofNullable(m.group(2));
        if (kind.isPresent() && !KIND.matcher(kind.get()).matches())
            return new Result(Optional.empty(), Optional.of("kind \"" + kind.get() + "\" in \"" + text + "\" is not a word of letters and digits"));
        if (ns.isPresent() && !NAMESPACE.matcher(ns.get()).matches())
            return new Result(Optional.empty(), Optional.of("namespace \"" + ns.get() + "\" in \"" + text + "\" is not a DNS label"));
        Optional<String> bad = nameProblem(m.group(3));
        if (bad.isPresent()) return new Result(Optional.empty(), Optional.of("name in \"" + text + "\": " + bad.get()));
        return new Result(Optional.of(new EntityRef(kind, ns, m.group(3))), Optional.empty());
    }

    /** {@code <kind>:default/<name>}: how platctl writes a reference, always in full. */
    public static EntityRef of(String kind, String name) {
        return new EntityRef(Optional.of(kind), Optional.of("default"), name);
    }

    /** The reference as text, {@code kind:namespace/name} when all three are known, the kind in lower case as Backstage writes it. */
    @Override
    public String toString() {
        return kind.map(k -> k.toLowerCase(java.util.Locale.ROOT) + ":").orElse("") + namespace.map(n -> n + "/").orElse("") + name;
    }

    /** Either a reference or the reason the text is not one. */
    public record Result(Optional<EntityRef> ref, Optional<String> problem) {
    }
}
