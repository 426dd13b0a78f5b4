package dev.platctl.cli;

import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.state.StateStore;
import dev.platctl.state.crypto.EncryptionSettings;
import dev.platctl.state.crypto.StateRekey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;

/** {@code platctl state rekey --new-key-env NAME}: re-encrypt the sensitive values of every stack with a new key. */
@Command(name = "rekey", mixinStandardHelpOptions = true,
        description = {"Re-encrypt the sensitive values of every stack with the key in environment variable NAME.",
                "The key the backend block names now (if any) must still be set, to decrypt. Afterwards, name NAME in"
                        + " encryption_key_env."})
final class StateRekeyCommand extends WorkspaceCommand {
    @Option(names = "--new-key-env", required = true, paramLabel = "NAME",
            description = "The environment variable holding the new key (base64 of 32 bytes: openssl rand -base64 32).")
    String newKeyEnv;

    @CommandLine.Mixin
    LockOptions lock = new LockOptions();

    @Override
    public Integer call() {
        WorkspaceConfig ws = loadWorkspace();
        Clock clock = Clock.systemUTC();
        List<StateRekey.Result> results;
        try (StateStore store = Session.openStore(ws.backend(), ws.dir(),
                EncryptionSettings.rotated(ws.backend(), ws.backendConfig(), newKeyEnv))) {
            results = new StateRekey(store, clock).run(Session.who("state rekey", clock), lock.timeout());
        }
        for (StateRekey.Result r : results)
            System.out.println("Stack " + r.stack() + ": re-encrypted " + r.resources() + " resource"
                    + (r.resources() == 1 ? "" : "s") + " with sensitive values.");
        System.out.println("Every stack is encrypted with the key in " + newKeyEnv + ". Now set encryption_key_env = \""
                + newKeyEnv + "\" in the backend block of platctl.hcl (and drop previous_encryption_key_env);"
                + " the old key is no longer needed.");
        return 0;
    }
}
