package dev.platctl.engine.expr;

import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Function calls: argument expansion, arity and argument checks, unknown and sensitive handling, {@code can} and {@code try}. */
final class Calls {
    private final Evaluator evaluator;
    private final Diagnostics diags;

    Calls(Evaluator evaluator, Diagnostics diags) {
        this.evaluator = evaluator;
        this.diags = diags;
    }

    Value call(Expression.FunctionCall f, EvalContext ctx) {
        if (f.name().equals("can") && !f.expandFinal()) return can(f, ctx);
        if (f.name().equals("try") && !f.expandFinal()) return tryEach(f, ctx);
        Optional<FunctionDef> def = ctx.functions().find(f.name());
        if (def.isEmpty()) {
            List<String> known = new ArrayList<>(ctx.functions().names());
            known.add("can");
            known.add("try");
            diags.error("Call to unknown function \"" + f.name() + "\"", "There is no function named \"" + f.name()
                    + "\"." + Suggestions.didYouMean(f.name(), known), f.nameRange());
            for (Expression a : f.args()) evaluator.eval(a, ctx);
            return Value.UNKNOWN;
        }
        List<Value> args = new ArrayList<>(f.args().size());
        for (Expression a : f.args()) args.add(evaluator.eval(a, ctx));
        if (f.expandFinal() && !args.isEmpty()) {
            Value last = args.remove(args.size() - 1);
            Value u = last.unwrap();
            if (u instanceof UnknownValue) return Operations.mark(Value.UNKNOWN, last.containsSensitive());
            if (!(u instanceof ListValue l)) {
                diags.error("Invalid expanding argument value", "The expanding argument (indicated by ...) must be "
                        + "a list, got " + Args.describe(u) + ".", f.args().get(f.args().size() - 1).range());
                return Value.UNKNOWN;
            }
            for (Value item : l.items()) args.add(last instanceof SensitiveValue ? item.sensitive() : item);
        }
        return invoke(def.get(), args, f);
    }

    private Value invoke(FunctionDef def, List<Value> args, Expression.FunctionCall f) {
        if (args.size() < def.minArgs() || args.size() > def.maxArgs()) {
            diags.error("Wrong number of arguments", "Function \"" + def.name() + "\" expects " + def.arity() + ": "
                    + def.signature() + "; got " + args.size() + ".", f.range());
            return Value.UNKNOWN;
        }
        boolean sensitive = false, unknown = false;
        List<Value> plain = new ArrayList<>(args.size());
        for (Value a : args) {
            sensitive |= a.containsSensitive();
            unknown |= !a.isWhollyKnown();
            plain.add(a.unmarked());
        }
        if (unknown && !def.acceptsUnknown()) return Operations.mark(Value.UNKNOWN, sensitive);
        try {
            return Operations.mark(def.body().call(plain), sensitive);
        } catch (FunctionException e) {
            diags.error("Invalid function argument", "Invalid argument to function \"" + def.name() + "\" (expects "
                    + def.signature() + "): " + e.getMessage() + ".", f.range());
        } catch (ArithmeticException | IllegalArgumentException e) {
            diags.error("Error in function call", "Call to function \"" + def.name() + "\" failed: " + e.getMessage()
                    + ".", f.range());
        }
        return Value.UNKNOWN;
    }

    private Value can(Expression.FunctionCall f, EvalContext ctx) {
        if (f.args().size() != 1) {
            diags.error("Wrong number of arguments", "Function \"can\" expects 1 argument: can(expression); got "
                    + f.args().size() + ".", f.range());
            return Value.UNKNOWN;
        }
        Diagnostics scratch = new Diagnostics();
        Value v = Evaluator.evaluate(f.args().get(0), ctx, scratch);
        return scratch.hasErrors() ? Value.FALSE : v.isWhollyKnown() ? Value.TRUE : Value.UNKNOWN;
    }

    private Value tryEach(Expression.FunctionCall f, EvalContext ctx) {
        if (f.args().isEmpty()) {
            diags.error("Wrong number of arguments", "Function \"try\" expects at least 1 argument: "
                    + "try(expressions...); got 0.", f.range());
            return Value.UNKNOWN;
        }
        List<Diagnostic> firstErrors = List.of();
        for (Expression a : f.args()) {
            Diagnostics scratch = new Diagnostics();
            Value v = Evaluator.evaluate(a, ctx, scratch);
            if (!scratch.hasErrors()) return v.isWhollyKnown() ? v : Value.UNKNOWN;
            if (firstErrors.isEmpty()) firstErrors = scratch.errors();
        }
        diags.error("Error in function call", "Call to function \"try\" failed: no expression succeeded; the first "
                + "failed with: " + firstErrors.get(0).summary() + ". " + firstErrors.get(0).detail(), f.range());
        return Value.UNKNOWN;
    }
}
