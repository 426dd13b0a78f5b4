package dev.platctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
            ToolRun r;
            try {
                r = ToolRun.of(pb, Duration.ofMinutes(20));
            } catch (IOException e) {
                throw new AssertionError("cannot build " + name + ": cannot run " + command + " (is the Go toolchain on PATH?): " + e.getMessage(), e);
            } catch (AssertionError e) {
                throw new AssertionError("cannot build " + name + ": " + e.getMessage(), e);
            }
            if (r.exit() != 0) throw new AssertionError("cannot build " + name + ": " + command + " failed:\n" + r.output());
        } catch (IOException e) {
            throw new AssertionError("cannot build " + name + ": " + e.getMessage(), e);
        }
        if (!Files.isExecutable(bin)) throw new AssertionError("cannot build " + name + ": " + command + " left no " + bin);
        return bin;
    }
}
