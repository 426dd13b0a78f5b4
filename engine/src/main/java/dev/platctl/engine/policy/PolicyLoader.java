package dev.platctl.engine.policy;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.expr.Functions;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Body;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.hcl.HclParser;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads policy files ({@code policies/*.hcl}): every mistake is a diagnostic at its file and line, and
 * every rule's condition is compiled once here, so a CEL error is found before anything is planned.
 */
public final class PolicyLoader {
    static final List<String> POLICY_ARGUMENTS = List.of("description", "enforcement");
    static final List<String> POLICY_BLOCKS = List.of("match", "defaults", "enforce", "rule");
    static final List<String> MATCH_ARGUMENTS = List.of("types", "modules", "teams", "labels");
    static final List<String> RULE_ARGUMENTS = List.of("condition", "message");

    private final ConditionCompiler cel;
    private final Functions functions;
    private final Diagnostics diags;
    private final Map<String, Policy> byName = new LinkedHashMap<>();
    private String[] lines = new String[0];

    public PolicyLoader(ConditionCompiler cel, Functions functions, Diagnostics diags) {
        this.cel = cel;
        this.functions = functions;
        this.diags = diags;
    }

    /** Every policy read so far, in file order. */
    public List<Policy> policies() {
        return List.copyOf(byName.values());
    }

    /** Reads one policy file; {@code file} is its path relative to the workspace. */
    public void read(String file, String text) {
        lines = text.split("\n", -1);
        HclParser.ParseResult parsed = HclParser.parse(file, text);
        diags.addAll(parsed.diagnostics());
        if (parsed.diagnostics().hasErrors()) return;
        Body body = parsed.body();
        for (Attribute a : body.attributes())
            diags.error("Unexpected attribute \"" + a.name() + "\"", "a policy file holds policy \"name\" { ... } blocks.", a.nameRange());
        for (Block b : body.blocks()) {
            if (!b.type().equals("policy")) {
                diags.error("Unsupported block type \"" + b.type() + "\"", "a policy file holds policy \"name\" { ... } blocks."
                        + Suggestions.didYouMean(b.type(), List.of("policy")), b.typeRange());
                continue;
            }
            if (b.labels().size() != 1 || b.labels().get(0).isBlank()) {
                diags.error("Wrong number of labels on policy block", "expected 1 label, the policy's name, e.g. policy \"s3-encrypted\" { ... }.",
                        b.typeRange());
                continue;
            }
            policy(b).ifPresent(p -> {
                Policy first = byName.putIfAbsent(p.name(), p);
                if (first != null)
                    diags.error("Duplicate policy \"" + p.name() + "\"", "policy names are unique in a workspace; \"" + p.name()
                            + "\" is also defined in " + first.file() + " line " + first.range().start().line() + ".", b.labelRanges().get(0));
            });
        }
    }

    private Optional<Policy> policy(Block b) {
        int errors = diags.errors().size();
        String name = b.labels().get(0);
        String description = "";
        Enforcement enforcement = Enforcement.DENY;
        for (Attribute a : b.body().attributes()) {
            switch (a.name()) {
                case "description" -> description = string(a, "description").orElse("");
                case "enforcement" -> {
                    Optional<String> text = string(a, "enforcement");
                    if (text.isEmpty()) continue;
                    Optional<Enforcement> e = Enforcement.parse(text.get());
                    if (e.isPresent()) enforcement = e.get();
                    else diags.error("Invalid enforcement \"" + text.get() + "\"", "enforcement is one of " + String.join(", ", Enforcement.NAMES)
                            + "." + Suggestions.didYouMean(text.get(), Enforcement.NAMES), a.expression().range());
                }
                default -> diags.error("Unsupported argument \"" + a.name() + "\" in policy", "a policy block takes: "
                        + String.join(", ", POLICY_ARGUMENTS) + " and the blocks " + String.join(", ", POLICY_BLOCKS) + "."
                        + Suggestions.didYouMean(a.name(), concat(POLICY_ARGUMENTS, POLICY_BLOCKS)), a.nameRange());
            }
        }
        PolicyMatch match = PolicyMatch.ALL;
        List<PolicyValue> defaults = new ArrayList<>();
        List<PolicyValue> enforced = new ArrayList<>();
        List<PolicyRule> rules = new ArrayList<>();
        Map<String, Block> seen = new HashMap<>();
        for (Block nb : b.body().blocks()) {
            if (!POLICY_BLOCKS.contains(nb.type())) {
                diags.error("Unsupported block type \"" + nb.type() + "\" in policy", "a policy block takes the blocks "
                        + String.join(", ", POLICY_BLOCKS) + "." + Suggestions.didYouMean(nb.type(), POLICY_BLOCKS), nb.typeRange());
                continue;
            }
            if (!nb.labels().isEmpty()) {
                diags.error("Unexpected label on " + nb.type() + " block", "a " + nb.type() + " block has no labels.", nb.labelRanges().get(0));
                continue;
            }
            if (!nb.type().equals("rule")) {
                Block first = seen.putIfAbsent(nb.type(), nb);
                if (first != null) {
                    diags.error("Duplicate " + nb.type() + " block", "a policy has at most one " + nb.type() + " block; the first is on line "
                            + first.range().start().line() + ".", nb.typeRange());
                    continue;
                }
            }
            switch (nb.type()) {
                case "match" -> match = match(nb);
                case "defaults" -> defaults.addAll(values(nb));
                case "enforce" -> enforced.addAll(values(nb));
                default -> rule(nb).ifPresent(rules::add);
            }
        }
        for (PolicyValue e : enforced)
            for (PolicyValue d : defaults)
                if (d.attribute().equals(e.attribute()))
                    diags.error("Attribute both defaulted and enforced", "\"" + e.attribute() + "\" is set in both defaults (line "
                            + d.range().start().line() + ") and enforce of policy \"" + name + "\"; keep one.", e.range());
        if (diags.errors().size() > errors) return Optional.empty();
        return Optional.of(new Policy(name, description, enforcement, match, defaults, enforced, rules, b.range()));
    }

    private PolicyMatch match(Block b) {
        noBlocks(b);
        List<String> types = List.of(), modules = List.of(), teams = List.of();
        Map<String, String> labels = Map.of();
        for (Attribute a : b.body().attributes()) {
            switch (a.name()) {
                case "types" -> types = strings(a);
                case "modules" -> modules = strings(a);
                case "teams" -> teams = strings(a);
                case "labels" -> labels = labels(a);
                default -> diags.error("Unsupported argument \"" + a.name() + "\" in match", "a match block takes: "
                        + String.join(", ", MATCH_ARGUMENTS) + "." + Suggestions.didYouMean(a.name(), MATCH_ARGUMENTS), a.nameRange());
            }
        }
        return new PolicyMatch(types, modules, teams, labels);
    }

    private List<PolicyValue> values(Block b) {
        noBlocks(b);
        List<PolicyValue> out = new ArrayList<>();
        for (Attribute a : b.body().attributes()) {
            Diagnostics local = new Diagnostics();
            Value v = evaluate(a.expression(), local);
            diags.addAll(local);
            if (!local.hasErrors()) out.add(new PolicyValue(a.name(), v, a.nameRange()));
        }
        return out;
    }

    private Optional<PolicyRule> rule(Block b) {
        noBlocks(b);
        Optional<Attribute> condition = Optional.empty();
        Optional<String> message = Optional.empty();
        for (Attribute a : b.body().attributes()) {
            switch (a.name()) {
                case "condition" -> condition = Optional.of(a);
                case "message" -> message = string(a, "message");
                default -> diags.error("Unsupported argument \"" + a.name() + "\" in rule", "a rule block takes: "
                        + String.join(", ", RULE_ARGUMENTS) + "." + Suggestions.didYouMean(a.name(), RULE_ARGUMENTS), a.nameRange());
            }
        }
        if (condition.isEmpty())
            diags.error("Missing condition in rule", "a rule needs condition = \"<CEL expression>\", true for the resources that comply.", b.typeRange());
        if (message.isEmpty() && b.body().attribute("message").isEmpty())
            diags.error("Missing message in rule", "a rule needs message = \"...\", shown when its condition is false.", b.typeRange());
        if (condition.isEmpty() || message.isEmpty()) return Optional.empty();
        Attribute c = condition.get();
        Optional<String> text = string(c, "condition");
        if (text.isEmpty()) return Optional.empty();
        String shown = message.get();
        return cel.compile(text.get(), c.expression().range(), contentStart(c.expression()), diags)
                .map(cond -> new PolicyRule(cond, shown, b.typeRange()));
    }

    /**
     * Where the text of a string expression begins: after the opening quote, or on the line after a
     * heredoc's marker, past the indentation {@code <<-} removes.
     */
    private SourcePos contentStart(Expression e) {
        SourcePos s = e.range().start();
        if (e.range().end().line() == s.line()) return new SourcePos(s.line(), s.column() + 1, s.offset() + 1);
        boolean flush = s.line() <= lines.length && lines[s.line() - 1].substring(Math.min(s.column() - 1, lines[s.line() - 1].length())).startsWith("<<-");
        int strip = Integer.MAX_VALUE;
        for (int l = s.line() + 1; flush && l < e.range().end().line() && l <= lines.length; l++) {
            String line = lines[l - 1];
            if (line.isBlank()) continue;
            int indent = 0;
            while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) indent++;
            strip = Math.min(strip, indent);
        }
        return new SourcePos(s.line() + 1, (flush && strip != Integer.MAX_VALUE ? strip : 0) + 1, s.offset());
    }

    private void noBlocks(Block b) {
        for (Block nb : b.body().blocks())
            diags.error("Unexpected block \"" + nb.type() + "\" in " + b.type(), "a " + b.type() + " block takes attributes only"
                    + (b.type().equals("rule") || b.type().equals("match") ? "." : "; write an object as attr = { ... }."), nb.typeRange());
    }

    private Value evaluate(Expression e, Diagnostics d) {
        return Evaluator.evaluate(e, new EvalContext(Map.of(), functions), d);
    }

    private Optional<String> string(Attribute a, String what) {
        Diagnostics local = new Diagnostics();
        Value v = evaluate(a.expression(), local);
        diags.addAll(local);
        if (local.hasErrors()) return Optional.empty();
        if (v instanceof StringValue s) return Optional.of(s.value());
        diags.error("Invalid value for \"" + what + "\"", "expected a string, got " + v.typeName() + ".", a.expression().range());
        return Optional.empty();
    }

    private List<String> strings(Attribute a) {
        Diagnostics local = new Diagnostics();
        Value v = evaluate(a.expression(), local);
        diags.addAll(local);
        if (local.hasErrors()) return List.of();
        if (v instanceof StringValue s) return List.of(s.value());
        List<String> out = new ArrayList<>();
        if (v instanceof ListValue l && l.items().stream().allMatch(x -> x instanceof StringValue)) {
            for (Value x : l.items()) out.add(((StringValue) x).value());
            return out;
        }
        diags.error("Invalid value for \"" + a.name() + "\"", "expected a list of strings, e.g. " + a.name() + " = [\"a\", \"b\"].",
                a.expression().range());
        return List.of();
    }

    private Map<String, String> labels(Attribute a) {
        Diagnostics local = new Diagnostics();
        Value v = evaluate(a.expression(), local);
        diags.addAll(local);
        if (local.hasErrors()) return Map.of();
        Map<String, String> out = new TreeMap<>();
        if (v instanceof ObjectValue o && o.attributes().values().stream().allMatch(x -> x instanceof StringValue)) {
            o.attributes().forEach((k, x) -> out.put(k, ((StringValue) x).value()));
            return out;
        }
        diags.error("Invalid value for \"labels\"", "expected a map of strings, e.g. labels = { tier = \"prod\" }.", a.expression().range());
        return Map.of();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
