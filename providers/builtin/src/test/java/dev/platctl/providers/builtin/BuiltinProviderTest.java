package dev.platctl.providers.builtin;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ProviderFactory;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static dev.platctl.providers.builtin.TestValues.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuiltinProviderTest {
    @TempDir
    Path workspace;

    /** Every sleep the provider asked for, in order, without waiting. */
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    private BuiltinProvider provider() {
        return new BuiltinProvider(TestValues.context(workspace, 1), sleeps::add);
    }

    @Test
    void serviceLoaderFindsTheFactory() {
        List<ProviderFactory> found = ServiceLoader.load(ProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.name().equals("builtin")).toList();

        assertEquals(1, found.size());
        try (Provider p = found.get(0).create(TestValues.context(workspace, 1))) {
            assertEquals("builtin", p.name());
            assertEquals(List.of("platctl_data", "random_password", "random_id", "local_file"),
                    p.resourceTypes().stream().map(t -> t.schema().type()).toList());
        }
    }

    @Nested
    class Configuration {
        @Test
        void emptyConfigurationMeansNoLatency() {
            BuiltinProvider p = provider();

            assertTrue(p.configure(ObjectValue.EMPTY).isEmpty());
            assertEquals(Duration.ZERO, p.latency());
        }

        @Test
        void latencyIsTakenFromTheConfiguration() {
            BuiltinProvider p = provider();

            assertTrue(p.configure(obj("latency_ms", 50)).isEmpty());
            assertEquals(Duration.ofMillis(50), p.latency());
        }

        @Test
        void unknownSettingIsDiagnosedWithTheAcceptedOnes() {
            List<Diagnostic> errors = provider().configure(obj("latency", 50, "region", "eu")).errors();

            assertEquals(List.of("Unsupported provider setting \"latency\"", "Unsupported provider setting \"region\""),
                    errors.stream().map(Diagnostic::summary).toList());
            assertEquals("provider \"builtin\" accepts latency_ms.", errors.get(0).detail());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.platctl.providers.builtin.BuiltinProviderTest#badLatencies")
        void badLatencyIsDiagnosed(String reason, Value latency) {
            List<Diagnostic> errors = provider().configure(obj("latency_ms", latency)).errors();

            assertEquals(1, errors.size(), reason);
            assertEquals("Invalid value for \"latency_ms\"", errors.get(0).summary(), reason);
        }
    }

    static Stream<Arguments> badLatencies() {
        return Stream.of(
                Arguments.of("negative", Value.of(-1)),
                Arguments.of("fractional", Value.of(new BigDecimal("1.5"))),
                Arguments.of("a string", Value.of("50")),
                Arguments.of("unknown", Value.UNKNOWN));
    }

    @Nested
    class Latency {
        private final BuiltinProvider provider = provider();
        private final ResourceType data = provider.resourceType("platctl_data").orElseThrow();

        @Test
        void everyCallThatTouchesTheObjectWaitsButPlanningDoesNot() {
            provider.configure(obj("latency_ms", 25));

            ObjectValue planned = data.plan(Optional.empty(), obj("input", "a")).planned();
            assertEquals(List.of(), sleeps, "plan is not delayed");
            ObjectValue state = data.create(planned, "k");
            data.read(state);
            data.readAll(List.of(state, state));
            ObjectValue updated = data.update(state, data.plan(Optional.of(state), obj("input", "b")).planned());
            data.lookup("k", planned);
            data.delete(updated);

            assertEquals(Collections.nCopies(6, Duration.ofMillis(25)), sleeps,
                    "create, read, one list call for readAll, update, lookup, delete");
        }

        @Test
        void zeroLatencyNeverSleeps() {
            provider.configure(obj("latency_ms", 0));

            data.create(data.plan(Optional.empty(), obj()).planned(), "k");

            assertEquals(List.of(), sleeps);
        }

        @Test
        void interruptedWaitAbortsTheCallAndKeepsTheInterrupt() {
            BuiltinProvider p = new BuiltinProvider(TestValues.context(workspace, 1), d -> {
                throw new InterruptedException();
            });
            p.configure(obj("latency_ms", 10));
            ResourceType file = p.resourceType("local_file").orElseThrow();
            ObjectValue planned = file.plan(Optional.empty(), obj("path", "a.txt", "content", "x")).planned();

            try {
                ProviderException e = assertThrows(ProviderException.class, () -> file.create(planned, "k"));

                assertEquals("cannot create local_file: interrupted while waiting out the simulated latency", e.getMessage());
                assertTrue(Thread.currentThread().isInterrupted());
                assertTrue(!workspace.resolve("a.txt").toFile().exists(), "nothing was written");
            } finally {
                Thread.interrupted();
            }
        }

        @Test
        void realSleeperWaitsOnTheThreadAndCanBeInterrupted() throws InterruptedException {
            AtomicBoolean interrupted = new AtomicBoolean();
            Thread sleeper = new Thread(() -> {
                try {
                    Sleeper.THREAD.sleep(Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            sleeper.start();
            sleeper.interrupt();
            sleeper.join(Duration.ofSeconds(30).toMillis());

            assertTrue(interrupted.get(), "the five-minute sleep ended by interrupt");
        }
    }
}
