package dev.platctl.engine.importing;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.plan.DesiredResource;
import dev.platctl.engine.plan.Expansion;
import dev.platctl.engine.plan.ResourceEvaluator;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.retry.RetryPolicy;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Brings an object made outside platctl under management at an address of the configuration: checks the address
 * (declared, not in state yet), reads the object from its provider by id and records it in the address's stack under
 * that stack's lock, with a history entry, so the next plan compares the configuration with the real object instead
 * of creating a second one.
 */
public final class Importer {
    private final Providers providers;
    private final StateStore store;
    private final RetryPolicy retry;
    private final Clock clock;

    public Importer(Providers providers, StateStore store, RetryPolicy retry, Clock clock) {
        this.providers = providers;
        this.store = store;
        this.retry = retry;
        this.clock = clock;
    }

    /**
     * Imports the object {@code id} to {@code address}. What the user got wrong (a malformed or undeclared address, one
     * already managed, an empty id) is reported all at once as a {@link DiagnosticsException}; a held lock, an object
     * that does not exist and provider failures are exceptions naming what was being imported.
     */
    public ImportResult importResource(Expansion exp, String address, String id, LockInfo who, Duration lockWait) {
        Diagnostics diags = new Diagnostics();
        ResourceAddress a;
        try {
            a = ResourceAddress.parse(address);
        } catch (IllegalArgumentException e) {
            diags.error("Invalid resource address", e.getMessage() + ". Addresses are printed by 'platctl plan' and 'platctl state list'.", null);
            throw new DiagnosticsException(diags);
        }
        Optional<DesiredResource> desired = exp.find(a);
        if (desired.isEmpty())
            diags.error("Resource not in the configuration", "no resource " + a + " in the configuration." + suggestion(a, exp)
                    + " Import needs a resource block for the object to belong to: declare it in a request's module first.", null);
        else if (providers.resourceType(a.type()).isEmpty())
            diags.error("Resource type not served", "no installed provider serves resource type " + a.type() + ".", null);
        findInState(a).ifPresent(stack -> diags.error("Resource already managed", a + " is already in the state of stack '" + stack
                + "'. Importing would track a second object at the same address; run `platctl state rm " + a + "` first"
                + " to forget the one recorded there (the object itself is left alone).", null));
        if (id.isBlank())
            diags.error("Empty import id", "the import id must name the object, e.g. a bucket name or a queue URL"
                    + " (the provider's section of the README lists the id each type takes).", null);
        if (diags.hasErrors()) throw new DiagnosticsException(diags);

        DesiredResource d = desired.get();
        ResourceType rt = providers.resourceType(a.type()).orElseThrow();
        String what = a.type() + " " + a;
        try (StackLock lock = store.lock(d.stack(), who, lockWait)) {
            if (lock.current().resources().containsKey(a))
                throw new PlatctlException("cannot import " + what + ": it was added to stack '" + d.stack()
                        + "' by another run meanwhile; run `platctl state rm " + a + "` first to replace it");
            ObjectValue read = read(rt, what, id)
                    .orElseThrow(() -> new PlatctlException("cannot import " + what + ": no object with id \"" + id + "\" exists"
                            + " (the README's section on its provider says which id " + a.type() + " takes)"));
            ObjectValue marked = marked(rt, evaluatedMarks(d), read);
            ResourceState state = new ResourceState(a, ResourceStatus.CREATED, marked, d.dependencies(), a.toString(), d.module().ref());
            lock.put(state);
            long serial = lock.current().serial() + 1;
            lock.appendHistory(new HistoryEntry(serial, clock.instant(), who.who(), "import", "",
                    List.of(new HistoryEntry.Change(a.toString(), "import", "ok", ""))));
            return new ImportResult(d.stack(), state, id, isSecret(marked, id), lock.current().serial());
        }
    }

    private Optional<ObjectValue> read(ResourceType rt, String what, String id) {
        try {
            return retry.call(() -> rt.importState(id), () -> Thread.currentThread().isInterrupted(), RetryPolicy.Listener.NONE);
        } catch (RuntimeException e) {
            throw new PlatctlException(ProviderException.told("import", what, e), e);
        }
    }

    /** The stack whose state holds {@code a}, if any. */
    private Optional<String> findInState(ResourceAddress a) {
        for (String stack : store.stacks())
            if (store.read(stack).resources().containsKey(a)) return Optional.of(stack);
        return Optional.empty();
    }

    /**
     * The configuration's values for the resource, evaluated only for their sensitive marks: a value the module
     * passes from a sensitive input stays sensitive in state even where the type's schema does not mark it.
     */
    private Map<String, Boolean> evaluatedMarks(DesiredResource d) {
        Map<ResourceAddress, Value> stored = new HashMap<>();
        for (ResourceAddress dep : d.dependencies())
            for (String stack : store.stacks()) {
                ResourceState rs = store.read(stack).resources().get(dep);
                if (rs != null) stored.put(dep, rs.attributes());
            }
        ObjectValue evaluated = new ResourceEvaluator().evaluate(d, x -> Optional.ofNullable(stored.get(x)), new Diagnostics());
        Map<String, Boolean> out = new TreeMap<>();
        evaluated.attributes().forEach((k, v) -> out.put(k, v.containsSensitive()));
        return out;
    }

    /** The imported values with every attribute marked sensitive that the schema or the configuration marks. */
    static ObjectValue marked(ResourceType rt, Map<String, Boolean> configured, ObjectValue imported) {
        Map<String, Value> out = new TreeMap<>();
        imported.attributes().forEach((k, v) -> {
            boolean sensitive = rt.schema().attribute(k).map(AttributeSchema::sensitive).orElse(false)
                    || configured.getOrDefault(k, false);
            out.put(k, sensitive && !v.isNull() && !v.containsSensitive() ? v.sensitive() : v);
        });
        return new ObjectValue(out);
    }

    /** Whether {@code id} is the value of a sensitive attribute, so printing it would print the secret. */
    static boolean isSecret(ObjectValue marked, String id) {
        for (Value v : marked.attributes().values())
            if (v.containsSensitive() && v.unmarked().equals(Value.of(id))) return true;
        return false;
    }

    /** " Did you mean ...?" naming the closest declared address, or the instances of a resource written without its key. */
    private static String suggestion(ResourceAddress a, Expansion exp) {
        List<String> instances = exp.resources().keySet().stream()
                .filter(x -> x.request().equals(a.request()) && x.type().equals(a.type()) && x.name().equals(a.name()))
                .sorted().map(ResourceAddress::toString).toList();
        if (!instances.isEmpty())
            return " It has " + (instances.size() == 1 ? "one instance" : instances.size() + " instances") + ": "
                    + String.join(", ", instances.subList(0, Math.min(5, instances.size()))) + (instances.size() > 5 ? ", ..." : "") + ".";
        List<String> all = exp.resources().keySet().stream().sorted().map(ResourceAddress::toString).toList();
        return Suggestions.closest(a.toString(), all).map(c -> " Did you mean " + c + "?").orElse("");
    }
}
