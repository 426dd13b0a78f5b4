package dev.platctl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code platctl} command: global options and the verbs. */
@Command(name = "platctl", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Declarative infrastructure for platform teams: modules, requests, plan, apply.",
        subcommands = {PlanCommand.class, ApplyCommand.class, DestroyCommand.class, DriftCommand.class, ImportCommand.class,
                NewCommand.class, CatalogCommand.class, ValidateCommand.class, OutputCommand.class, ModuleCommand.class,
                StateCommand.class, ForceUnlockCommand.class, StacksCommand.class, GraphCommand.class, ProvidersCommand.class, PolicyCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class,
                picocli.AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 success / no changes, 1 error, 2 changes present (plan --detailed-exitcode) or drift found."})
public final class Main implements Runnable {
    @Option(names = "-C", paramLabel = "DIR", description = "Run in workspace DIR instead of the current directory.",
            scope = CommandLine.ScopeType.INHERIT)
    Path dir = Path.of(".");

    @Option(names = "--no-color", description = "Disable colour (also when NO_COLOR is set or output is not a terminal).",
            scope = CommandLine.ScopeType.INHERIT)
    boolean noColor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Errors());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl.execute(args);
    }

    /** Prints the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"platctl " + (v == null ? "dev" : v)};
        }
    }
}
