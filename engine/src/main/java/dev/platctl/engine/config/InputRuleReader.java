package dev.platctl.engine.config;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Traversal;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the rules of one {@code input} block (minimum, pattern, validation blocks...), checking each fits the input's type. */
final class InputRuleReader {
    static final List<String> RULE_FIELDS = List.of("minimum", "maximum", "pattern", "enum", "min_length", "max_length");
    static final List<String> VALIDATION_FIELDS = List.of("condition", "message");

    private final String input;
    private final TypeConstraint type;
    private final EvalContext staticCtx;
    private final Diagnostics diags;
    private final List<InputRule> rules = new ArrayList<>();

    InputRuleReader(String input, TypeConstraint type, EvalContext staticCtx, Diagnostics diags) {
        this.input = input;
        this.type = type;
        this.staticCtx = staticCtx;
        this.diags = diags;
    }

    /** Reads a rule attribute such as {@code minimum = 20}. */
    void attribute(Attribute a) {
        Value v = Evaluator.evaluate(a.expression(), staticCtx, diags).unmarked();
        switch (a.name()) {
            case "minimum", "maximum" -> {
                if (!fits(a, Set.of(TypeConstraint.Kind.NUMBER), "number")) return;
                if (!(v instanceof NumberValue n)) {
                    invalid(a, "expected a number, got " + v.typeName() + ".");
                    return;
                }
                rules.add(a.name().equals("minimum") ? new InputRule.Minimum(n.value(), a.range()) : new InputRule.Maximum(n.value(), a.range()));
            }
            case "min_length", "max_length" -> {
                if (!fits(a, Set.of(TypeConstraint.Kind.STRING, TypeConstraint.Kind.LIST, TypeConstraint.Kind.MAP), "string, list and map")) return;
                if (!(v instanceof NumberValue n) || !n.isInteger() || n.value().signum() < 0 || n.value().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                    invalid(a, "expected a whole number >= 0, got " + (v instanceof NumberValue n ? n.text() : v.typeName()) + ".");
                    return;
                }
                int bound = n.value().intValueExact();
                rules.add(a.name().equals("min_length") ? new InputRule.MinLength(bound, a.range()) : new InputRule.MaxLength(bound, a.range()));
            }
            case "pattern" -> {
                if (!fits(a, Set.of(TypeConstraint.Kind.STRING), "string")) return;
                if (!(v instanceof StringValue s)) {
                    invalid(a, "expected a regular expression in a string, got " + v.typeName() + ".");
                    return;
                }
                try {
                    rules.add(new InputRule.Matches(Pattern.compile(s.value()), a.range()));
                } catch (PatternSyntaxException e) {
                    invalid(a, "\"" + s.value() + "\" is not a regular expression: " + e.getDescription() + " near index " + e.getIndex() + ".");
                }
            }
            case "enum" -> {
                if (!fits(a, Set.of(TypeConstraint.Kind.STRING, TypeConstraint.Kind.NUMBER, TypeConstraint.Kind.BOOL), "string, number and bool")) return;
                if (!(v instanceof ListValue l) || l.items().isEmpty()) {
                    invalid(a, "expected a non-empty list of allowed values, e.g. [\"small\", \"large\"].");
                    return;
                }
                List<Value> allowed = new ArrayList<>();
                for (Value item : l.items()) {
                    Optional<Value> c = type.convert(item);
                    if (c.isEmpty() || c.get().isNull()) {
                        invalid(a, InputRule.show(item) + " is not a " + type + ".");
                        return;
                    }
                    allowed.add(c.get());
                }
                rules.add(new InputRule.OneOf(allowed, a.range()));
            }
            default -> throw new IllegalArgumentException("not a rule attribute: " + a.name());
        }
    }

    /** Reads {@code validation { condition = ... message = "..." }}; the condition may only refer to inputs. */
    void validation(Block b) {
        Optional<Attribute> condition = b.body().attribute("condition");
        Optional<Attribute> message = b.body().attribute("message");
        boolean ok = true;
        for (Attribute a : b.body().attributes()) {
            if (!VALIDATION_FIELDS.contains(a.name())) {
                diags.error("Unsupported argument \"" + a.name() + "\"", "a validation block takes: condition, message."
                        + Suggestions.didYouMean(a.name(), VALIDATION_FIELDS), a.nameRange());
                ok = false;
            }
        }
        for (Block nb : b.body().blocks()) {
            diags.error("Unsupported block type \"" + nb.type() + "\"", "a validation block takes the attributes condition and message.", nb.typeRange());
            ok = false;
        }
        if (condition.isEmpty() || message.isEmpty()) {
            diags.error("Incomplete validation for input \"" + input + "\"", "a validation block needs both condition = <expression> and message = \"...\".",
                    b.typeRange());
            return;
        }
        for (Traversal t : Evaluator.references(condition.get().expression())) {
            if (!t.rootName().equals("input")) {
                diags.error("Invalid reference in validation", "a validation condition can only use the request's inputs (input.<name>) and functions, not "
                        + t + ".", t.range());
                ok = false;
            }
        }
        Value m = Evaluator.evaluate(message.get().expression(), staticCtx, diags).unmarked();
        if (!(m instanceof StringValue s) || s.value().isBlank()) {
            diags.error("Invalid validation message", "the message is a non-empty string telling the requester what is allowed.", message.get().expression().range());
            return;
        }
        if (ok) rules.add(new InputRule.Validation(condition.get().expression(), s.value(), b.range()));
    }

    /** The rules read, after checking that a minimum is not above its maximum. */
    List<InputRule> rules() {
        bounds(InputRule.Minimum.class, InputRule.Maximum.class);
        bounds(InputRule.MinLength.class, InputRule.MaxLength.class);
        return List.copyOf(rules);
    }

    private void bounds(Class<? extends InputRule> lowType, Class<? extends InputRule> highType) {
        Optional<InputRule> low = rules.stream().filter(lowType::isInstance).findFirst();
        Optional<InputRule> high = rules.stream().filter(highType::isInstance).findFirst();
        if (low.isEmpty() || high.isEmpty()) return;
        BigDecimal lo = bound(low.get()), hi = bound(high.get());
        if (lo.compareTo(hi) > 0)
            diags.error("Contradictory rules for input \"" + input + "\"", "the lower bound " + lo.toPlainString()
                    + " is above the upper bound " + hi.toPlainString() + ", so no value is allowed.", high.get().range());
    }

    private static BigDecimal bound(InputRule r) {
        if (r instanceof InputRule.Minimum m) return m.bound();
        if (r instanceof InputRule.Maximum m) return m.bound();
        if (r instanceof InputRule.MinLength m) return BigDecimal.valueOf(m.bound());
        return BigDecimal.valueOf(((InputRule.MaxLength) r).bound());
    }

    private boolean fits(Attribute a, Set<TypeConstraint.Kind> kinds, String kindsText) {
        if (type.kind() == TypeConstraint.Kind.ANY || kinds.contains(type.kind())) return true;
        diags.error("Invalid \"" + a.name() + "\" rule for input \"" + input + "\"", a.name() + " applies to " + kindsText
                + " inputs; \"" + input + "\" is " + type + ".", a.nameRange());
        return false;
    }

    private void invalid(Attribute a, String detail) {
        diags.error("Invalid \"" + a.name() + "\" rule for input \"" + input + "\"", detail, a.expression().range());
    }
}
