package dev.platctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code platctl force-unlock LOCK_ID --stack STACK}: Terraform's verb for removing a lock a dead run left behind. */
@Command(name = "force-unlock", mixinStandardHelpOptions = true,
        description = "Remove a stack lock left behind by a run that died (the same as 'state unlock STACK LOCK_ID'). "
                + "The lock id is printed in the error of the run that found the stack locked.")
final class ForceUnlockCommand extends WorkspaceCommand {
    @Parameters(index = "0", paramLabel = "LOCK_ID")
    String lockId;

    @Option(names = "--stack", required = true, paramLabel = "STACK", description = "The locked stack.")
    String stack;

    @Override
    public Integer call() {
        try (Session s = Session.open(loadWorkspace(), 1)) {
            s.store.forceUnlock(stack, lockId);
            System.out.println("Unlocked stack " + stack + ".");
        }
        return 0;
    }
}
