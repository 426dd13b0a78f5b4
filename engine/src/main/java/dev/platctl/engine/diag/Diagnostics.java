package dev.platctl.engine.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Collects diagnostics so that every problem is reported at once. Thread-safe: phases that run in
 * parallel may add to one collector.
 */
public final class Diagnostics {
    private final List<Diagnostic> items = Collections.synchronizedList(new ArrayList<>());

    public Diagnostics add(Diagnostic d) {
        items.add(d);
        return this;
    }

    public Diagnostics addAll(Collection<Diagnostic> ds) {
        items.addAll(ds);
        return this;
    }

    public Diagnostics addAll(Diagnostics other) {
        return addAll(other.all());
    }

    public Diagnostics error(String summary, String detail, SourceRange at) {
        return add(Diagnostic.error(summary, detail, at));
    }

    public Diagnostics warning(String summary, String detail, SourceRange at) {
        return add(Diagnostic.warning(summary, detail, at));
    }

    public boolean hasErrors() {
        synchronized (items) {
            return items.stream().anyMatch(Diagnostic::isError);
        }
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * A copy without duplicates (a module's mistake is found once per request using it), ordered by file
     * and position (diagnostics without a position last, in insertion order).
     */
    public List<Diagnostic> all() {
        List<Diagnostic> copy;
        synchronized (items) {
            copy = new ArrayList<>(new java.util.LinkedHashSet<>(items));
        }
        copy.sort((a, b) -> {
            if (a.subject().isEmpty() || b.subject().isEmpty())
                return Boolean.compare(a.subject().isEmpty(), b.subject().isEmpty());
            SourceRange ra = a.subject().get(), rb = b.subject().get();
            int c = ra.file().compareTo(rb.file());
            if (c != 0) return c;
            c = Integer.compare(ra.start().line(), rb.start().line());
            return c != 0 ? c : Integer.compare(ra.start().column(), rb.start().column());
        });
        return List.copyOf(copy);
    }

    public List<Diagnostic> errors() {
        return all().stream().filter(Diagnostic::isError).toList();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : all()) sb.append(d).append('\n');
        return sb.toString();
    }
}
