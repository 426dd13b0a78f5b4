package dev.platctl.cli;

import dev.platctl.cli.view.Ansi;
import dev.platctl.cli.view.DiagnosticView;
import dev.platctl.cli.view.SourceLookup;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;

import java.util.List;

/** Where diagnostics go: standard error, rendered with their source lines. */
final class Output {
    private Output() {
    }

    static void diagnostics(Diagnostics d, SourceLookup sources, Ansi ansi) {
        List<Diagnostic> all = d.all();
        if (!all.isEmpty()) System.err.print(DiagnosticView.render(all, sources, ansi.enabled()));
    }

    static void warnings(Diagnostics d, SourceLookup sources, Ansi ansi) {
        List<Diagnostic> w = d.all().stream().filter(x -> !x.isError()).toList();
        if (!w.isEmpty()) System.err.print(DiagnosticView.render(w, sources, ansi.enabled()));
    }
}
