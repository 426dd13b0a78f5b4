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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Builds providers pointed at the fake, with a sleeper that records rate-limit waits, and the values tests pass through the SPI. */
final class GitHubTesting {
    static final String ORG = "acme";

    private GitHubTesting() {
    }

    /** A clock tests move: by hand, or through the {@link RecordingSleeper} that waits on it. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock() {
            this(Instant.ofEpochSecond(1_700_000_000L));
        }

        MovableClock(Instant start) {
            now = start;
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * Records the waits the client asks for instead of spending them, and moves its clock by each, as the time a real
     * wait would take. Like {@link Thread#sleep}, a wait ends with {@link InterruptedException} when the thread is
     * interrupted before or during it.
     */
    static final class RecordingSleeper implements Sleeper {
        final MovableClock clock;
        final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        private volatile Consumer<Duration> during = d -> { };

        RecordingSleeper() {
            this(new MovableClock());
        }

        RecordingSleeper(MovableClock clock) {
            this.clock = clock;
        }

        /** Runs {@code action} in the waiting thread during each wait, before the clock moves: what happens meanwhile. */
        void during(Consumer<Duration> action) {
            during = action;
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (Thread.interrupted()) throw new InterruptedException();
            waits.add(duration);
            during.accept(duration);
            if (Thread.interrupted()) throw new InterruptedException();
            clock.advance(duration);
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
        return provider(fake, sleeper, cacheDir, Map.of("owner", owner, "write_interval", 0));
    }

    /** A provider whose block is {@code settings} with the fake's base_url; the clock is the sleeper's. */
    static GitHubProvider provider(FakeGitHub fake, RecordingSleeper sleeper, Optional<Path> cacheDir, Map<String, Object> settings) {
        GitHubProvider p = new GitHubProvider(Map.of("GITHUB_TOKEN", FakeGitHub.TOKEN), sleeper.clock, sleeper, cacheDir);
        Map<String, Object> block = new LinkedHashMap<>(settings);
        block.put("base_url", fake.baseUrl());
        Diagnostics d = p.configure((ObjectValue) value(block));
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
