package dev.platctl.engine.provider;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The resources a run could not plan, read or apply because their provider could not be configured
 * ({@link ProviderConfigurationException}): collected while the run goes on, then told once per provider and problem,
 * with how many resources of which requests needed the provider, instead of the same error once per resource.
 * Thread-safe: refresh and apply record from their workers.
 */
public final class ConfigurationFailures {
    /** Requests named in one error at most; the rest are counted. */
    static final int REQUESTS_SHOWN = 10;

    /** By provider and message, so that the errors come out in the same order however the workers ran. */
    private final Map<String, Problem> problems = new TreeMap<>();

    private record Problem(ProviderConfigurationException failure, SortedSet<ResourceAddress> addresses) {
    }

    /** The configuration failure behind {@code failure}: itself, or one of its causes (a provider may wrap it). */
    public static Optional<ProviderConfigurationException> cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause())
            if (t instanceof ProviderConfigurationException c) return Optional.of(c);
        return Optional.empty();
    }

    /**
     * Records that {@code address} failed with {@code failure} when that is a configuration failure; false, and nothing
     * recorded, when it is not (the caller tells it as the resource's own failure).
     */
    public synchronized boolean record(ResourceAddress address, Throwable failure) {
        Optional<ProviderConfigurationException> c = cause(failure);
        if (c.isEmpty()) return false;
        problems.computeIfAbsent(c.get().provider() + "\0" + c.get().getMessage(), k -> new Problem(c.get(), new TreeSet<>()))
                .addresses().add(address);
        return true;
    }

    public synchronized boolean isEmpty() {
        return problems.isEmpty();
    }

    /**
     * Adds one error per provider and problem: {@code Cannot configure provider "<name>"}, the problem, and how many
     * resources of which requests needed it and could not be {@code notDone} ("planned", "read", "applied").
     */
    public synchronized void report(String notDone, Diagnostics diags) {
        for (Problem p : problems.values())
            diags.error("Cannot configure provider \"" + p.failure().provider() + "\"",
                    sentence(p.failure().problem()) + " " + needs(p.addresses(), notDone), null);
    }

    private static String needs(SortedSet<ResourceAddress> addresses, String notDone) {
        if (addresses.size() == 1)
            return "The resource " + addresses.first() + " needs it and could not be " + notDone + ".";
        Map<String, Integer> perRequest = new TreeMap<>();
        for (ResourceAddress a : addresses) perRequest.merge(a.request(), 1, Integer::sum);
        List<String> shown = new ArrayList<>();
        perRequest.forEach((request, n) -> {
            if (shown.size() < REQUESTS_SHOWN) shown.add(request + " (" + n + ")");
        });
        int more = perRequest.size() - shown.size();
        return addresses.size() + " resources need it and could not be " + notDone + ", of request"
                + (perRequest.size() == 1 ? " " : "s ") + String.join(", ", shown)
                + (more > 0 ? " and " + more + " more request" + (more == 1 ? "" : "s") : "") + ".";
    }

    private static String sentence(String text) {
        String t = text.strip();
        if (t.isEmpty()) return t;
        char last = t.charAt(t.length() - 1);
        String ended = last == '.' || last == '!' || last == '?' ? t : t + ".";
        return Character.toUpperCase(ended.charAt(0)) + ended.substring(1);
    }
}
