package dev.platctl.cli;

import dev.platctl.cli.view.Ansi;
import dev.platctl.cli.view.SourceLookup;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.value.ObjectValue;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** What every verb that works on a workspace shares: where it is, colour, loading it, diagnostics. */
abstract class WorkspaceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Main root() {
        return (Main) spec.root().userObject();
    }

    Path dir() {
        return root().dir.toAbsolutePath().normalize();
    }

    Ansi ansi() {
        return Ansi.of(Ansi.wanted(System.console() != null, root().noColor, System.getenv()));
    }

    SourceLookup sources() {
        return SourceLookup.fromDirectory(dir());
    }

    /** Loads the whole configuration or throws with every diagnostic. */
    Configuration loadConfig() {
        Diagnostics d = new Diagnostics();
        Configuration cfg = ConfigLoader.load(dir(), d).orElseThrow(() -> new DiagnosticsException(d));
        Output.warnings(d, sources(), ansi());
        return cfg;
    }

    /** The workspace file's settings, or the defaults when there is no workspace here (a module folder on its own). */
    WorkspaceConfig workspaceOrDefault() {
        if (!Files.isRegularFile(dir().resolve(ConfigLoader.WORKSPACE_FILE)))
            return new WorkspaceConfig(dir(), List.of("modules"), List.of("requests"), WorkspaceConfig.DEFAULT_REGISTRY, List.of("policies"),
                    "local", ObjectValue.EMPTY, Map.of());
        return loadWorkspace();
    }

    /** Reads the module in {@code folder} (relative to the workspace) or throws with every diagnostic. */
    ModuleConfig loadModule(Path folder) {
        Diagnostics d = new Diagnostics();
        return ConfigLoader.loadModule(dir(), dir().resolve(folder), d).orElseThrow(() -> new DiagnosticsException(d));
    }

    /** Loads only platctl.hcl (backend and providers) or throws with every diagnostic. */
    WorkspaceConfig loadWorkspace() {
        Diagnostics d = new Diagnostics();
        return ConfigLoader.loadWorkspace(dir(), d).orElseThrow(() -> new DiagnosticsException(d));
    }
}
