package dev.platctl.engine.apply;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.graph.Dag;
import dev.platctl.engine.graph.NodeOutcome;
import dev.platctl.engine.graph.WalkListener;
import dev.platctl.engine.graph.WalkOptions;
import dev.platctl.engine.graph.WalkResult;
import dev.platctl.engine.graph.Walker;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.DesiredResource;
import dev.platctl.engine.plan.Expansion;
import dev.platctl.engine.plan.IgnoreChanges;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.ProposedValueMutator;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.plan.ResourceEvaluator;
import dev.platctl.engine.provider.ConfigurationFailures;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderConfigurationException;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.value.Marks;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.Value;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Carries out a plan: walks its changes in dependency order (deletes in reverse), in parallel, and
 * commits every finished step to state at once. Creates first record an intent so that a crash never
 * loses track of an object; values left unknown at plan time are computed from finished dependencies. A provider
 * call that fails with a retryable error is made again as {@link ApplyOptions#retry()} says; a create or delete made
 * again first checks whether the failed call did its work after all, so nothing is created twice.
 */
public final class Applier {
    private final Providers providers;
    private final ResourceEvaluator evaluator;
    private final Clock clock;
    private final ApplyListener listener;
    private final ProposedValueMutator mutator;
    private final PlannedValueCheck check;

    public Applier(Providers providers, ResourceEvaluator evaluator, ProposedValueMutator mutator, PlannedValueCheck check,
                   Clock clock, ApplyListener listener) {
        this.providers = providers;
        this.evaluator = evaluator;
        this.mutator = mutator;
        this.check = check;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Applies {@code plan}; {@code expansion} is the configuration the plan was made from (empty for a
     * destroy plan); {@code outside} holds the stored resources of unlocked stacks the plan's resources refer to.
     * The caller holds the locks and has checked the plan is not stale.
     */
    public ApplyResult apply(Plan plan, Optional<Expansion> expansion, Map<String, StackLock> locks,
                             Map<ResourceAddress, ResourceState> outside, ApplyOptions opts, String planHash) {
        Map<ResourceAddress, ResourceState> state = new ConcurrentHashMap<>();
        for (StackLock l : locks.values()) state.putAll(l.current().resources());
        Map<ResourceAddress, Value> values = new ConcurrentHashMap<>();
        outside.forEach((a, s) -> values.put(a, s.attributes()));
        state.forEach((a, s) -> values.put(a, s.attributes()));
        Map<ResourceAddress, ResourceChange> byAddress = new HashMap<>();
        for (ResourceChange c : plan.changes()) if (c.action() != Action.NO_OP) byAddress.put(c.address(), c);
        Dag<ResourceAddress> dag = graph(byAddress);
        Diagnostics diags = new Diagnostics();
        ConfigurationFailures unconfigured = new ConfigurationFailures();
        Map<ResourceAddress, Instant> started = new ConcurrentHashMap<>();
        WalkListener<ResourceAddress> wl = new WalkListener<>() {
            @Override
            public void nodeStarted(ResourceAddress a) {
                started.put(a, clock.instant());
                listener.started(byAddress.get(a));
            }

            @Override
            public void nodeFinished(ResourceAddress a, NodeOutcome outcome, Optional<Throwable> error) {
                ResourceChange c = byAddress.get(a);
                Duration took = Duration.between(started.getOrDefault(c.address(), clock.instant()), clock.instant());
                Optional<String> msg = error.map(e -> e.getMessage() == null ? e.toString() : e.getMessage());
                if (outcome == NodeOutcome.FAILED && msg.isEmpty()) msg = Optional.of("failed");
                if (error.isEmpty() || !unconfigured.record(a, error.get()))
                    msg.ifPresent(m -> diags.add(Diagnostic.error("Error applying " + c.address(), m, null)));
                listener.finished(c, took, msg);
            }

            @Override
            public void nodeSkipped(ResourceAddress a, ResourceAddress because) {
                listener.skipped(byAddress.get(a), because.toString());
            }
        };
        WalkOptions<ResourceAddress> wo = WalkOptions.<ResourceAddress>parallelism(opts.parallelism())
                .withGroups(a -> providers.providerOf(a.type()).orElse(""), perProvider(opts))
                .withListener(wl)
                .withCancellation(opts.cancellation());
        WalkResult<ResourceAddress> result = Walker.walk(dag, a -> {
            ResourceChange c = byAddress.get(a);
            ResourceSecrets secrets = new ResourceSecrets();
            try {
                step(c, expansion, locks.get(c.stack()), state, values, opts, secrets);
            } catch (RuntimeException e) {
                throw withoutSecrets(e, secrets.strings());
            }
            return NodeOutcome.SUCCEEDED;
        }, wo);
        unconfigured.report("applied", diags);
        Map<ResourceAddress, String> outcomes = new TreeMap<>();
        boolean cancelled = false;
        for (ResourceAddress a : dag.nodes()) {
            NodeOutcome o = result.outcome(a);
            outcomes.put(a, switch (o) {
                case SUCCEEDED -> "ok";
                case FAILED -> "failed";
                case SKIPPED -> "skipped";
                default -> "cancelled";
            });
            cancelled |= o == NodeOutcome.CANCELLED;
        }
        history(plan, locks, outcomes, result, opts, planHash);
        return new ApplyResult(outcomes, diags, cancelled || opts.cancellation().isCancelled());
    }

    private Map<String, Integer> perProvider(ApplyOptions opts) {
        Map<String, Integer> limits = new HashMap<>();
        for (var p : providers.all()) limits.put(p.name(), opts.perProviderParallelism());
        return limits;
    }

    /** Creates and updates wait for the changes of what they reference; deletes wait for their dependents' deletes. */
    static Dag<ResourceAddress> graph(Map<ResourceAddress, ResourceChange> byAddress) {
        Dag.Builder<ResourceAddress> b = Dag.builder();
        List<ResourceChange> ordered = new ArrayList<>(byAddress.values());
        ordered.sort((x, y) -> x.address().compareTo(y.address()));
        for (ResourceChange c : ordered) {
            b.addNode(c.address());
            for (ResourceAddress dep : c.dependencies()) {
                ResourceChange d = byAddress.get(dep);
                if (d == null) continue;
                if (c.action() == Action.DELETE && d.action() == Action.DELETE) b.addDependency(dep, c.address());
                else if (c.action() != Action.DELETE && d.action() != Action.DELETE) b.addDependency(c.address(), dep);
            }
        }
        return b.build();
    }

    /**
     * {@code e} with every secret of the resource taken out of its message, which is shown, logged and kept in the
     * state's history: an API may quote back what it was sent (a password it refuses, a Secret value an admission policy
     * names). The secrets are the sensitive strings ({@link Marks#sensitiveStrings}) of the resource's values, of its
     * request's inputs and of the resources it depends on, so a part of a value built from a sensitive input or another
     * resource's sensitive attribute (the password in a connection URL) is found too. When a secret is in the message
     * or any cause's, the causes are dropped, since they quote it too.
     */
    static RuntimeException withoutSecrets(RuntimeException e, Set<String> secrets) {
        if (secrets.isEmpty()) return e;
        boolean quoted = false;
        for (Throwable t = e; t != null && !quoted; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            quoted = m != null && secrets.stream().anyMatch(m::contains);
        }
        if (!quoted) return e;
        Optional<ProviderConfigurationException> unconfigured = ConfigurationFailures.cause(e);
        if (unconfigured.isPresent()) // still the provider's failure, told once for all its resources
            return new ProviderConfigurationException(unconfigured.get().provider(), scrubbed(unconfigured.get().problem(), secrets));
        return new PlatctlException(scrubbed(e.getMessage() == null ? e.toString() : e.getMessage(), secrets));
    }

    /** {@code text} with each of {@code secrets} replaced by {@code (sensitive value)}, the longest first. */
    static String scrubbed(String text, Set<String> secrets) {
        String out = text;
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList())
            out = out.replace(secret, "(sensitive value)");
        return out;
    }

    private void step(ResourceChange c, Optional<Expansion> expansion, StackLock lock,
                      Map<ResourceAddress, ResourceState> state, Map<ResourceAddress, Value> values, ApplyOptions opts,
                      ResourceSecrets secrets) {
        ResourceType rt = providers.resourceType(c.address().type())
                .orElseThrow(() -> new PlatctlException("no provider serves resource type " + c.address().type()));
        ResourceAddress a = c.address();
        Optional<ResourceState> prior = Optional.ofNullable(state.get(a));
        prior.ifPresent(p -> secrets.from(p.attributes()));
        String what = c.address().type() + " " + a;
        if (c.action() == Action.DELETE) {
            if (prior.isPresent()) call("destroy", what, () -> destroy(rt, c, prior.get(), opts, secrets));
            lock.remove(a);
            state.remove(a);
            values.remove(a);
            return;
        }
        DesiredResource d = expansion.flatMap(e -> e.find(a))
                .orElseThrow(() -> new PlatctlException("cannot apply " + a + ": it is no longer in the configuration; plan again"));
        secrets.from(evaluator.inputs(d.request(), d.module()));
        for (ResourceAddress dep : d.dependencies()) secrets.from(values.get(dep));
        Diagnostics evalDiags = new Diagnostics();
        ObjectValue evaluated = evaluator.evaluate(d, x -> Optional.ofNullable(values.get(x)), evalDiags);
        if (evalDiags.hasErrors())
            throw new PlatctlException("cannot evaluate " + a + ": " + evalDiags.errors().get(0));
        boolean replace = c.action().isReplace();
        ObjectValue proposed = mutator.mutate(d, c.before().isNull() ? evaluated : IgnoreChanges.apply(d.decl().lifecycle(), evaluated, c.before()),
                r -> { });
        secrets.from(proposed);
        Optional<ObjectValue> priorValue = replace ? Optional.empty() : prior.map(p -> refreshed(c, p.attributes()));
        PlanResult pr = call("plan", what, () -> rt.plan(priorValue, proposed));
        if (pr.diagnostics().hasErrors())
            throw new PlatctlException("cannot plan " + what + ": " + pr.diagnostics().errors().get(0));
        ObjectValue planned = pr.planned();
        secrets.from(planned);
        checkConsistent(c, planned);
        Optional<String> refused = check.refuse(d, c.action(), planned);
        if (refused.isPresent()) throw new PlatctlException("cannot apply " + a + ": " + refused.get());
        if (!replace && !pr.requiresReplace().isEmpty())
            throw new PlatctlException("cannot update " + what + ": it now needs replacing (" + pr.requiresReplace()
                    + " changed since the plan); plan again");
        ObjectValue result;
        if (c.action() == Action.UPDATE && prior.isPresent()) {
            ObjectValue current = priorValue.orElseThrow();
            result = call("update", what, () -> retried(c, "update", opts, secrets, () -> rt.update(Marks.unmarked(current), Marks.unmarked(planned))));
        } else {
            boolean createFirst = c.action() == Action.CREATE_THEN_DELETE && prior.isPresent();
            if (replace && prior.isPresent() && !createFirst) call("destroy", what, () -> destroy(rt, c, prior.get(), opts, secrets));
            String key = a.toString();
            ResourceState intent = new ResourceState(a, ResourceStatus.PENDING_CREATE, planned, d.dependencies(), key, d.module().ref());
            lock.put(intent);
            state.put(a, intent);
            try {
                result = create(rt, c, Marks.unmarked(planned), key, createFirst ? prior : Optional.empty(), opts, secrets);
            } catch (RuntimeException ex) {
                Optional<ObjectValue> found = Optional.empty();
                try {
                    found = rt.lookup(key, Marks.unmarked(planned));
                } catch (RuntimeException ignored) {
                    found = Optional.empty();
                }
                if (createFirst) {
                    lock.put(prior.get());
                    state.put(a, prior.get());
                } else if (found.isPresent()) {
                    ResourceState tainted = intent.withStatus(ResourceStatus.TAINTED).withAttributes(Marks.remark(planned, found.get()));
                    lock.put(tainted);
                    state.put(a, tainted);
                } else {
                    lock.remove(a);
                    state.remove(a);
                }
                throw failure("create", what, ex);
            }
            if (createFirst) deleteReplaced(rt, c, what, prior.get(), Marks.remark(planned, result), d, lock, state, opts, secrets);
        }
        ObjectValue marked = Marks.remark(planned, result);
        ResourceState done = new ResourceState(a, ResourceStatus.CREATED, marked, d.dependencies(), a.toString(), d.module().ref());
        lock.put(done);
        state.put(a, done);
        values.put(a, marked);
    }

    /**
     * Creates, and after a retryable failure looks the object up by its idempotency key before creating it again: the
     * failed call may have made it (the answer was lost, or a later step of the create was throttled). A found object
     * is adopted, and updated when it is not yet what was planned. {@code replaced} is the object a create_before_destroy
     * replaces: it carries the same key, so finding it is not finding the new one.
     */
    private ObjectValue create(ResourceType rt, ResourceChange c, ObjectValue planned, String key, Optional<ResourceState> replaced,
                               ApplyOptions opts, ResourceSecrets secrets) {
        AtomicBoolean first = new AtomicBoolean(true);
        Value replacedId = replaced.map(r -> r.attributes().getOrNull("id").unmarked()).orElse(Value.NULL);
        return retried(c, "create", opts, secrets, () -> {
            if (!first.getAndSet(false)) {
                Optional<ObjectValue> made = rt.lookup(key, planned)
                        .filter(m -> replacedId.isNull() || !replacedId.equals(m.getOrNull("id").unmarked()));
                if (made.isPresent()) {
                    listener.note(c.address() + ": the failed create made the object after all; adopting it instead of creating it again");
                    return differsFromPlan(made.get(), planned) ? rt.update(made.get(), planned) : made.get();
                }
            }
            return rt.create(planned, key);
        });
    }

    /** Whether a known planned attribute has another value in {@code found}. */
    private static boolean differsFromPlan(ObjectValue found, ObjectValue planned) {
        for (Map.Entry<String, Value> e : planned.attributes().entrySet())
            if (e.getValue().isWhollyKnown() && !e.getValue().unmarked().equals(found.getOrNull(e.getKey()).unmarked())) return true;
        return false;
    }

    /** Deletes; a delete made again after a retryable failure is skipped when the failed call deleted the object after all. */
    private Void destroy(ResourceType rt, ResourceChange c, ResourceState prior, ApplyOptions opts, ResourceSecrets secrets) {
        ObjectValue attrs = Marks.unmarked(prior.attributes());
        AtomicBoolean first = new AtomicBoolean(true);
        return retried(c, "destroy", opts, secrets, () -> {
            if (!first.getAndSet(false) && rt.read(attrs).isEmpty()) return null;
            rt.delete(attrs);
            return null;
        });
    }

    /** Runs {@code call} as the retry policy says; each retry is told without the resource's {@code secrets}. */
    private <T> T retried(ResourceChange c, String verb, ApplyOptions opts, ResourceSecrets secrets, Supplier<T> call) {
        return opts.retry().call(call, opts.cancellation()::isCancelled,
                (attempt, of, delay, cause) -> listener.retrying(c, verb, attempt, of, delay, scrubbed(ProviderException.reasonOf(cause), secrets.strings())));
    }

    /**
     * The object as the plan's refresh saw it (so an update repairs drift), falling back to state for
     * values a saved plan redacted (sensitive ones are never written to plan files).
     */
    static ObjectValue refreshed(ResourceChange c, ObjectValue stored) {
        if (!(c.before() instanceof ObjectValue before)) return stored;
        java.util.Map<String, Value> out = new java.util.TreeMap<>(before.attributes());
        before.attributes().forEach((k, v) -> {
            if (v instanceof SensitiveValue s && s.value().isNull() && stored.attributes().containsKey(k))
                out.put(k, stored.attributes().get(k));
        });
        return new ObjectValue(out);
    }

    /**
     * The second half of create_before_destroy: the new object is recorded first, so a failed delete of
     * the old one leaves state pointing at the object that is in use and names the one left behind.
     */
    private void deleteReplaced(ResourceType rt, ResourceChange c, String what, ResourceState old, ObjectValue created,
                                DesiredResource d, StackLock lock, Map<ResourceAddress, ResourceState> state, ApplyOptions opts,
                                ResourceSecrets secrets) {
        ResourceAddress a = c.address();
        ResourceState now = new ResourceState(a, ResourceStatus.CREATED, created, d.dependencies(), a.toString(), d.module().ref());
        lock.put(now);
        state.put(a, now);
        try {
            destroy(rt, c, old, opts, secrets);
        } catch (RuntimeException e) {
            throw new PlatctlException("cannot destroy the replaced " + what + " after creating its replacement: " + ProviderException.reasonOf(e)
                    + "; the old object " + Marks.unmarked(old.attributes()).getOrNull("id") + " is no longer tracked, delete it by hand", e);
        }
    }

    /** Known, non-sensitive planned values must not change between plan and apply. */
    private static void checkConsistent(ResourceChange c, ObjectValue planned) {
        if (!(c.after() instanceof ObjectValue after)) return;
        for (Map.Entry<String, Value> e : after.attributes().entrySet()) {
            Value was = e.getValue();
            if (!was.isWhollyKnown() || was.containsSensitive() || was instanceof SensitiveValue) continue;
            Value now = planned.getOrNull(e.getKey()).unmarked();
            if (!now.equals(was.unmarked()))
                throw new PlatctlException("cannot apply " + c.address() + ": attribute \"" + e.getKey() + "\" was planned as "
                        + was + " but is now " + (now.isWhollyKnown() ? now : Value.UNKNOWN)
                        + "; the configuration or a dependency changed since the plan. Plan again.");
        }
    }

    private interface Call<T> {
        T run();
    }

    /** Runs a provider call; a failure says what was being done to which address (see {@link #failure}). */
    private static <T> T call(String verb, String what, Call<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw failure(verb, what, e);
        }
    }

    /** A failed provider call, told as {@link ProviderException#told} says, with the failure as its cause. */
    static PlatctlException failure(String verb, String what, RuntimeException e) {
        String told = ProviderException.told(verb, what, e);
        if (e instanceof PlatctlException p && told.equals(p.getMessage())) return p;
        return new PlatctlException(told, e);
    }

    private void history(Plan plan, Map<String, StackLock> locks, Map<ResourceAddress, String> outcomes,
                         WalkResult<ResourceAddress> result, ApplyOptions opts, String planHash) {
        Map<String, List<HistoryEntry.Change>> perStack = new TreeMap<>();
        for (ResourceChange c : plan.changes()) {
            if (c.action() == Action.NO_OP) continue;
            String err = result.error(c.address()).map(Throwable::getMessage).orElse("");
            perStack.computeIfAbsent(c.stack(), k -> new ArrayList<>())
                    .add(new HistoryEntry.Change(c.address().toString(), c.action().name().toLowerCase(),
                            outcomes.getOrDefault(c.address(), "cancelled"), err));
        }
        perStack.forEach((stack, changes) -> {
            StackLock l = locks.get(stack);
            if (l != null)
                l.appendHistory(new HistoryEntry(l.current().serial() + 1, clock.instant(), opts.who(), opts.operation(), planHash, changes));
        });
    }
}
