package dev.platctl.cli;

import picocli.CommandLine;

/** {@code --allow-destroy}: the person running platctl means to delete or replace what policies protect. */
final class AllowDestroyOption {
    @CommandLine.Option(names = "--allow-destroy",
            description = "Allow deleting or replacing resources that policies protect unless allow_destroy is set "
                    + "(e.g. never-destroy-stateful). prevent_destroy still holds.")
    boolean allowDestroy;
}
