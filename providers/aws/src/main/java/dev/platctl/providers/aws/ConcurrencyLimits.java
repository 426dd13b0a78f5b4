package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The checked {@code max_concurrent_requests} setting: how many calls may be in flight at once to each service. */
record ConcurrencyLimits(int defaultLimit, Map<String, Integer> byService) {
    /** Enough for a big apply to go fast, few enough that one service's rate limit is rarely hit. */
    static final int DEFAULT = 16;
    static final int MAX = 256;
    static final ConcurrencyLimits NONE_SET = new ConcurrencyLimits(DEFAULT, Map.of());

    ConcurrencyLimits {
        byService = Map.copyOf(byService);
    }

    /** The limit of {@code service}: its own, else the default. */
    int limitFor(String service) {
        return byService.getOrDefault(service, defaultLimit);
    }

    /** Parses the map; problems are added to {@code diags} and the default used instead. */
    static ConcurrencyLimits parse(Value value, Set<String> services, Diagnostics diags) {
        Value v = value.unmarked();
        if (v.isNull()) return NONE_SET;
        if (!(v instanceof ObjectValue o) || !o.isWhollyKnown()) {
            diags.add(error("max_concurrent_requests", "needs max_concurrent_requests to be a known map such as { default = 16, rds = 2 }"));
            return NONE_SET;
        }
        int dflt = DEFAULT;
        Map<String, Integer> byService = new TreeMap<>();
        for (var e : o.attributes().entrySet()) {
            String key = e.getKey();
            if (!key.equals("default") && !services.contains(key)) {
                diags.add(Diagnostic.error("Unknown service in \"max_concurrent_requests\"", "provider \"aws\" knows default and the services "
                        + services.stream().sorted().collect(Collectors.joining(", ")) + ", got \"" + key + "\"."));
                continue;
            }
            if (!(e.getValue().unmarked() instanceof NumberValue n && n.isInteger() && n.value().longValue() >= 1
                    && n.value().longValue() <= MAX)) {
                diags.add(error("max_concurrent_requests." + key, "needs max_concurrent_requests." + key
                        + " to be a whole number from 1 to " + MAX + ", got " + e.getValue().typeName() + " " + e.getValue()));
                continue;
            }
            if (key.equals("default")) dflt = n.value().intValue();
            else byService.put(key, n.value().intValue());
        }
        return new ConcurrencyLimits(dflt, byService);
    }

    private static Diagnostic error(String name, String detail) {
        return Diagnostic.error("Invalid value for \"" + name + "\"", "provider \"aws\" " + detail + ".");
    }
}
