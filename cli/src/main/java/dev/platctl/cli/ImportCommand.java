package dev.platctl.cli;

import dev.platctl.cli.view.ImportView;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.importing.ImportResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code platctl import ADDRESS ID}: put an object made outside platctl under its management. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Record an existing object in state at ADDRESS, which the configuration must declare: platctl manages it from then on.")
final class ImportCommand extends WorkspaceCommand {
    @Parameters(index = "0", paramLabel = "ADDRESS",
            description = "Where the configuration declares it, as 'plan' prints it: fulfilment.aws_sqs_queue.this, app.local_file.env[\"prod\"].")
    String address;

    @Parameters(index = "1", paramLabel = "ID", description = "The object's id for its provider (a bucket name, a queue URL, ...).")
    String id;

    @Option(names = "--json", description = "Print the result as JSON (sensitive values left out).")
    boolean json;

    @CommandLine.Mixin
    LockOptions lock = new LockOptions();

    @Override
    public Integer call() {
        Configuration cfg = loadConfig();
        ImportResult r;
        try (Session s = Session.open(cfg.workspace(), 1)) {
            r = s.engine.importResource(cfg, address, id, s.who("import"), lock.timeout());
        }
        System.out.print(json ? ImportView.json(r) : ImportView.human(r, ansi()));
        return 0;
    }
}
