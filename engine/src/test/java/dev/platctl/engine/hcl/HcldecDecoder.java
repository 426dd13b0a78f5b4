package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes a parsed body with the subset of hcldec specs the spec suite uses: {@code literal}, {@code object},
 * {@code attr}, {@code block}, {@code block_list} and {@code block_map}, reporting unexpected content.
 */
final class HcldecDecoder {
    private static final Set<String> SPEC_TYPES = Set.of("literal", "object", "attr", "block", "block_list", "block_map");

    private final EvalContext ctx;
    private final Diagnostics diags;

    HcldecDecoder(EvalContext ctx, Diagnostics diags) {
        this.ctx = ctx;
        this.diags = diags;
    }

    /** The one spec block of a {@code .hcldec} body (its {@code variables} block aside). */
    static Block rootSpec(Body hcldec) {
        List<Block> specs = hcldec.blocks().stream().filter(b -> SPEC_TYPES.contains(b.type())).toList();
        if (specs.size() != 1) throw new IllegalArgumentException("expected one root spec, found " + specs.size());
        return specs.get(0);
    }

    Value decode(Block spec, Body target) {
        if (spec.type().equals("literal")) return literal(spec);
        if (spec.type().equals("object")) return object(spec.body(), target);
        checkContent(List.of(spec), target);
        return child(spec, target);
    }

    private Value literal(Block spec) {
        return Evaluator.evaluate(spec.body().attribute("value").orElseThrow().expression(), ctx, diags);
    }

    private Value object(Body specBody, Body target) {
        List<Block> children = specBody.blocks();
        checkContent(children, target);
        Map<String, Value> out = new LinkedHashMap<>();
        for (Block c : children) out.put(c.labels().get(0), child(c, target));
        return Value.object(out);
    }

    private void checkContent(List<Block> children, Body target) {
        Set<String> attrs = new HashSet<>();
        Set<String> blocks = new HashSet<>();
        for (Block c : children) {
            if (c.type().equals("attr")) attrs.add(c.labels().get(0));
            else blocks.add(blockType(c));
        }
        for (Attribute a : target.attributes()) {
            if (!attrs.contains(a.name())) {
                diags.error("Unsupported argument", "An argument named \"" + a.name() + "\" is not expected here.",
                        a.nameRange());
            }
        }
        for (Block b : target.blocks()) {
            if (!blocks.contains(b.type())) {
                diags.error("Unsupported block type", "Blocks of type \"" + b.type() + "\" are not expected here.",
                        b.typeRange());
            }
        }
    }

    private static String blockType(Block spec) {
        return spec.body().attribute("block_type")
                .map(a -> ((StringValue) ((Expression.Literal) a.expression()).value()).value())
                .orElseGet(() -> spec.labels().get(0));
    }

    private Value child(Block spec, Body target) {
        return switch (spec.type()) {
            case "attr" -> attr(spec, target);
            case "block" -> {
                List<Block> found = target.blocks(blockType(spec));
                if (found.size() > 1) {
                    diags.error("Duplicate " + blockType(spec) + " block", "Only one is allowed.", found.get(1).typeRange());
                }
                yield found.isEmpty() ? Value.NULL : nested(spec, found.get(0).body());
            }
            case "block_list" -> {
                List<Value> items = new ArrayList<>();
                for (Block b : target.blocks(blockType(spec))) items.add(nested(spec, b.body()));
                yield new ListValue(items);
            }
            case "block_map" -> blockMap(spec, target);
            default -> throw new IllegalArgumentException("unsupported spec " + spec.type());
        };
    }

    private Value attr(Block spec, Body target) {
        String name = spec.labels().get(0);
        Optional<Attribute> a = target.attribute(name);
        if (a.isEmpty()) {
            boolean required = spec.body().attribute("required")
                    .map(r -> ((Expression.Literal) r.expression()).value().equals(Value.TRUE)).orElse(false);
            if (required) diags.error("Missing required argument", "The argument \"" + name + "\" is required.", target.range());
            return Value.NULL;
        }
        Value v = Evaluator.evaluate(a.get().expression(), ctx, diags);
        SpecType type = spec.body().attribute("type").map(t -> SpecType.parse(t.expression()))
                .orElse(SpecType.parse(anyType()));
        Optional<Value> converted = type.convert(v);
        if (converted.isEmpty()) {
            diags.error("Incorrect attribute value type", "Inappropriate value for attribute \"" + name + "\".",
                    a.get().expression().range());
            return Value.NULL;
        }
        return converted.get();
    }

    private static Expression anyType() {
        var r = dev.platctl.engine.diag.SourceRange.at("type", 1, 1);
        return new Expression.ScopeTraversal(new Traversal(List.of(new Traverser.Root("any", r)), r), r);
    }

    private Value blockMap(Block spec, Body target) {
        List<String> labelNames = new ArrayList<>();
        Expression labels = spec.body().attribute("labels").orElseThrow().expression();
        for (Expression e : ((Expression.Tuple) labels).items()) {
            labelNames.add(((StringValue) ((Expression.Literal) e).value()).value());
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Block b : target.blocks(blockType(spec))) {
            if (b.labels().size() != labelNames.size()) {
                diags.error("Wrong number of block labels", "Blocks of this type need labels " + labelNames + ".", b.typeRange());
                continue;
            }
            Map<String, Object> level = tree;
            for (int i = 0; i < labelNames.size() - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) level.computeIfAbsent(b.labels().get(i), k -> new LinkedHashMap<>());
                level = next;
            }
            level.put(b.labels().get(labelNames.size() - 1), nested(spec, b.body()));
        }
        return toValue(tree);
    }

    private static Value toValue(Object o) {
        if (o instanceof Value v) return v;
        Map<String, Value> out = new LinkedHashMap<>();
        ((Map<?, ?>) o).forEach((k, v) -> out.put((String) k, toValue(v)));
        return Value.object(out);
    }

    /** A block's body decoded with the one spec nested in the block spec. */
    private Value nested(Block spec, Body body) {
        List<Block> inner = spec.body().blocks().stream().filter(b -> SPEC_TYPES.contains(b.type())).toList();
        if (inner.isEmpty()) {
            checkContent(List.of(), body);
            return Value.object(Map.of());
        }
        return decode(inner.get(0), body);
    }
}
