package dev.platctl.cli;

import dev.platctl.cli.view.ModuleTestView;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.module.ModuleChecker;
import dev.platctl.engine.module.ModuleRegistry;
import dev.platctl.engine.module.ModuleTestResult;
import dev.platctl.engine.module.ModuleTestRunner;
import dev.platctl.engine.module.PublishResult;
import dev.platctl.engine.provider.Providers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** {@code platctl module publish DIR}: check and test a module, then add it to the registry as an immutable version. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Check a module (parse, type-check every expression, run its tests) and publish it into the workspace's"
                + " registry as an immutable version.")
final class ModulePublishCommand extends WorkspaceCommand {
    @Parameters(paramLabel = "DIR", description = "The module folder (relative to the workspace), e.g. modules/app-env/1.1.0.")
    Path module;

    @Override
    public Integer call() {
        WorkspaceConfig ws = loadWorkspace();
        ModuleConfig m = loadModule(module);
        try (Providers providers = Session.providers(ws, true)) {
            Diagnostics d = new Diagnostics();
            new ModuleChecker(providers).check(m, d);
            if (d.hasErrors()) throw new DiagnosticsException(d);
            Output.warnings(d, sources(), ansi());
            System.out.println("Checked " + m.ref() + ": " + m.inputs().size() + " input(s), " + m.resources().size()
                    + " resource(s), " + m.outputs().size() + " output(s).");
            List<ModuleTestResult> results = new ModuleTestRunner(providers, Clock.systemUTC()).run(ws, m);
            System.out.print(ModuleTestView.human(m, results, ansi()));
            if (!results.stream().allMatch(ModuleTestResult::passed))
                throw new PlatctlException("cannot publish " + m.ref() + ": its tests failed (" + ModuleTestView.summary(results) + ")");
        }
        PublishResult r = new ModuleRegistry(ws.registry()).publish(m);
        String where = ws.dir().relativize(r.dir()).toString().replace('\\', '/');
        if (r.outcome() == PublishResult.Outcome.ALREADY_PUBLISHED)
            System.out.println(m.ref() + " is already published in " + where + " with the same content (" + r.checksum() + "); nothing to do.");
        else
            System.out.println(ansi().green("Published " + m.ref()) + " to " + where + " (" + r.checksum() + ").");
        return 0;
    }
}
