package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.Value;

/** One step of a traversal such as {@code aws_db_instance.this.endpoint} or {@code var.list[0]}. */
public sealed interface Traverser {
    SourceRange range();

    /** The variable a scope traversal starts from ({@code input}, {@code request}, a resource type...). */
    record Root(String name, SourceRange range) implements Traverser {
    }

    /** {@code .name} */
    record Attr(String name, SourceRange range) implements Traverser {
    }

    /** {@code [key]} with a literal key ({@code [0]}, {@code ["k"]}), and the legacy {@code .0}. */
    record Index(Value key, SourceRange range) implements Traverser {
    }
}
