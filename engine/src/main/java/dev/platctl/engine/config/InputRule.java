package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A rule a module puts on one input's value; {@code range} is where the module declares it. */
public sealed interface InputRule {
    SourceRange range();

    /** {@code minimum = 20}: a number at least this. */
    record Minimum(BigDecimal bound, SourceRange range) implements InputRule {
    }

    /** {@code maximum = 1000}: a number at most this. */
    record Maximum(BigDecimal bound, SourceRange range) implements InputRule {
    }

    /** {@code pattern = "^[a-z]+$"}: a string in which the regular expression is found (JSON Schema semantics). */
    record Matches(Pattern pattern, SourceRange range) implements InputRule {
    }

    /** {@code enum = ["small", "large"]}: one of these values. */
    record OneOf(List<Value> allowed, SourceRange range) implements InputRule {
        public OneOf {
            allowed = List.copyOf(allowed);
        }
    }

    /** {@code min_length = 3}: a string of at least this many characters, or a list or map of this many elements. */
    record MinLength(int bound, SourceRange range) implements InputRule {
    }

    /** {@code max_length = 63}: a string of at most this many characters, or a list or map of this many elements. */
    record MaxLength(int bound, SourceRange range) implements InputRule {
    }

    /** {@code validation { condition = <expr> message = "..." }}: the condition, evaluated with the request's inputs, must be true. */
    record Validation(Expression condition, String message, SourceRange range) implements InputRule {
    }

    /**
     * Whether a known, non-null value of the input's type satisfies this rule; a value of a type the rule
     * does not apply to passes (the type check reports it). Validation blocks are checked by the caller.
     */
    default boolean accepts(Value value) {
        Value v = value.unmarked();
        if (this instanceof Minimum m) return !(v instanceof NumberValue n) || n.value().compareTo(m.bound()) >= 0;
        if (this instanceof Maximum m) return !(v instanceof NumberValue n) || n.value().compareTo(m.bound()) <= 0;
        if (this instanceof Matches p) return !(v instanceof StringValue s) || p.pattern().matcher(s.value()).find();
        if (this instanceof OneOf o) return o.allowed().contains(v);
        if (this instanceof MinLength m) return length(v).map(n -> n >= m.bound()).orElse(true);
        if (this instanceof MaxLength m) return length(v).map(n -> n <= m.bound()).orElse(true);
        return true;
    }

    /** What the rule asks of input {@code name}, e.g. {@code storage_gb >= 20}. */
    default String requirement(String name, Value value) {
        if (this instanceof Minimum m) return name + " >= " + m.bound().toPlainString();
        if (this instanceof Maximum m) return name + " <= " + m.bound().toPlainString();
        if (this instanceof Matches p) return name + " to match /" + p.pattern().pattern() + "/";
        if (this instanceof OneOf o)
            return name + " to be one of " + o.allowed().stream().map(InputRule::show).collect(Collectors.joining(", "));
        if (this instanceof MinLength m) return name + " to have at least " + m.bound() + unit(value, m.bound());
        if (this instanceof MaxLength m) return name + " to have at most " + m.bound() + unit(value, m.bound());
        return ((Validation) this).message();
    }

    /** A value as a person would write it in a request: strings quoted, numbers and bools plain. */
    static String show(Value v) {
        Value u = v.unmarked();
        if (u instanceof StringValue s) return "\"" + s.value() + "\"";
        if (u instanceof ListValue l) return "a list of " + l.size() + (l.size() == 1 ? " element" : " elements");
        if (u instanceof ObjectValue o) return "a map of " + o.attributes().size() + (o.attributes().size() == 1 ? " entry" : " entries");
        return u.toString();
    }

    private static Optional<Integer> length(Value v) {
        if (v instanceof StringValue s) return Optional.of(s.value().codePointCount(0, s.value().length()));
        if (v instanceof ListValue l) return Optional.of(l.size());
        if (v instanceof ObjectValue o) return Optional.of(o.attributes().size());
        return Optional.empty();
    }

    private static String unit(Value v, int n) {
        Value u = v.unmarked();
        if (u instanceof StringValue) return n == 1 ? " character" : " characters";
        if (u instanceof ObjectValue) return n == 1 ? " entry" : " entries";
        return n == 1 ? " element" : " elements";
    }
}
