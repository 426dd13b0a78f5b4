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
        tree(Path.of("..", "examples", example).toAbsolutePath().normalize(), ws);
    }

    /** Copies a folder of the repository (an example, {@code modules/}) without state or generated files. */
    static void tree(Path src, Path dst) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path rel = src.relativize(p);
                if (rel.startsWith(".platctl") || rel.startsWith("out")) continue;
                Path to = dst.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
    }

    /** Replaces text in a copied file, failing the test when the file does not hold it (the example changed). */
    static void edit(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        if (!s.contains(from)) throw new AssertionError(file + " does not contain " + from);
        Files.writeString(file, s.replace(from, to));
    }

    /** Replaces the backend block of the workspace's platctl.hcl. */
    static void backend(Path ws, String block) throws IOException {
        Path hcl = ws.resolve("platctl.hcl");
        String s = Files.readString(hcl).replaceAll("(?s)backend \"[a-z0-9]+\" \\{.*?\\n\\}", block.replace("$", "\\$"));
        Files.writeString(hcl, s);
    }
}
