package dev.platctl.engine.config;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.hcl.Traverser;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.StringValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a resource's {@code lifecycle} block; every value in it is a literal, fixed when the module is read. */
final class LifecycleReader {
    static final List<String> FIELDS = List.of("prevent_destroy", "ignore_changes", "create_before_destroy",
            "replace_triggered_by");

    private LifecycleReader() {
    }

    static Lifecycle read(Block b, Diagnostics d) {
        boolean prevent = false, cbd = false, all = false;
        List<Lifecycle.Ignored> ignore = new ArrayList<>();
        List<ReplaceTrigger> triggers = new ArrayList<>();
        Optional<SourceRange> preventRange = Optional.empty();
        for (Block nb : b.body().blocks())
            d.error("Unsupported block type \"" + nb.type() + "\"", "a lifecycle block takes the attributes " + String.join(", ", FIELDS) + ".", nb.typeRange());
        for (Attribute a : b.body().attributes()) {
            switch (a.name()) {
                case "prevent_destroy" -> {
                    prevent = bool(a, d);
                    preventRange = Optional.of(a.range());
                }
                case "create_before_destroy" -> cbd = bool(a, d);
                case "ignore_changes" -> {
                    if (a.expression() instanceof Expression.ScopeTraversal st && st.traversal().steps().size() == 1
                            && st.traversal().rootName().equals("all")) {
                        all = true;
                    } else if (a.expression() instanceof Expression.Tuple t) {
                        for (Expression item : t.items()) path(item, d).ifPresent(ignore::add);
                    } else {
                        d.error("Invalid ignore_changes", "ignore_changes is a list of this resource's attributes, e.g. [tags, value], or all.",
                                a.expression().range());
                    }
                }
                case "replace_triggered_by" -> {
                    if (a.expression() instanceof Expression.Tuple t) {
                        for (Expression item : t.items()) trigger(item, d).ifPresent(triggers::add);
                    } else {
                        d.error("Invalid replace_triggered_by", "replace_triggered_by is a list of this module's resources or "
                                + "their attributes, e.g. [fake_thing.base, fake_thing.base.value].", a.expression().range());
                    }
                }
                default -> d.error("Unsupported argument \"" + a.name() + "\" in lifecycle", "a lifecycle block takes: "
                        + String.join(", ", FIELDS) + "." + Suggestions.didYouMean(a.name(), FIELDS), a.nameRange());
            }
        }
        return new Lifecycle(prevent, cbd, ignore, all, preventRange, triggers);
    }

    /** {@code type.name}, {@code type.name[0]}, {@code type.name.attr}: another resource of the module, or one of its attributes. */
    private static Optional<ReplaceTrigger> trigger(Expression e, Diagnostics d) {
        if (e instanceof Expression.ScopeTraversal st && st.traversal().steps().size() >= 2
                && !st.traversal().attrName(1).isEmpty()) {
            List<Traverser> steps = st.traversal().steps();
            int next = 2;
            Optional<InstanceKey> key = Optional.empty();
            if (steps.size() > 2 && steps.get(2) instanceof Traverser.Index ix) {
                if (ix.key() instanceof NumberValue n && n.isInteger()) key = Optional.of(new InstanceKey.IntKey(n.value().intValue()));
                else if (ix.key() instanceof StringValue k) key = Optional.of(new InstanceKey.StringKey(k.value()));
                next = 3;
            }
            Optional<AttributePath> attribute = next < steps.size()
                    ? Optional.of(attributePath(AttributePath.ROOT, steps.subList(next, steps.size()))) : Optional.empty();
            return Optional.of(new ReplaceTrigger(st.traversal().rootName(), st.traversal().attrName(1), key, attribute, e.range()));
        }
        d.error("Invalid replace_triggered_by entry", "each entry names another resource of this module or one of its "
                + "attributes, e.g. fake_thing.base or fake_thing.base.value.", e.range());
        return Optional.empty();
    }

    private static AttributePath attributePath(AttributePath start, List<Traverser> steps) {
        AttributePath p = start;
        for (Traverser s : steps) {
            if (s instanceof Traverser.Attr at) p = p.key(at.name());
            else if (s instanceof Traverser.Index ix && ix.key() instanceof StringValue k) p = p.key(k.value());
            else if (s instanceof Traverser.Index ix && ix.key() instanceof NumberValue n && n.isInteger()) p = p.index(n.value().intValue());
        }
        return p;
    }

    private static boolean bool(Attribute a, Diagnostics d) {
        if (a.expression() instanceof Expression.Literal l && l.value() instanceof BoolValue b) return b.value();
        d.error("Invalid value for \"" + a.name() + "\"", "lifecycle settings are fixed in the module: write true or false.", a.expression().range());
        return false;
    }

    /** {@code value}, {@code tags["team"]}, {@code rule[0].port}: a path into the resource's own attributes. */
    private static Optional<Lifecycle.Ignored> path(Expression e, Diagnostics d) {
        if (e instanceof Expression.ScopeTraversal st) {
            AttributePath p = attributePath(AttributePath.ROOT.key(st.traversal().rootName()),
                    st.traversal().steps().subList(1, st.traversal().steps().size()));
            return Optional.of(new Lifecycle.Ignored(p, e.range()));
        }
        d.error("Invalid ignore_changes entry", "each entry names an attribute of this resource, e.g. value or tags[\"team\"].", e.range());
        return Optional.empty();
    }
}
