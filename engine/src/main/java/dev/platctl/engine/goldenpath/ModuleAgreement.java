package dev.platctl.engine.goldenpath;

import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.ResourceDecl;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.expr.Functions;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.value.BoolValue;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that a golden path's GitHub steps say what its module does: where a step input is a plain value (no
 * {@code ${{ }}}) and the module writes the attribute it stands for as a plain value too (the platform enforces it),
 * the two must be equal, and the environments the {@code github:environment:create} steps name must be the ones the
 * module makes. So a template cannot promise an internal repository while the module makes a private one.
 */
public final class ModuleAgreement {
    /** What a repository step's input stands for: an attribute (a path into it) of the module's only resource of a type. */
    private record Target(String type, List<String> path) {
    }

    private static final Map<String, Target> REPOSITORY_INPUTS = new LinkedHashMap<>();

    static {
        REPOSITORY_INPUTS.put("repoVisibility", new Target("github_repository", List.of("visibility")));
        REPOSITORY_INPUTS.put("deleteBranchOnMerge", new Target("github_repository", List.of("delete_branch_on_merge")));
        REPOSITORY_INPUTS.put("allowMergeCommit", new Target("github_repository", List.of("allow_merge_commit")));
        REPOSITORY_INPUTS.put("allowSquashMerge", new Target("github_repository", List.of("allow_squash_merge")));
        REPOSITORY_INPUTS.put("allowRebaseMerge", new Target("github_repository", List.of("allow_rebase_merge")));
        REPOSITORY_INPUTS.put("description", new Target("github_repository", List.of("description")));
        REPOSITORY_INPUTS.put("topics", new Target("github_repository", List.of("topics")));
        REPOSITORY_INPUTS.put("defaultBranch", new Target("github_repository", List.of("default_branch")));
        REPOSITORY_INPUTS.put("requiredStatusCheckContexts", new Target("github_branch_protection", List.of("required_status_checks", "contexts")));
        REPOSITORY_INPUTS.put("requireBranchesToBeUpToDate", new Target("github_branch_protection", List.of("required_status_checks", "strict")));
        REPOSITORY_INPUTS.put("requiredApprovingReviewCount", new Target("github_branch_protection", List.of("required_approving_review_count")));
    }

    private static final Map<String, List<String>> ENVIRONMENT_INPUTS = Map.of(
            "waitTimer", List.of("wait_timer"), "deploymentBranchPolicy", List.of("deployment_branch_policy"));

    private ModuleAgreement() {
    }

    /** Every disagreement as an error at the step's input; what cannot be checked (the module has no such resource) as a warning. */
    public static void check(Template t, ModuleConfig m, Diagnostics d) {
        EvalContext ctx = new EvalContext(Map.of(), Functions.standard(m.dir()));
        List<TemplateStep> github = t.steps().stream().filter(s -> StepAction.of(s.action())
                .map(a -> a.publishes() || a == StepAction.GITHUB_ENVIRONMENT_CREATE).orElse(false)).toList();
        if (!github.isEmpty() && m.resources().stream().noneMatch(r -> r.type().startsWith("github_"))) {
            d.warning("Module " + m.ref() + " makes no GitHub resources", "so the template's GitHub steps ("
                    + String.join(", ", github.stream().map(TemplateStep::id).toList()) + ") are not checked against it.", github.get(0).range());
            return;
        }
        for (TemplateStep step : t.steps()) {
            Optional<StepAction> action = StepAction.of(step.action());
            if (action.isEmpty()) continue;
            if (action.get().publishes()) repositoryStep(step, m, ctx, d);
            if (action.get() == StepAction.GITHUB_ENVIRONMENT_CREATE) environmentStep(step, m, ctx, d);
        }
        environmentsNamed(t, m, ctx, d);
    }

    private static void repositoryStep(TemplateStep step, ModuleConfig m, EvalContext ctx, Diagnostics d) {
        Set<String> unchecked = new TreeSet<>(), missing = new TreeSet<>();
        for (Map.Entry<String, Value> in : step.input().attributes().entrySet()) {
            Target target = REPOSITORY_INPUTS.get(in.getKey());
            if (target == null || !plain(in.getValue())) continue;
            List<ResourceDecl> decls = of(m, target.type());
            if (decls.size() == 1) compare(step, in.getKey(), in.getValue(), m, decls.get(0), target.path(), ctx, d);
            else if (decls.isEmpty()) {
                unchecked.add(in.getKey());
                missing.add(target.type());
            }
        }
        if (!unchecked.isEmpty())
            d.warning("Step \"" + step.id() + "\" is not checked against module " + m.ref(), String.join(", ", unchecked) + " stand for attributes of "
                    + String.join(" and ", missing) + ", which the module does not make.", step.range());
        Value protect = step.input().getOrNull("protectDefaultBranch");
        if (protect instanceof BoolValue b && b.value() == of(m, "github_branch_protection").isEmpty())
            d.error("Step \"" + step.id() + "\" disagrees with module " + m.ref(), "protectDefaultBranch is " + b.value() + ", but the module makes "
                    + (b.value() ? "no github_branch_protection" : "a github_branch_protection") + ".", step.at("protectDefaultBranch"));
    }

    private static void environmentStep(TemplateStep step, ModuleConfig m, EvalContext ctx, Diagnostics d) {
        if (!(step.input().getOrNull("name") instanceof StringValue name) || !plain(name)) return;
        for (ResourceDecl env : of(m, "github_repository_environment")) {
            if (!literal(env, List.of("environment"), ctx).map(v -> same(v, name)).orElse(false)) continue;
            ENVIRONMENT_INPUTS.forEach((input, path) -> {
                Value v = step.input().getOrNull(input);
                if (!v.isNull()) compare(step, input, v, m, env, path, ctx, d);
            });
        }
    }

    /** The environments the steps name, both ways, where both sides are plain names. */
    private static void environmentsNamed(Template t, ModuleConfig m, EvalContext ctx, Diagnostics d) {
        List<TemplateStep> steps = t.steps().stream().filter(s -> s.action().equals(StepAction.GITHUB_ENVIRONMENT_CREATE.id())).toList();
        List<ResourceDecl> decls = of(m, "github_repository_environment");
        if (steps.isEmpty() && decls.isEmpty()) return;
        Set<String> named = new TreeSet<>();
        for (TemplateStep s : steps) {
            if (!(s.input().getOrNull("name") instanceof StringValue n) || !plain(n)) return;
            named.add(n.value());
        }
        Set<String> made = new TreeSet<>();
        for (ResourceDecl e : decls) {
            Optional<Value> v = literal(e, List.of("environment"), ctx);
            if (v.isEmpty() || !(v.get() instanceof StringValue n)) return;
            made.add(n.value());
        }
        for (TemplateStep s : steps) {
            String n = ((StringValue) s.input().getOrNull("name")).value();
            if (!made.contains(n))
                d.error("Step \"" + s.id() + "\" disagrees with module " + m.ref(), "it names the environment " + n + ", but the module makes "
                        + (made.isEmpty() ? "none" : String.join(", ", made)) + ".", s.at("name"));
        }
        for (String n : made)
            if (!named.contains(n))
                d.error("Module " + m.ref() + " makes an environment no step names", "the module makes the environment " + n
                        + "; add a github:environment:create step with name: " + n + " so the template says so.",
                        steps.isEmpty() ? t.steps().stream().findFirst().map(TemplateStep::range).orElse(null) : steps.get(steps.size() - 1).range());
    }

    private static void compare(TemplateStep step, String input, Value given, ModuleConfig m, ResourceDecl decl, List<String> path,
                                EvalContext ctx, Diagnostics d) {
        if (!plain(given)) return;
        Optional<Value> enforced = literal(decl, path, ctx);
        if (enforced.isEmpty() || same(enforced.get(), given)) return;
        d.error("Step \"" + step.id() + "\" disagrees with module " + m.ref(), step.action() + "'s " + input + " is " + show(given) + ", but the module makes "
                + decl.local() + " with " + String.join(".", path) + " = " + show(enforced.get()) + " (" + decl.range() + ")."
                + " The module is what platctl applies: make the template say the same.", step.at(input));
    }

    private static List<ResourceDecl> of(ModuleConfig m, String type) {
        return m.resources().stream().filter(r -> r.type().equals(type) && !r.repeated()).toList();
    }

    /** The attribute at {@code path} when the module writes it without reading inputs, the request or other resources. */
    private static Optional<Value> literal(ResourceDecl decl, List<String> path, EvalContext ctx) {
        Optional<Attribute> a = decl.attributes().stream().filter(x -> x.name().equals(path.get(0))).findFirst();
        if (a.isEmpty() || !Evaluator.references(a.get().expression()).isEmpty()) return Optional.empty();
        Value v = Evaluator.evaluate(a.get().expression(), ctx, new Diagnostics());
        for (String p : path.subList(1, path.size())) v = v instanceof ObjectValue o ? o.getOrNull(p) : Value.NULL;
        return v.isNull() || !v.isWhollyKnown() ? Optional.empty() : Optional.of(v);
    }

    /** A step value without template expressions. */
    private static boolean plain(Value v) {
        if (v instanceof StringValue s) return !s.value().contains("${{");
        if (v instanceof ListValue l) return l.items().stream().allMatch(ModuleAgreement::plain);
        if (v instanceof ObjectValue o) return o.attributes().values().stream().allMatch(ModuleAgreement::plain);
        return true;
    }

    private static boolean same(Value a, Value b) {
        if (a instanceof NumberValue x && b instanceof NumberValue y) return x.value().compareTo(y.value()) == 0;
        if (a instanceof ListValue x && b instanceof ListValue y) {
            if (x.items().size() != y.items().size()) return false;
            for (int i = 0; i < x.items().size(); i++) if (!same(x.items().get(i), y.items().get(i))) return false;
            return true;
        }
        if (a instanceof ObjectValue x && b instanceof ObjectValue y) {
            if (!x.attributes().keySet().equals(y.attributes().keySet())) return false;
            return x.attributes().keySet().stream().allMatch(k -> same(x.getOrNull(k), y.getOrNull(k)));
        }
        return a.unmarked().equals(b.unmarked());
    }

    private static String show(Value v) {
        if (v instanceof StringValue s) return "\"" + s.value() + "\"";
        if (v instanceof ListValue l) {
            List<String> items = new ArrayList<>();
            l.items().forEach(i -> items.add(show(i)));
            return "[" + String.join(", ", items) + "]";
        }
        return v.toString();
    }
}
