package dev.platctl.engine.policy;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.apply.PlannedValueCheck;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.DesiredResource;
import dev.platctl.engine.plan.ProposedValueMutator;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.provider.ResourceSchema;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies a workspace's policies: mutations first ({@code defaults} fill unset attributes, {@code enforce}
 * imposes values) on each desired resource before its provider plans it, then validations (CEL rules) on
 * the planned changes. A broken {@code deny} rule is an error; {@code warn} and {@code dryrun} results are
 * recorded in the plan. During apply, the {@code deny} rules are checked again on each planned value, so
 * that a rule not decided at plan time is decided before the provider is called.
 */
public final class PolicyEngine implements ProposedValueMutator, PlannedValueCheck {
    private final List<Policy> policies;
    private final Providers providers;
    private final boolean allowDestroy;

    /** {@code allowDestroy} is what rules see as {@code allow_destroy}: the run was started with --allow-destroy. */
    public PolicyEngine(List<Policy> policies, Providers providers, boolean allowDestroy) {
        this.policies = List.copyOf(policies);
        this.providers = providers;
        this.allowDestroy = allowDestroy;
    }

    public PolicyEngine(List<Policy> policies, Providers providers) {
        this(policies, providers, false);
    }

    /**
     * Checks the policies against the provider schemas: a type in {@code match.types} must exist, and a
     * default or enforced attribute must be settable on every type the policy names.
     */
    public void checkSchemas(Diagnostics diags) {
        for (Policy p : policies) {
            for (String type : p.match().types()) {
                Optional<ResourceSchema> schema = providers.resourceType(type).map(ResourceType::schema);
                if (schema.isEmpty()) continue;
                List<PolicyValue> values = new ArrayList<>(p.defaults());
                values.addAll(p.enforced());
                for (PolicyValue v : values)
                    if (schema.get().attribute(v.attribute()).filter(a -> a.settable()).isEmpty())
                        diags.error("Unsupported attribute \"" + v.attribute() + "\" in policy \"" + p.name() + "\"",
                                "resource type " + type + " has no settable attribute \"" + v.attribute() + "\"."
                                        + dev.platctl.engine.diag.Suggestions.didYouMean(v.attribute(),
                                        schema.get().attributes().stream().filter(a -> a.settable()).map(a -> a.name()).toList()),
                                v.range());
            }
        }
    }

    @Override
    public ObjectValue mutate(DesiredResource d, ObjectValue proposed, Consumer<PolicyResult> report) {
        if (policies.isEmpty()) return proposed;
        return mutate(subject(d, proposed), d.address(), report);
    }

    /** {@code s}'s attributes with the defaults and enforced values of every matching policy applied, in policy order. */
    public ObjectValue mutate(PolicySubject s, ResourceAddress address, Consumer<PolicyResult> report) {
        Optional<ResourceSchema> schema = providers.resourceType(s.type()).map(ResourceType::schema);
        ObjectValue out = s.object();
        for (Policy p : policies) {
            if (!p.match().matches(s)) continue;
            for (PolicyValue v : p.defaults()) {
                if (!settable(schema, v.attribute()) || !out.getOrNull(v.attribute()).isNull()) continue;
                out = out.with(v.attribute(), v.value());
                report.accept(new PolicyResult(p.name(), p.enforcement(), address, PolicyResult.Outcome.DEFAULTED, v.attribute(),
                        "\"" + v.attribute() + "\" was unset; the policy's default is used"));
            }
            for (PolicyValue v : p.enforced()) {
                if (!settable(schema, v.attribute())) continue;
                Value was = out.getOrNull(v.attribute());
                out = out.with(v.attribute(), was.containsSensitive() ? v.value().sensitive() : v.value());
                if (!was.unmarked().equals(v.value().unmarked()))
                    report.accept(new PolicyResult(p.name(), p.enforcement(), address, PolicyResult.Outcome.ENFORCED, v.attribute(),
                            "\"" + v.attribute() + "\" is set by the policy, " + (was.isNull() ? "it was unset" : "replacing the module's value")));
            }
        }
        return out;
    }

    /**
     * Evaluates every rule of every matching policy against the planned changes. Broken {@code deny} rules
     * are added to {@code diags} as errors; every broken or undecided rule is returned as a result.
     */
    public List<PolicyResult> validate(Configuration cfg, List<ResourceChange> changes, Diagnostics diags) {
        List<PolicyResult> out = new ArrayList<>();
        if (policies.isEmpty()) return out;
        for (ResourceChange c : changes) {
            PolicySubject s = subject(cfg, c);
            for (Policy p : policies) {
                if (!p.match().matches(s)) continue;
                for (PolicyRule r : p.rules()) {
                    Verdict v = r.condition().evaluate(s);
                    if (v.kind() == Verdict.Kind.NOT_DECIDED) {
                        out.add(new PolicyResult(p.name(), p.enforcement(), c.address(), PolicyResult.Outcome.NOT_DECIDED, "", r.message()));
                    } else if (v.broken()) {
                        String message = message(r, v);
                        out.add(new PolicyResult(p.name(), p.enforcement(), c.address(), PolicyResult.Outcome.VIOLATED, "", message));
                        if (p.enforcement() == Enforcement.DENY)
                            diags.error("Policy \"" + p.name() + "\" denies " + c.address(), message + " (" + actionText(c.action())
                                    + " of " + c.address() + ")", r.condition().range());
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Optional<String> refuse(DesiredResource d, Action action, ObjectValue planned) {
        if (policies.isEmpty()) return Optional.empty();
        RequestConfig r = d.request();
        PolicySubject s = new PolicySubject(d.address().type(), planned, actionText(action), r.name(), r.team(), r.stack(), r.labels(),
                d.module().name(), d.module().version().toString(), allowDestroy);
        for (Policy p : policies) {
            if (p.enforcement() != Enforcement.DENY || !p.match().matches(s)) continue;
            for (PolicyRule rule : p.rules()) {
                Verdict v = rule.condition().evaluate(s);
                if (v.broken()) return Optional.of("policy \"" + p.name() + "\" denies it: " + message(rule, v));
            }
        }
        return Optional.empty();
    }

    /**
     * The outcome of each rule of each policy for one resource, in policy order; a policy that does not
     * match has no entry. For {@code platctl policy test} and tests.
     */
    public Map<String, List<Verdict>> evaluate(PolicySubject s) {
        Map<String, List<Verdict>> out = new java.util.LinkedHashMap<>();
        for (Policy p : policies) {
            if (!p.match().matches(s)) continue;
            List<Verdict> vs = new ArrayList<>();
            for (PolicyRule r : p.rules()) vs.add(r.condition().evaluate(s));
            out.put(p.name(), vs);
        }
        return out;
    }

    public List<Policy> policies() {
        return policies;
    }

    /** The rule's message, and why the condition could not be evaluated when it could not. */
    static String message(PolicyRule r, Verdict v) {
        return v.kind() == Verdict.Kind.ERROR ? r.message() + " (the condition could not be evaluated: " + v.detail() + ")" : r.message();
    }

    /** How rules name an action: create, update, replace, delete, no-op, read. */
    public static String actionText(Action a) {
        return switch (a) {
            case CREATE -> "create";
            case UPDATE -> "update";
            case DELETE_THEN_CREATE, CREATE_THEN_DELETE -> "replace";
            case DELETE -> "delete";
            case NO_OP -> "no-op";
            case READ -> "read";
        };
    }

    private static boolean settable(Optional<ResourceSchema> schema, String attribute) {
        return schema.isEmpty() || schema.get().attribute(attribute).filter(a -> a.settable()).isPresent();
    }

    private PolicySubject subject(DesiredResource d, ObjectValue proposed) {
        RequestConfig r = d.request();
        return new PolicySubject(d.address().type(), proposed, "", r.name(), r.team(), r.stack(), r.labels(),
                d.module().name(), d.module().version().toString(), allowDestroy);
    }

    /** A change's subject; a request removed from the configuration is known only by its address and stack. */
    private PolicySubject subject(Configuration cfg, ResourceChange c) {
        ResourceAddress a = c.address();
        ObjectValue object = (c.action() == Action.DELETE ? c.before() : c.after()) instanceof ObjectValue o ? o : ObjectValue.EMPTY;
        String ref = c.module();
        int at = ref.indexOf('@');
        String moduleName = at < 0 ? ref : ref.substring(0, at);
        String moduleVersion = at < 0 ? "" : ref.substring(at + 1);
        Optional<RequestConfig> r = cfg == null ? Optional.empty() : cfg.request(a.request());
        return new PolicySubject(a.type(), object, actionText(c.action()), a.request(), r.map(RequestConfig::team).orElse(c.stack()),
                c.stack(), r.map(RequestConfig::labels).orElse(Map.of()), moduleName, moduleVersion, allowDestroy);
    }
}
