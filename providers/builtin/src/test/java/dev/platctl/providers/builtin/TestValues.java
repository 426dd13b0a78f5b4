package dev.platctl.providers.builtin;

import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Short ways to build the objects and contexts the provider tests need. */
final class TestValues {
    private TestValues() {
    }

    /** An object from alternating keys and values; plain strings, ints and booleans are converted. */
    static ObjectValue obj(Object... kv) {
        Map<String, Value> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], value(kv[i + 1]));
        return new ObjectValue(m);
    }

    static Value value(Object o) {
        if (o instanceof Value v) return v;
        if (o instanceof String s) return Value.of(s);
        if (o instanceof Integer n) return Value.of(n);
        if (o instanceof Boolean b) return Value.of(b);
        if (o == null) return Value.NULL;
        throw new IllegalArgumentException("no value for " + o);
    }

    /** A context whose random source starts from the same seed on every call, so results repeat. */
    static ProviderContext context(Path workspaceDir, long seed) {
        return new ProviderContext(workspaceDir, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                () -> new SplittableRandom(seed), Map.of());
    }
}
