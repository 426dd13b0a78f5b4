package dev.platctl.cli.view;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.SourceRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Renders diagnostics for a terminal: severity and summary, where in which file, the source line, the detail. */
public final class DiagnosticView {
    /** A range over more lines than this quotes only its first lines. */
    private static final int MAX_QUOTED_LINES = 5;

    private DiagnosticView() {
    }

    public static String render(List<Diagnostic> diags, SourceLookup sources, boolean color) {
        Ansi ansi = Ansi.of(color);
        List<String> blocks = new ArrayList<>();
        for (Diagnostic d : diags) blocks.add(render(d, sources, ansi));
        StringBuilder out = new StringBuilder(String.join("\n", blocks));
        if (diags.size() > 1) out.append('\n').append(count(diags)).append('\n');
        return out.toString();
    }

    private static String render(Diagnostic d, SourceLookup sources, Ansi ansi) {
        StringBuilder out = new StringBuilder();
        out.append(d.isError() ? ansi.boldRed("Error:") : ansi.boldYellow("Warning:"))
                .append(' ').append(ansi.bold(d.summary())).append('\n');
        d.subject().ifPresent(r -> {
            out.append('\n').append("  on ").append(r.file()).append(" line ").append(r.start().line()).append(":\n");
            quote(r, sources, d.isError() ? ansi::red : ansi::yellow, out);
        });
        if (!d.detail().isEmpty()) out.append('\n').append(d.detail().stripTrailing()).append('\n');
        return out.toString();
    }

    private static void quote(SourceRange r, SourceLookup sources, UnaryOperator<String> mark,
                              StringBuilder out) {
        int first = r.start().line();
        int last = r.end().line() > first && r.end().column() == 1 ? r.end().line() - 1 : Math.max(first, r.end().line());
        last = Math.min(last, first + MAX_QUOTED_LINES - 1);
        int width = Math.max(4, Integer.toString(last).length());
        for (int n = first; n <= last; n++) {
            Optional<String> text = sources.line(r.file(), n);
            if (text.isEmpty()) return;
            out.append(String.format("%" + width + "d |", n));
            if (!text.get().isEmpty()) out.append(' ').append(text.get());
            out.append('\n');
            if (first == last) caret(r, text.get(), width, mark, out);
        }
    }

    /** Underlines the subject's columns when it lies on one line; tabs are kept so the carets line up. */
    private static void caret(SourceRange r, String line, int width, UnaryOperator<String> mark,
                              StringBuilder out) {
        if (r.end().line() != r.start().line()) return;
        int from = r.start().column() - 1;
        if (from > line.length()) return;
        int to = Math.min(Math.max(r.end().column() - 1, from + 1), Math.max(line.length(), from + 1));
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < from; i++) pad.append(line.charAt(i) == '\t' ? '\t' : ' ');
        out.append(" ".repeat(width)).append(" | ").append(pad).append(mark.apply("^".repeat(to - from))).append('\n');
    }

    /** {@code 3 errors.}, {@code 1 error, 2 warnings.} */
    private static String count(List<Diagnostic> diags) {
        long errors = diags.stream().filter(Diagnostic::isError).count();
        long warnings = diags.size() - errors;
        List<String> parts = new ArrayList<>();
        if (errors > 0) parts.add(errors + (errors == 1 ? " error" : " errors"));
        if (warnings > 0) parts.add(warnings + (warnings == 1 ? " warning" : " warnings"));
        return String.join(", ", parts) + ".";
    }
}
