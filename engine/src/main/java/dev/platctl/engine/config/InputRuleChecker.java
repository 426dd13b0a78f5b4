package dev.platctl.engine.config;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.expr.Functions;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the value a request gives each input (its parameter, or the module's default) against the input's
 * rules; each violation is a diagnostic at the parameter's line, or at the default in the module.
 */
final class InputRuleChecker {
    private InputRuleChecker() {
    }

    /** {@code withValidations} is false when some parameter has the wrong type, so conditions would see nulls. */
    static void check(RequestConfig r, ModuleConfig m, boolean withValidations, Diagnostics diags) {
        ObjectValue inputs = InputValues.of(r, m);
        EvalContext ctx = null;
        for (InputDecl in : m.inputs()) {
            boolean given = r.parameters().containsKey(in.name());
            if (given && in.type().convert(r.parameters().get(in.name())).isEmpty()) continue;
            Value v = inputs.getOrNull(in.name());
            if (v.unmarked().isNull() || in.rules().isEmpty()) continue;
            SourceRange at = given ? r.parameterRanges().getOrDefault(in.name(), r.parameterRanges().getOrDefault("", r.range()))
                    : in.defaultRange();
            String got = in.sensitive() ? "(sensitive value)" : InputRule.show(v);
            for (InputRule rule : in.rules()) {
                if (rule instanceof InputRule.Validation val) {
                    if (!withValidations) continue;
                    if (ctx == null) ctx = new EvalContext(Map.of("input", inputs), Functions.standard(m.dir()));
                    if (!holds(val, ctx, diags)) violated(in, at, "module " + m.ref() + ": " + val.message().replaceAll("\\.$", "") + "; got " + got + ".", diags);
                } else if (!rule.accepts(v)) {
                    violated(in, at, "module " + m.ref() + " requires " + rule.requirement(in.name(), v) + hint(rule, in.rules())
                            + "; got " + got + ".", diags);
                }
            }
        }
    }

    private static void violated(InputDecl in, SourceRange at, String detail, Diagnostics diags) {
        diags.error("Invalid value for input \"" + in.name() + "\"", detail, at);
    }

    private static boolean holds(InputRule.Validation val, EvalContext ctx, Diagnostics diags) {
        Diagnostics local = new Diagnostics();
        Value result = Evaluator.evaluate(val.condition(), ctx, local).unmarked();
        diags.addAll(local);
        if (local.hasErrors() || result instanceof UnknownValue) return true;
        if (result instanceof BoolValue b) return b.value();
        diags.error("Invalid validation result", "a validation condition must be true or false, got " + result.typeName() + ".",
                val.condition().range());
        return true;
    }

    /** The other end of a range, so the requester sees the whole allowed interval at once. */
    private static String hint(InputRule failed, List<InputRule> rules) {
        Optional<String> other = Optional.empty();
        for (InputRule r : rules) {
            if (failed instanceof InputRule.Minimum && r instanceof InputRule.Maximum m) other = Optional.of("maximum " + m.bound().toPlainString());
            if (failed instanceof InputRule.Maximum && r instanceof InputRule.Minimum m) other = Optional.of("minimum " + m.bound().toPlainString());
            if (failed instanceof InputRule.MinLength && r instanceof InputRule.MaxLength m) other = Optional.of("at most " + m.bound());
            if (failed instanceof InputRule.MaxLength && r instanceof InputRule.MinLength m) other = Optional.of("at least " + m.bound());
        }
        return other.map(o -> " (" + o + ")").orElse("");
    }
}
