package dev.platctl.cli;

import dev.platctl.cli.view.ModuleView;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.SemVer;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.diag.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Comparator;
import java.util.List;

/** {@code platctl module show NAME[@VERSION]}: what a module takes, creates, enforces and returns. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a module version: inputs, resources, the values it enforces, outputs (newest version by default).")
final class ModuleShowCommand extends WorkspaceCommand {
    @Parameters(paramLabel = "NAME[@VERSION]", description = "The module, e.g. app-env or app-env@1.1.0.")
    String module;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        Diagnostics d = new Diagnostics();
        List<ModuleConfig> all = ConfigLoader.loadModules(dir(), d).orElseThrow(() -> new DiagnosticsException(d));
        int at = module.indexOf('@');
        String name = at < 0 ? module : module.substring(0, at);
        List<ModuleConfig> named = all.stream().filter(m -> m.name().equals(name))
                .sorted(Comparator.comparing(ModuleConfig::version)).toList();
        if (named.isEmpty())
            throw new PlatctlException("cannot show module '" + name + "': there is no such module in the workspace."
                    + Suggestions.didYouMean(name, all.stream().map(ModuleConfig::name).distinct().sorted().toList()));
        ModuleConfig m = named.get(named.size() - 1);
        if (at >= 0) {
            SemVer v = SemVer.parse(module.substring(at + 1))
                    .orElseThrow(() -> new PlatctlException("cannot show module '" + module + "': a version is MAJOR.MINOR.PATCH"));
            m = named.stream().filter(x -> x.version().equals(v)).findFirst().orElseThrow(() -> new PlatctlException(
                    "cannot show module '" + module + "': available versions are " + versions(named)));
        }
        List<String> versions = named.stream().map(x -> x.version().toString()).toList();
        if (json) System.out.println(ModuleView.json(m, versions));
        else System.out.print(ModuleView.human(m, versions, ansi()));
        return 0;
    }

    private static String versions(List<ModuleConfig> named) {
        return String.join(", ", named.stream().map(x -> x.version().toString()).toList());
    }
}
