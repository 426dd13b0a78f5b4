package dev.platctl.engine.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one moto server (the AWS emulator) for the whole test JVM: {@code moto_server} from the PATH, or else from a
 * project-local {@code .venv/} that it pip-installs moto {@link #MOTO_VERSION} into when it holds none or another version;
 * resets moto's state before every test and resolves {@link Moto} parameters. A server that cannot be started fails the tests.
 */
public final class MotoServer implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A running moto server. */
    public record Moto(String endpoint, String version) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Moto moto = running(context);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(moto.endpoint() + "/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("cannot reset moto: status " + r.statusCode() + ": " + r.body());
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Moto.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return running(e);
    }

    /**
     * Starts a separate moto server with extra environment (such as {@code INITIAL_NO_AUTH_ACTION_COUNT}, which
     * makes moto enforce IAM after that many calls), for a test that must not share the suite's server.
     */
    public static Standalone standalone(Map<String, String> environment) {
        Started s = Started.start(environment, "moto-server-" + freePort() + ".log");
        return new Standalone(s);
    }

    /** A server of its own, stopped when closed. */
    public static final class Standalone implements AutoCloseable {
        private final Started started;

        private Standalone(Started started) {
            this.started = started;
        }

        public Moto moto() {
            return started.moto();
        }

        @Override
        public void close() {
            started.close();
        }
    }

    private static Moto running(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Process.class.getName() + ".moto", k -> Started.start(Map.of(), "moto-server.log"), Started.class)
                .moto();
    }

    /** The server process, stopped when the root test context closes (at the end of the test JVM's run). */
    private record Started(Process process, Moto moto) implements AutoCloseable {
        static Started start(Map<String, String> environment, String logName) {
            Path root = repositoryRoot();
            Installation install = find(root);
            int port = freePort();
            Path log = Path.of("target").toAbsolutePath().resolve(logName);
            try {
                Files.createDirectories(log.getParent());
                ProcessBuilder b = new ProcessBuilder(install.executable().toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                b.environment().putAll(environment);
                Process p = b.start();
                String endpoint = "http://127.0.0.1:" + port;
                awaitReady(p, endpoint, log);
                Moto moto = new Moto(endpoint, install.version());
                System.out.println("AWS emulator for tests: moto server " + moto.version() + " at " + endpoint + " (" + install.executable() + ")");
                return new Started(p, moto);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start moto_server (" + install.executable() + "): " + e, e);
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The moto the suite installs when none is on the PATH: the version its known moto behaviour (what RDS, IAM and
     * DynamoDB answer, README "AWS") was established on, so a new moto release cannot change what the suite proves unseen.
     */
    static final String MOTO_VERSION = "5.2.1";

    private record Installation(Path executable, String version) {
    }

    /**
     * moto_server from the PATH (the machine's, run as it is), else from the project's .venv, installing
     * {@link #MOTO_VERSION} there first when it is missing or when the .venv holds another moto (one made before the pin).
     */
    private static Installation find(Path root) {
        Optional<Path> onPath = onPath("moto_server");
        if (onPath.isPresent()) return new Installation(onPath.get(), version(onPath("python3").map(Path::toString).orElse("python3")));
        Path venv = root.resolve(".venv");
        Path exe = venv.resolve("bin/moto_server");
        Path python = venv.resolve("bin/python");
        if (!Files.isExecutable(exe)) {
            System.out.println("AWS tests: moto_server is not on the PATH; installing moto[server]==" + MOTO_VERSION + " into " + venv);
            if (!Files.isExecutable(python)) exec(List.of("python3", "-m", "venv", venv.toString()), Duration.ofMinutes(2));
            pipInstall(python);
        } else {
            String installed = version(python.toString());
            if (!installed.equals(MOTO_VERSION)) {
                System.out.println("AWS tests: " + venv + " has moto " + installed + ", not the pinned " + MOTO_VERSION
                        + "; installing moto[server]==" + MOTO_VERSION + " into it");
                pipInstall(python);
            }
        }
        return new Installation(exe, version(python.toString()));
    }

    private static void pipInstall(Path python) {
        exec(List.of(python.toString(), "-m", "pip", "install", "--quiet", "moto[server]==" + MOTO_VERSION), Duration.ofMinutes(10));
    }

    private static String version(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import moto; print(moto.__version__)").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? out : "(version unknown)";
        } catch (IOException e) {
            return "(version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(version unknown)";
        }
    }

    private static void exec(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("cannot install moto: " + String.join(" ", command) + " did not finish in " + timeout);
            }
            if (p.exitValue() != 0)
                throw new IllegalStateException("cannot install moto: " + String.join(" ", command) + " exited with " + p.exitValue());
        } catch (IOException e) {
            throw new IllegalStateException("cannot install moto: " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot install moto: interrupted", e);
        }
    }

    private static void awaitReady(Process p, String endpoint, Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive())
                throw new IllegalStateException("moto_server exited with " + p.exitValue() + " before answering:\n" + Files.readString(log));
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
            sleep();
        }
        p.destroyForcibly();
        throw new IllegalStateException("moto_server did not answer at " + endpoint + " within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir).resolve(name);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port for moto_server: " + e, e);
        }
    }

    /** The folder holding the Maven wrapper, found upwards from the working directory. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent())
            if (Files.exists(d.resolve("mvnw")) && Files.exists(d.resolve("providers"))) return d;
        throw new IllegalStateException("cannot find the repository root (the folder with mvnw) above " + dir);
    }
}
