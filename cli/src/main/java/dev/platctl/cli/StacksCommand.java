package dev.platctl.cli;

import dev.platctl.cli.changes.ChangedStacks;
import dev.platctl.cli.changes.GitDiff;
import dev.platctl.engine.config.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.SortedSet;
import java.util.stream.Collectors;

/** {@code platctl stacks ...}: which stacks there are and which a change touches. */
@Command(name = "stacks", mixinStandardHelpOptions = true, description = "List stacks.",
        subcommands = {StacksCommand.Changed.class})
final class StacksCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code stacks changed --since REF}: the stacks whose requests or modules changed, for CI to plan only those. */
    @Command(name = "changed", mixinStandardHelpOptions = true,
            description = {"List the stacks whose request files, or the modules their requests use, changed since a git"
                    + " ref (committed or not); a change to platctl.hcl lists every stack. One stack per line."})
    static final class Changed extends WorkspaceCommand {
        @Option(names = "--since", required = true, paramLabel = "REF", description = "A git ref, e.g. origin/main or a commit.")
        String since;

        @Option(names = "--json", description = "Print a JSON array of stack names.")
        boolean json;

        @Override
        public Integer call() {
            Configuration cfg = loadConfig();
            SortedSet<String> stacks = ChangedStacks.of(cfg, GitDiff.changedSince(dir(), since));
            if (json)
                System.out.println(stacks.stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                        .collect(Collectors.joining(",", "[", "]")));
            else
                stacks.forEach(System.out::println);
            return 0;
        }
    }
}
