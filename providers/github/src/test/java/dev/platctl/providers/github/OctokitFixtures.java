package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The recorded api.github.com traffic of the npm package {@code @octokit/fixtures}, installed with npm into
 * {@code ~/.cache/platctl/octokit-fixtures} when missing; failing (never skipping) when it cannot be.
 */
final class OctokitFixtures {
    static final String VERSION = "23.1.2";
    private static Path root;

    private OctokitFixtures() {
    }

    static synchronized Path root() {
        if (root != null) return root;
        Path prefix = Path.of(System.getProperty("user.home"), ".cache", "platctl", "octokit-fixtures");
        Path pkg = prefix.resolve("node_modules/@octokit/fixtures");
        if (!installed(pkg)) install(prefix);
        if (!installed(pkg)) throw new IllegalStateException("npm did not install @octokit/fixtures@" + VERSION + " into " + prefix);
        root = pkg.resolve("scenarios/api.github.com");
        return root;
    }

    private static boolean installed(Path pkg) {
        try {
            return Files.isRegularFile(pkg.resolve("package.json"))
                    && FakeJson.JSON.readTree(pkg.resolve("package.json").toFile()).path("version").asText().equals(VERSION);
        } catch (IOException e) {
            return false;
        }
    }

    private static void install(Path prefix) {
        try {
            Files.createDirectories(prefix);
            Path out = Files.createTempFile("npm-octokit", ".log");
            Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
                    "@octokit/fixtures@" + VERSION).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("npm install @octokit/fixtures@" + VERSION + " took more than 5 minutes");
            }
            if (p.exitValue() != 0)
                throw new IllegalStateException("npm install @octokit/fixtures@" + VERSION + " failed:\n" + Files.readString(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm to install @octokit/fixtures (is npm on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The recorded exchanges of a scenario; {@code raw} includes the set-up calls (creating, deleting the temporary repository). */
    static List<JsonNode> scenario(String name, boolean raw) {
        Path file = root().resolve(name).resolve(raw ? "raw-fixture.json" : "normalized-fixture.json");
        try {
            List<JsonNode> out = new ArrayList<>();
            FakeJson.JSON.readTree(file.toFile()).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first recorded exchange with this method whose path matches {@code pathRegex}. */
    static JsonNode exchange(String scenario, boolean raw, String method, String pathRegex) {
        return scenario(scenario, raw).stream()
                .filter(x -> x.path("method").asText().equalsIgnoreCase(method) && x.path("path").asText().matches(pathRegex))
                .findFirst().orElseThrow(() -> new AssertionError("scenario " + scenario + " has no " + method + " " + pathRegex));
    }
}
