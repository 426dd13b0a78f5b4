package dev.platctl.engine.policy;

import dev.cel.runtime.CelAttributePattern;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import dev.cel.runtime.PartialVars;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compiled CEL condition of a rule, evaluated against one resource at a time. Programs are immutable,
 * so one condition may be evaluated from several threads.
 */
public final class Condition {
    private final String text;
    private final SourceRange range;
    private final CelRuntime.Program program;

    Condition(String text, SourceRange range, CelRuntime.Program program) {
        this.text = text;
        this.range = range;
        this.program = program;
    }

    /** The CEL text as written. */
    public String text() {
        return text;
    }

    /** Where the condition is written in its policy file. */
    public SourceRange range() {
        return range;
    }

    public Verdict evaluate(PolicySubject s) {
        List<CelAttributePattern> unknowns = new ArrayList<>();
        Map<String, Object> vars = new HashMap<>();
        vars.put("object", CelValues.toCel(s.object(), CelAttributePattern.create("object"), unknowns));
        vars.put("action", s.action());
        vars.put("type", s.type());
        vars.put("allow_destroy", s.allowDestroy());
        Map<String, Value> labels = new TreeMap<>();
        s.labels().forEach((k, v) -> labels.put(k, new StringValue(v)));
        vars.put("request", CelValues.toCel(new ObjectValue(Map.of("name", Value.of(s.requestName()), "team", Value.of(s.team()),
                "stack", Value.of(s.stack()), "labels", new ObjectValue(labels))), CelAttributePattern.create("request"), unknowns));
        vars.put("module", Map.of("name", s.moduleName(), "version", s.moduleVersion()));
        Object result;
        try {
            result = unknowns.isEmpty() ? program.eval(vars) : program.eval(PartialVars.of(vars, unknowns.toArray(CelAttributePattern[]::new)));
        } catch (CelEvaluationException e) {
            return Verdict.error(message(e));
        }
        if (result instanceof CelUnknownSet) return Verdict.NOT_DECIDED;
        if (result instanceof Boolean b) return b ? Verdict.HOLDS : Verdict.VIOLATED;
        return Verdict.error("the condition gave " + (result == null ? "null" : result.getClass().getSimpleName()) + ", not a bool");
    }

    /** CEL's message without its position prefix ({@code evaluation error at <input>:6: }), which means nothing to the reader. */
    static String message(CelEvaluationException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int at = m.indexOf("<input>:");
        if (at >= 0) {
            int colon = m.indexOf(": ", at);
            if (colon > 0) m = m.substring(colon + 2);
        }
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }
}
