package dev.platctl.cli;

import dev.platctl.cli.view.Ansi;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.diag.DiagnosticsException;
import picocli.CommandLine;

/** Turns exceptions into what a person should read, and exit code 1. */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Object cmd = cl.getCommand();
        Ansi ansi = cmd instanceof WorkspaceCommand w ? w.ansi() : Ansi.OFF;
        if (ex instanceof DiagnosticsException de) {
            Output.diagnostics(de.diagnostics(), cmd instanceof WorkspaceCommand w ? w.sources() : dev.platctl.cli.view.SourceLookup.none(), ansi);
        } else if (ex instanceof PlatctlException) {
            System.err.println(ansi.red(ansi.bold("Error: ")) + ex.getMessage());
        } else {
            System.err.println(ansi.red(ansi.bold("Error: ")) + "platctl failed unexpectedly (this is a bug, please report it):");
            ex.printStackTrace(System.err);
        }
        return 1;
    }
}
