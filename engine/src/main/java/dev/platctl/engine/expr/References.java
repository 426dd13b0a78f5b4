package dev.platctl.engine.expr;

import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.hcl.Traversal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects the scope traversals an expression uses, skipping names bound by its for-expressions and splats. */
final class References {
    private final List<Traversal> out = new ArrayList<>();

    private References() {
    }

    static List<Traversal> of(Expression e) {
        References r = new References();
        r.walk(e, Set.of());
        return List.copyOf(r.out);
    }

    private void walk(Expression e, Set<String> bound) {
        if (e instanceof Expression.ScopeTraversal s) {
            String root = s.traversal().rootName();
            if (!bound.contains(root) && !root.equals(Expression.Splat.ITEM)) out.add(s.traversal());
        } else if (e instanceof Expression.Template t) {
            for (Expression p : t.parts()) walk(p, bound);
        } else if (e instanceof Expression.TemplateWrap w) {
            walk(w.wrapped(), bound);
        } else if (e instanceof Expression.RelativeTraversal r) {
            walk(r.source(), bound);
        } else if (e instanceof Expression.Index ix) {
            walk(ix.collection(), bound);
            walk(ix.key(), bound);
        } else if (e instanceof Expression.FunctionCall f) {
            for (Expression a : f.args()) walk(a, bound);
        } else if (e instanceof Expression.Tuple t) {
            for (Expression i : t.items()) walk(i, bound);
        } else if (e instanceof Expression.ObjectCons o) {
            for (Expression.ObjectCons.Item i : o.items()) {
                walk(i.key(), bound);
                walk(i.value(), bound);
            }
        } else if (e instanceof Expression.BinaryOp b) {
            walk(b.left(), bound);
            walk(b.right(), bound);
        } else if (e instanceof Expression.UnaryOp u) {
            walk(u.operand(), bound);
        } else if (e instanceof Expression.Conditional c) {
            walk(c.condition(), bound);
            walk(c.trueResult(), bound);
            walk(c.falseResult(), bound);
        } else if (e instanceof Expression.Parentheses p) {
            walk(p.inner(), bound);
        } else if (e instanceof Expression.For f) {
            walk(f.collection(), bound);
            Set<String> inner = new HashSet<>(bound);
            f.keyVar().ifPresent(inner::add);
            inner.add(f.valueVar());
            f.keyResult().ifPresent(k -> walk(k, inner));
            walk(f.valueResult(), inner);
            f.condition().ifPresent(c -> walk(c, inner));
        } else if (e instanceof Expression.Splat s) {
            walk(s.source(), bound);
            walk(s.each(), bound);
        }
    }
}
