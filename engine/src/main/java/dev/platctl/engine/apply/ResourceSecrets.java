package dev.platctl.engine.apply;

import dev.platctl.engine.value.Marks;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The values whose secrets ({@link Marks#sensitiveStrings}) are taken out of what is said about one resource's apply.
 * Values are only noted as the apply learns them; their strings are collected when a failure or retry is told, which
 * most applies never do. One resource's apply runs on one thread, and so does its use of this.
 */
final class ResourceSecrets {
    private final List<Value> sources = new ArrayList<>();

    /** Notes a value whose sensitive strings are secrets of this resource. */
    void from(Value v) {
        if (v != null) sources.add(v);
    }

    /** The secrets of every value noted so far. */
    Set<String> strings() {
        Set<String> out = new HashSet<>();
        for (Value v : sources) Marks.sensitiveStrings(v, out);
        return out;
    }
}
