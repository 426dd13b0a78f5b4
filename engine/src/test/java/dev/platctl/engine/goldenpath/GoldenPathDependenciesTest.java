package dev.platctl.engine.goldenpath;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog reads golden paths (a service's links come from its template), so golden paths must not need the
 * catalog: what both use (entity references) lives in {@code engine.entity}.
 */
class GoldenPathDependenciesTest {
    @Test
    void goldenPathsUseNothingOfTheCatalog() throws IOException {
        Path sources = Path.of("src/main/java/dev/platctl/engine/goldenpath");
        assertTrue(Files.isDirectory(sources), sources.toAbsolutePath() + " holds the golden path sources");
        List<String> uses = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList())
                if (Files.readString(f).contains("dev.platctl.engine.catalog.")) uses.add(f.getFileName().toString());
        }
        assertEquals(List.of(), uses, "golden path classes that use the catalog package, which uses them");
    }
}
