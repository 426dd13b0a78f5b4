package dev.platctl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Command-line tools the tests build from source with {@code go install} from the Go module proxy, once, into
 * {@code ~/.cache/platctl/tools/<name>-<version>/}; a test that needs one fails, never skips, when it cannot be built.
 */
final class GoTools {
    private GoTools() {
    }

    /** The binary {@code name} of Go package {@code pkg} at {@code version} (without its {@code v}), built the first time. */
    static synchronized Path install(String name, String pkg, String version) {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "platctl", "tools", name + "-" + version);
        Path bin = dir.resolve(name);
        if (Files.isExecutable(bin)) return bin;
        String command = "go install " + pkg + "@v" + version;
        try {
            Files.createDirectories(dir);
            ProcessBuilder pb = new ProcessBuilder(List.of("go", "install", pkg + "@v" + version)).directory(dir.toFile())
                    .redirectErrorStream(true);
            pb.environment().put("GOBIN", dir.toString());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new AssertionError("cannot build " + name + ": the Go toolchain ('go') is not on PATH: " + e.getMessage(), e);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("cannot build " + name + ": " + command + " did not finish in 20 minutes");
            }
            if (p.exitValue() != 0) throw new AssertionError("cannot build " + name + ": " + command + " failed:\n" + out);
        } catch (IOException e) {
            throw new AssertionError("cannot build " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("cannot build " + name + ": interrupted", e);
        }
        if (!Files.isExecutable(bin)) throw new AssertionError("cannot build " + name + ": " + command + " left no " + bin);
        return bin;
    }
}
