package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.SourceRange;

import java.util.List;

/** A reference to a variable and steps into it: {@code local_file.config.path}. Starts with a {@link Traverser.Root}. */
public record Traversal(List<Traverser> steps, SourceRange range) {
    public Traversal {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || !(steps.get(0) instanceof Traverser.Root))
            throw new IllegalArgumentException("a traversal starts with a root name");
    }

    public String rootName() {
        return ((Traverser.Root) steps.get(0)).name();
    }

    /** The name of step {@code i} when it is an attribute step, else empty string. */
    public String attrName(int i) {
        return i < steps.size() && steps.get(i) instanceof Traverser.Attr a ? a.name() : "";
    }

    /** Text form, e.g. {@code local_file.config.path}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Traverser t : steps) {
            if (t instanceof Traverser.Root r) sb.append(r.name());
            else if (t instanceof Traverser.Attr a) sb.append('.').append(a.name());
            else if (t instanceof Traverser.Index ix) sb.append('[').append(ix.key()).append(']');
        }
        return sb.toString();
    }
}
