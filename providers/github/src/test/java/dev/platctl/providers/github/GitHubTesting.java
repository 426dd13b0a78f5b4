package dev.platctl.providers.github;

import dev.platctl.engine.testing.ProviderLifecycle;
import dev.platctl.engine.value.ValueJson;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;

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
        return provider(fake, sleeper, Optional.empty());
    }

    /** A provider that keeps its ETags in {@code cacheDir} (empty: in memory), as one run of platctl does. */
    static GitHubProvider provider(FakeGitHub fake, RecordingSleeper sleeper, Optional<Path> cacheDir) {
        return provider(fake, sleeper, cacheDir, ORG);
    }

    static GitHubProvider provider(FakeGitHub fake, RecordingSleeper sleeper, Optional<Path> cacheDir, String owner) {
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_TOKEN", FakeGitHub.TOKEN),
                Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC), sleeper, cacheDir);
        Diagnostics d = p.configure(obj("owner", owner, "base_url", fake.baseUrl(), "write_interval", 0));
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

    static Value value(Object o) {
        return ValueJson.fromJava(o);
    }

    static ObjectValue create(ResourceType t, ObjectValue config, String key) {
        return ProviderLifecycle.create(t, config, key);
    }

    /** Plans an update; fails when it needs replacing or changes nothing. */
    static ObjectValue update(ResourceType t, ObjectValue prior, ObjectValue config) {
        return ProviderLifecycle.update(t, prior, config);
    }

    static void assertNoChange(ResourceType t, ObjectValue state, ObjectValue config) {
        ProviderLifecycle.assertNoChange(t, state, config);
    }
}
