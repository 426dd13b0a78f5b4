package dev.platctl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code platctl module}: the verbs about modules (show, test, publish, upgrade). */
@Command(name = "module", mixinStandardHelpOptions = true,
        description = "Show, test, publish and upgrade modules.",
        subcommands = {ModuleShowCommand.class, ModuleTestCommand.class, ModulePublishCommand.class, ModuleUpgradeCommand.class})
final class ModuleCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
