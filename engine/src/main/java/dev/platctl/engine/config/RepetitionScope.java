package dev.platctl.engine.config;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Traversal;

/** Checks that {@code count.index} and {@code each.key/value} are used only inside resources that repeat by count or for_each. */
final class RepetitionScope {
    private RepetitionScope() {
    }

    static void check(Block resource, boolean hasCount, boolean hasForEach, Diagnostics d) {
        for (Attribute a : resource.body().attributes()) {
            boolean meta = a.name().equals("count") || a.name().equals("for_each");
            for (Traversal t : Evaluator.references(a.expression())) {
                if (meta && (t.rootName().equals("count") || t.rootName().equals("each")))
                    d.error("Invalid reference in " + a.name(), "the " + a.name() + " expression decides the instances, so it cannot use "
                            + t.rootName() + "." + t.attrName(1) + "; use inputs.", t.range());
                else if (!meta) reference(t, hasCount, hasForEach, d);
            }
        }
        for (Block nb : resource.body().blocks()) if (!nb.type().equals("lifecycle")) nested(nb, hasCount, hasForEach, d);
    }

    private static void nested(Block b, boolean hasCount, boolean hasForEach, Diagnostics d) {
        for (Attribute a : b.body().attributes())
            for (Traversal t : Evaluator.references(a.expression())) reference(t, hasCount, hasForEach, d);
        for (Block nb : b.body().blocks()) nested(nb, hasCount, hasForEach, d);
    }

    private static void reference(Traversal t, boolean hasCount, boolean hasForEach, Diagnostics d) {
        if (t.rootName().equals("count") && !hasCount)
            d.error("Reference to \"count\" in non-counted context", "count.index is only available in a resource that sets count.", t.range());
        if (t.rootName().equals("each") && !hasForEach)
            d.error("Reference to \"each\" in context without for_each", "each.key and each.value are only available in a resource that sets for_each.",
                    t.range());
    }
}
