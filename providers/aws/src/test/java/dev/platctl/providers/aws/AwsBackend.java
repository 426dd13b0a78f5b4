package dev.platctl.providers.aws;

import dev.platctl.engine.testing.MotoServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS emulator the provider's tests run against, one per test JVM: LocalStack (through Testcontainers) when a
 * Docker daemon is available, moto otherwise; {@code PLATCTL_AWS_BACKEND=moto} or {@code =localstack} forces one.
 * Resets the emulator before every test, resolves {@link Emulator} parameters, prints which backend ran, and fails
 * (never skips) when none can start. Tests that need what only moto has mark their parameter {@link MotoOnly}.
 */
public final class AwsBackend implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    /** The environment variable that picks the backend. */
    static final String SETTING = "PLATCTL_AWS_BACKEND";
    /** A LocalStack community release from before its images required an auth token; {@code PLATCTL_LOCALSTACK_IMAGE} overrides it. */
    static final String LOCALSTACK_IMAGE = "localstack/localstack:4.4";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Which emulator. */
    enum Kind { MOTO, LOCALSTACK }

    /** A running emulator: where it listens, what it is, the account id it gives to the test credentials. */
    public interface Emulator {
        Kind kind();

        String endpoint();

        String version();

        String accountId();

        /** Forgets every resource, so each test starts from an empty account. */
        void reset();
    }

    /** The emulator chosen, and why, as printed in the test output. */
    record Selection(Emulator emulator, String reason) {
        String describe() {
            return "AWS test backend: " + (emulator.kind() == Kind.MOTO ? "moto " : "LocalStack ") + emulator.version() + " at "
                    + emulator.endpoint() + " (" + reason + ")";
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        running(context).reset();
        Running beside = store(context).get(MotoOnly.class.getName(), Running.class);
        if (beside != null) beside.emulator().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        Emulator backend = running(e);
        Optional<MotoOnly> motoOnly = p.findAnnotation(MotoOnly.class);
        if (motoOnly.isEmpty() || backend.kind() == Kind.MOTO) return backend;
        return store(e).getOrComputeIfAbsent(MotoOnly.class.getName(),
                k -> new Running(motoFor(backend, motoOnly.get().value(), AwsBackend::startMoto, System.out)), Running.class).emulator();
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    }

    /**
     * Marks an {@link Emulator} parameter that must be moto, with the reason: where the backend is LocalStack, the test
     * gets a moto server of its own (started once, reset before each test like the backend) instead of being skipped.
     */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface MotoOnly {
        /** What the test needs that only moto has. */
        String value();
    }

    /** The emulator a {@link MotoOnly} test runs on: the backend when it is moto, else a moto server started beside it. */
    static Emulator motoFor(Emulator backend, String reason, Supplier<Emulator> moto, PrintStream out) {
        if (backend.kind() == Kind.MOTO) return backend;
        Emulator m = start("moto", moto);
        out.println("AWS test backend for tests that need moto: moto " + m.version() + " at " + m.endpoint() + " (" + reason
                + "; the backend is LocalStack)");
        return m;
    }

    private static Emulator running(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent(AwsBackend.class.getName(), k -> {
            Selection s = select(System.getenv(SETTING), AwsBackend::dockerAvailable, AwsBackend::startLocalStack,
                    AwsBackend::startMoto, System.out);
            return new Running(s.emulator());
        }, Running.class).emulator();
    }

    /**
     * Picks and starts the backend. {@code setting} is the value of {@value #SETTING}: {@code moto} or
     * {@code localstack} forces that one (LocalStack without Docker is an error); unset or empty picks LocalStack
     * when {@code docker} says a daemon answers and falls back to moto when LocalStack does not start. Fails with
     * every reason when nothing starts.
     */
    static Selection select(String setting, BooleanSupplier docker, Supplier<Emulator> localStack, Supplier<Emulator> moto,
                            PrintStream out) {
        String s = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
        Selection chosen = switch (s) {
            case "moto" -> new Selection(start("moto", moto), SETTING + "=moto");
            case "localstack" -> {
                if (!docker.getAsBoolean())
                    throw new IllegalStateException("cannot start LocalStack for the AWS tests: " + SETTING
                            + "=localstack, but no Docker daemon answers; start Docker, or unset " + SETTING + " to use moto");
                yield new Selection(start("LocalStack", localStack), SETTING + "=localstack");
            }
            case "" -> {
                if (!docker.getAsBoolean()) yield new Selection(start("moto", moto), "no Docker daemon for LocalStack");
                try {
                    yield new Selection(localStack.get(), "a Docker daemon is available");
                } catch (RuntimeException e) {
                    out.println("AWS test backend: LocalStack did not start (" + e.getMessage() + "); using moto");
                    try {
                        yield new Selection(moto.get(), "LocalStack did not start: " + e.getMessage());
                    } catch (RuntimeException m) {
                        m.addSuppressed(e);
                        throw new IllegalStateException("cannot start an AWS emulator for the tests: LocalStack: " + e.getMessage()
                                + "; moto: " + m.getMessage(), m);
                    }
                }
            }
            default -> throw new IllegalStateException("cannot choose the AWS test backend: " + SETTING + " must be moto or"
                    + " localstack (or unset, to use LocalStack where Docker is), got \"" + setting + "\"");
        };
        out.println(chosen.describe());
        return chosen;
    }

    private static Emulator start(String what, Supplier<Emulator> starter) {
        try {
            return starter.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start " + what + " for the AWS tests: " + e.getMessage(), e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Emulator startMoto() {
        MotoServer.Standalone server = MotoServer.standalone(Map.of());
        return new Moto(server);
    }

    private static Emulator startLocalStack() {
        String image = Optional.ofNullable(System.getenv("PLATCTL_LOCALSTACK_IMAGE")).filter(i -> !i.isBlank()).orElse(LOCALSTACK_IMAGE);
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"));
        Optional.ofNullable(System.getenv("LOCALSTACK_AUTH_TOKEN")).filter(t -> !t.isBlank())
                .ifPresent(t -> container.withEnv("LOCALSTACK_AUTH_TOKEN", t));
        container.start();
        String endpoint = container.getEndpoint().toString().replaceAll("/$", "");
        return new LocalStack(container, endpoint, version(endpoint));
    }

    private static String version(String endpoint) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/_localstack/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            return m.find() ? m.group(1) : "(version unknown)";
        } catch (IOException e) {
            return "(version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(version unknown)";
        }
    }

    private static void post(String url, String what) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2)
                throw new IllegalStateException("cannot reset " + what + ": POST " + url + " answered " + r.statusCode() + ": " + r.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset " + what + ": POST " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot reset " + what + ": interrupted", e);
        }
    }

    /** moto server: its reset endpoint forgets everything; the test credentials get moto's fixed account. */
    private record Moto(MotoServer.Standalone server) implements Emulator {
        @Override
        public Kind kind() {
            return Kind.MOTO;
        }

        @Override
        public String endpoint() {
            return server.moto().endpoint();
        }

        @Override
        public String version() {
            return server.moto().version();
        }

        @Override
        public String accountId() {
            return "123456789012";
        }

        @Override
        public void reset() {
            post(endpoint() + "/moto-api/reset", "moto");
        }
    }

    /** LocalStack in a container: its state reset endpoint; keys that are not account ids get account 000000000000. */
    private record LocalStack(LocalStackContainer container, String endpoint, String version) implements Emulator {
        @Override
        public Kind kind() {
            return Kind.LOCALSTACK;
        }

        @Override
        public String accountId() {
            return "000000000000";
        }

        @Override
        public void reset() {
            post(endpoint + "/_localstack/state/reset", "LocalStack");
        }
    }

    /** Stops the emulator when the root test context closes (the end of the test JVM's run). */
    private record Running(Emulator emulator) implements AutoCloseable {
        @Override
        public void close() {
            if (emulator instanceof Moto m) m.server().close();
            else if (emulator instanceof LocalStack l) l.container().stop();
        }
    }
}
