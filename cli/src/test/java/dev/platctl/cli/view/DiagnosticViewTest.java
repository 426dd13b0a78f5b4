package dev.platctl.cli.view;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.diag.SourceRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticViewTest {
    private static final String FILE = "requests/payments/payments-db.yaml";
    private static final SourceLookup SOURCES = SourceLookup.of(Map.of(FILE, """
            apiVersion: platctl.dev/v1
            kind: PostgreSQL
            metadata:
              name: payments-db
            spec:
              module: postgresql@^1.2
              parameters:
                version: "15"
                storageGB: 5
            """));

    private static SourceRange range(int line, int column, int endColumn) {
        return new SourceRange(FILE, new SourcePos(line, column, 0), new SourcePos(line, endColumn, 0));
    }

    private static final Diagnostic STORAGE = Diagnostic.error("invalid value for input \"storageGB\"",
            "module postgresql@1.2.0 requires storageGB >= 20 (maximum 1000).", range(9, 16, 17));

    @Test
    void errorQuotesTheSourceLineAndUnderlinesTheSubject() {
        assertEquals("""
                Error: invalid value for input "storageGB"

                  on requests/payments/payments-db.yaml line 9:
                   9 |     storageGB: 5
                     |                ^

                module postgresql@1.2.0 requires storageGB >= 20 (maximum 1000).
                """, DiagnosticView.render(List.of(STORAGE), SOURCES, false));
    }

    @Test
    void diagnosticWithoutSubjectHasNoLocation() {
        assertEquals("""
                Error: no state backend named 'consul'

                known backends are local, postgres, s3
                """, DiagnosticView.render(List.of(Diagnostic.error("no state backend named 'consul'",
                "known backends are local, postgres, s3")), SOURCES, false));
    }

    @Test
    void severalDiagnosticsAreSeparatedAndCounted() {
        var warning = Diagnostic.warning("unknown label", "", range(4, 3, 7));
        var other = Diagnostic.error("x", "y");
        assertEquals("""
                Error: invalid value for input "storageGB"

                  on requests/payments/payments-db.yaml line 9:
                   9 |     storageGB: 5
                     |                ^

                module postgresql@1.2.0 requires storageGB >= 20 (maximum 1000).

                Warning: unknown label

                  on requests/payments/payments-db.yaml line 4:
                   4 |   name: payments-db
                     |   ^^^^

                Error: x

                y

                2 errors, 1 warning.
                """, DiagnosticView.render(List.of(STORAGE, warning, other), SOURCES, false));
    }

    @Test
    void countLineUsesPluralsOnlyWhenNeeded() {
        String out = DiagnosticView.render(List.of(Diagnostic.error("a", ""), Diagnostic.error("b", ""),
                Diagnostic.error("c", "")), SOURCES, false);
        assertTrue(out.endsWith("\n3 errors.\n"), out);
    }

    @Test
    void missingSourceStillNamesFileAndLine() {
        assertEquals("""
                Error: invalid value for input "storageGB"

                  on requests/payments/payments-db.yaml line 9:

                module postgresql@1.2.0 requires storageGB >= 20 (maximum 1000).
                """, DiagnosticView.render(List.of(STORAGE), SourceLookup.none(), false));
    }

    @Test
    void multiLineRangesQuoteEachLineWithoutCarets() {
        var d = Diagnostic.error("bad parameters", "", new SourceRange(FILE, new SourcePos(7, 3, 0),
                new SourcePos(9, 17, 0)));
        assertEquals("""
                Error: bad parameters

                  on requests/payments/payments-db.yaml line 7:
                   7 |   parameters:
                   8 |     version: "15"
                   9 |     storageGB: 5
                """, DiagnosticView.render(List.of(d), SOURCES, false));
    }

    @Test
    void caretsKeepTabsSoTheyLineUp() {
        var d = Diagnostic.error("e", "", new SourceRange("t.hcl", new SourcePos(1, 3, 2), new SourcePos(1, 6, 5)));
        String out = DiagnosticView.render(List.of(d), SourceLookup.of(Map.of("t.hcl", "\t\tfoo = 1")), false);
        assertTrue(out.contains("   1 | \t\tfoo = 1\n     | \t\t^^^\n"), out);
    }

    @Test
    void colourMarksErrorRedAndWarningYellowAndOffMeansNoEscapes() {
        var warning = Diagnostic.warning("w", "", range(4, 3, 7));
        String on = DiagnosticView.render(List.of(STORAGE, warning), SOURCES, true);
        assertTrue(on.startsWith("\u001b[1;31mError:\u001b[0m \u001b[1minvalid value"), on);
        assertTrue(on.contains("\u001b[1;33mWarning:\u001b[0m"), on);
        assertFalse(DiagnosticView.render(List.of(STORAGE, warning), SOURCES, false).contains("\u001b"));
    }

    @Test
    void fileLookupReadsRelativeToBaseDirectoryOnce(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("requests"));
        Files.writeString(dir.resolve("requests/a.yaml"), "first\r\nsecond\n");
        AtomicInteger reads = new AtomicInteger();
        SourceLookup disk = SourceLookup.fromDirectory(dir);
        SourceLookup counting = (file, line) -> {
            reads.incrementAndGet();
            return disk.line(file, line);
        };
        assertEquals(Optional.of("second"), counting.line("requests/a.yaml", 2));
        Files.writeString(dir.resolve("requests/a.yaml"), "changed\nchanged\n");
        assertEquals(Optional.of("first"), disk.line("requests/a.yaml", 1), "the file is cached after the first read");
        assertEquals(Optional.empty(), disk.line("requests/a.yaml", 3));
        assertEquals(Optional.empty(), disk.line("requests/missing.yaml", 1));
        assertEquals(1, reads.get());
    }
}
