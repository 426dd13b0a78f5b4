package dev.platctl.cli;

import dev.platctl.cli.view.ModuleTestView;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.module.ModuleTestResult;
import dev.platctl.engine.module.ModuleTestRunner;
import dev.platctl.engine.provider.Providers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** {@code platctl module test DIR}: plan the module's test cases and compare with what they expect. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run a module's tests/*.yaml: plan each case's request (no state, nothing applied) and check its expectations.")
final class ModuleTestCommand extends WorkspaceCommand {
    @Parameters(paramLabel = "DIR", description = "The module folder (relative to the workspace), e.g. modules/app-env.")
    Path module;

    @Override
    public Integer call() {
        WorkspaceConfig ws = workspaceOrDefault();
        ModuleConfig m = loadModule(module);
        try (Providers providers = Session.providers(ws, true)) {
            List<ModuleTestResult> results = new ModuleTestRunner(providers, Clock.systemUTC()).run(ws, m);
            System.out.print(ModuleTestView.human(m, results, ansi()));
            return results.stream().allMatch(ModuleTestResult::passed) ? 0 : 1;
        }
    }
}
