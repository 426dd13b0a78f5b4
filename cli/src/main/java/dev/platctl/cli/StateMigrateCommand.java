package dev.platctl.cli;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import dev.platctl.state.migrate.StateMigration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code platctl state migrate --to-backend NAME [--to-config k=v]...}: copy every stack to another backend. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copy stacks (resources, history, lineage) from the workspace's backend to another one, under"
                + " both stacks' locks, verified by checksum. The source is left as it is.",
                "Then point the backend block of platctl.hcl at the new backend."})
final class StateMigrateCommand extends WorkspaceCommand {
    @Option(names = "--to-backend", required = true, paramLabel = "NAME", description = "The backend to copy to, e.g. postgres.")
    String toBackend;

    @Option(names = "--to-config", paramLabel = "KEY=VALUE",
            description = "A setting of the target's backend block (repeatable), e.g. url=jdbc:postgresql://db:5432/platctl."
                    + " Credentials come from the environment, as for the workspace's own backend.")
    Map<String, String> toConfig = new LinkedHashMap<>();

    @Option(names = "--stack", paramLabel = "STACK", description = "Only these stacks (repeatable); default: all.")
    List<String> onlyStacks = new ArrayList<>();

    @CommandLine.Mixin
    LockOptions lock = new LockOptions();

    @Override
    public Integer call() {
        WorkspaceConfig ws = loadWorkspace();
        Map<String, Value> settings = new LinkedHashMap<>();
        toConfig.forEach((k, v) -> settings.put(k, Value.of(v)));
        ObjectValue target = Value.object(settings);
        Clock clock = Clock.systemUTC();
        List<StateMigration.Result> results;
        try (StateStore from = Session.openStore(ws); StateStore to = Session.openStore(toBackend, ws.dir(), target)) {
            StateMigration migration = new StateMigration(from, to);
            List<String> stacks = onlyStacks.isEmpty() ? migration.stacks() : onlyStacks;
            if (stacks.isEmpty()) throw new PlatctlException("cannot migrate: the " + ws.backend() + " backend holds no stacks");
            System.out.println("Copying " + stacks.size() + " stack" + (stacks.size() == 1 ? "" : "s") + " from backend \""
                    + ws.backend() + "\" to backend \"" + toBackend + "\".");
            results = migration.copy(stacks, Session.who("state migrate", clock), lock.timeout());
        }
        for (StateMigration.Result r : results)
            System.out.println("  " + r.stack() + ": " + r.resources() + " resource" + (r.resources() == 1 ? "" : "s")
                    + ", " + r.historyRecords() + " history record" + (r.historyRecords() == 1 ? "" : "s") + ", "
                    + r.checksum() + (r.alreadyThere() ? " (already there, identical)" : " verified"));
        System.out.println("Migrated " + results.size() + " stack" + (results.size() == 1 ? "" : "s")
                + "; the source is unchanged. To use the copy, change the backend block of platctl.hcl to:");
        System.out.println("  backend \"" + toBackend + "\" {");
        toConfig.forEach((k, v) -> System.out.println("    " + k + " = \"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        System.out.println("  }");
        return 0;
    }
}
