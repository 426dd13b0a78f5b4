package dev.platctl.providers.github;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds providers pointed at the fake, with a sleeper that records rate-limit waits, and the values tests pass through the SPI. */
final class GitHubTesting {
    static final String ORG = "acme";

    private GitHubTesting() {
    }

    /** Records the waits the client asks for instead of spending them. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    static GitHubProvider provider(FakeGitHub fake, RecordingSleeper sleeper) {
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_TOKEN", FakeGitHub.TOKEN),
                Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC), sleeper);
        Diagnostics d = p.configure(obj("owner", ORG, "base_url", fake.baseUrl()));
        assertFalse(d.hasErrors(), d::toString);
        return p;
    }

    static ResourceType type(GitHubProvider p, String name) {
        return p.resourceType(name).orElseThrow();
    }

    /** An object from name/value pairs; Java strings, numbers, booleans, lists and maps become values. */
    static ObjectValue obj(Object... pairs) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], value(pairs[i + 1]));
        return Value.object(m);
    }

    @SuppressWarnings("unchecked")
    static Value value(Object o) {
        if (o == null) return Value.NULL;
        if (o instanceof Value v) return v;
        if (o instanceof String s) return Value.of(s);
        if (o instanceof Integer n) return Value.of(n.longValue());
        if (o instanceof Long n) return Value.of(n);
        if (o instanceof Boolean b) return Value.of(b);
        if (o instanceof List<?> l) return Value.list(l.stream().map(GitHubTesting::value).toList());
        if (o instanceof Map<?, ?> m) {
            Map<String, Value> out = new TreeMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, value(v)));
            return new ObjectValue(out);
        }
        throw new IllegalArgumentException("no value for " + o);
    }

    static ObjectValue create(ResourceType t, ObjectValue config, String key) {
        PlanResult p = t.plan(Optional.empty(), config);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics()::toString);
        return t.create(p.planned(), key);
    }

    /** Plans an update; fails when it needs replacing or changes nothing. */
    static ObjectValue update(ResourceType t, ObjectValue prior, ObjectValue config) {
        PlanResult p = t.plan(Optional.of(prior), config);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics()::toString);
        assertTrue(p.requiresReplace().isEmpty(), () -> "expected an in-place update, got replacement of " + p.requiresReplace());
        assertTrue(!p.planned().equals(prior), "expected a change");
        return t.update(prior, p.planned());
    }

    static void assertNoChange(ResourceType t, ObjectValue state, ObjectValue config) {
        PlanResult p = t.plan(Optional.of(state), config);
        assertFalse(p.diagnostics().hasErrors(), p.diagnostics()::toString);
        assertEquals(state, p.planned(), "re-plan of an unchanged configuration");
        assertTrue(p.requiresReplace().isEmpty());
    }
}
