package dev.platctl.engine.config;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks a request's parameters against its module's inputs and their rules; every problem is reported at once. */
public final class RequestValidator {
    private RequestValidator() {
    }

    public static void validate(RequestConfig r, ModuleConfig m, Diagnostics diags) {
        List<String> inputNames = m.inputs().stream().map(InputDecl::name).toList();
        SourceRange paramsRange = r.parameterRanges().getOrDefault("", r.range());
        boolean typesOk = true;
        for (Map.Entry<String, Value> p : r.parameters().entrySet()) {
            SourceRange at = r.parameterRanges().getOrDefault(p.getKey(), paramsRange);
            Optional<InputDecl> in = m.input(p.getKey());
            if (in.isEmpty()) {
                diags.error("Unknown input \"" + p.getKey() + "\"", "module " + m.ref() + " has no input \"" + p.getKey() + "\"."
                        + Suggestions.didYouMean(p.getKey(), inputNames)
                        + (inputNames.isEmpty() ? " It takes no inputs." : " Its inputs are: " + String.join(", ", inputNames) + "."), at);
                continue;
            }
            if (in.get().type().convert(p.getValue()).isEmpty()) {
                typesOk = false;
                String why = in.get().type().kind() == TypeConstraint.Kind.OBJECT || in.get().type().kind() == TypeConstraint.Kind.LIST
                        || in.get().type().kind() == TypeConstraint.Kind.MAP
                        ? in.get().type().mismatch(p.getValue()).map(x -> ": " + x).orElse("") : "";
                diags.error("Invalid value for input \"" + p.getKey() + "\"", "module " + m.ref() + " expects " + p.getKey()
                        + " to be " + in.get().type() + ", got " + describe(p.getValue()) + why + ".", at);
            }
        }
        for (InputDecl in : m.inputs()) {
            if (in.required() && !r.parameters().containsKey(in.name()))
                diags.error("Missing required input \"" + in.name() + "\"", "module " + m.ref() + " requires input \""
                        + in.name() + "\" (" + in.type() + ")" + (in.description().isEmpty() ? "" : ": " + in.description().replaceAll("\\.$", ""))
                        + ". Set it under spec.parameters.", paramsRange);
        }
        InputRuleChecker.check(r, m, typesOk, diags);
    }

    private static String describe(Value v) {
        if (v.isNull()) return "null";
        if (v instanceof dev.platctl.engine.value.StringValue s) return "string \"" + s.value() + "\"";
        if (v instanceof dev.platctl.engine.value.ListValue) return "a list";
        if (v instanceof dev.platctl.engine.value.ObjectValue) return "a mapping";
        return v.typeName() + " " + v;
    }
}
