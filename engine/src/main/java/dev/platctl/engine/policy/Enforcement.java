package dev.platctl.engine.policy;

import java.util.List;
import java.util.Optional;

/** What a violated rule does: {@code deny} fails the plan, {@code warn} is shown, {@code dryrun} is only recorded. */
public enum Enforcement {
    DENY, WARN, DRYRUN;

    /** The names a policy file uses, in the order the documentation lists them. */
    public static final List<String> NAMES = List.of("deny", "warn", "dryrun");

    public static Optional<Enforcement> parse(String text) {
        for (Enforcement e : values()) if (e.text().equals(text)) return Optional.of(e);
        return Optional.empty();
    }

    /** The name as written in policy files and JSON. */
    public String text() {
        return name().toLowerCase();
    }
}
