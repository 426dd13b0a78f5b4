package dev.platctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies an example workspace from {@code examples/} into a test's folder, without its state or generated files. */
final class ExampleCopy {
    private ExampleCopy() {
    }

    static void into(String example, Path ws) throws IOException {
        Path src = Path.of("..", "examples", example).toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path rel = src.relativize(p);
                if (rel.startsWith(".platctl") || rel.startsWith("out")) continue;
                Path to = ws.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
    }

    /** Replaces the backend block of the workspace's platctl.hcl. */
    static void backend(Path ws, String block) throws IOException {
        Path hcl = ws.resolve("platctl.hcl");
        String s = Files.readString(hcl).replaceAll("(?s)backend \"[a-z0-9]+\" \\{.*?\\n\\}", block.replace("$", "\\$"));
        Files.writeString(hcl, s);
    }
}
