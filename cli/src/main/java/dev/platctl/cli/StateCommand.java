package dev.platctl.cli;

import dev.platctl.cli.view.ValueFormatter;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Optional;

/** {@code platctl state ...}: look at and repair state. */
@Command(name = "state", mixinStandardHelpOptions = true, description = "Inspect and repair state.",
        subcommands = {StateCommand.List.class, StateCommand.Show.class, StateCommand.Rm.class, StateCommand.History.class,
                StateCommand.Unlock.class, StateRekeyCommand.class, StateMigrateCommand.class})
final class StateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Finds the stack holding an address. */
    static Optional<StackState> stackOf(Session s, ResourceAddress a) {
        for (String stack : s.store.stacks()) {
            StackState st = s.store.read(stack);
            if (st.resources().containsKey(a)) return Optional.of(st);
        }
        return Optional.empty();
    }

    static ResourceAddress address(String text) {
        try {
            return ResourceAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new PlatctlException(e.getMessage());
        }
    }

    /** {@code state list}: every resource, one address per line. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the resources in state.")
    static final class List extends WorkspaceCommand {
        @Option(names = "--stack", paramLabel = "STACK", description = "Only this stack.")
        String stack;

        @Override
        public Integer call() {
            try (Session s = Session.open(loadWorkspace(), 1)) {
                for (String st : s.store.stacks()) {
                    if (stack != null && !stack.equals(st)) continue;
                    for (ResourceState r : s.store.read(st).resources().values())
                        System.out.println(r.address() + (r.status() == ResourceStatus.CREATED ? "" : "  (" + r.status().name().toLowerCase().replace('_', ' ') + ")"));
                }
            }
            return 0;
        }
    }

    /** {@code state show ADDR}: one resource's attributes (sensitive ones hidden). */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one resource's attributes.")
    static final class Show extends WorkspaceCommand {
        @Parameters(paramLabel = "ADDR", description = "e.g. payments-db.local_file.config")
        String addr;

        @Override
        public Integer call() {
            ResourceAddress a = address(addr);
            try (Session s = Session.open(loadWorkspace(), 1)) {
                StackState st = stackOf(s, a).orElseThrow(() -> new PlatctlException("no resource " + a + " in state"));
                ResourceState r = st.resources().get(a);
                System.out.println("# " + a + " (stack " + st.stack() + ", module " + r.module() + ", " + r.status().name().toLowerCase() + ")");
                System.out.println("resource \"" + a.type() + "\" \"" + a.name() + "\" {");
                r.attributes().attributes().forEach((k, v) -> System.out.println("    " + k + " = " + ValueFormatter.inline(v)));
                System.out.println("}");
                if (!r.dependencies().isEmpty())
                    System.out.println("# depends on: " + String.join(", ", r.dependencies().stream().map(Object::toString).toList()));
            }
            return 0;
        }
    }

    /** {@code state rm ADDR...}: forget resources without destroying them. */
    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Forget resources: platctl stops managing them; the real objects are left alone.")
    static final class Rm extends WorkspaceCommand {
        @Parameters(arity = "1..*", paramLabel = "ADDR")
        java.util.List<String> addrs = new ArrayList<>();

        @CommandLine.Mixin
        LockOptions lock = new LockOptions();

        @Override
        public Integer call() {
            try (Session s = Session.open(loadWorkspace(), 1)) {
                for (String text : addrs) {
                    ResourceAddress a = address(text);
                    StackState st = stackOf(s, a).orElseThrow(() -> new PlatctlException("no resource " + a + " in state"));
                    try (StackLock l = s.store.lock(st.stack(), s.who("state rm"), lock.timeout())) {
                        l.remove(a);
                        l.appendHistory(new HistoryEntry(l.current().serial() + 1, s.clock.instant(), Session.user(), "state rm", "",
                                java.util.List.of(new HistoryEntry.Change(a.toString(), "forget", "ok", ""))));
                    }
                    System.out.println("Removed " + a + " from state (the object itself was not touched).");
                }
            }
            return 0;
        }
    }

    /** {@code state history}: who applied what, when. */
    @Command(name = "history", mixinStandardHelpOptions = true, description = "Show the apply history of each stack.")
    static final class History extends WorkspaceCommand {
        @Option(names = "--stack", paramLabel = "STACK", description = "Only this stack.")
        String stack;

        @Override
        public Integer call() {
            try (Session s = Session.open(loadWorkspace(), 1)) {
                for (String st : s.store.stacks()) {
                    if (stack != null && !stack.equals(st)) continue;
                    System.out.println(ansi().bold("stack " + st));
                    for (HistoryEntry h : s.store.history(st)) {
                        System.out.println("  #" + h.serial() + "  " + h.at() + "  " + h.who() + "  " + h.operation()
                                + (h.planHash().isEmpty() ? "" : "  plan " + h.planHash().substring(0, Math.min(12, h.planHash().length()))));
                        for (HistoryEntry.Change c : h.changes())
                            System.out.println("      " + c.action() + " " + c.address() + ": " + c.outcome() + (c.error().isEmpty() ? "" : " (" + c.error() + ")"));
                    }
                }
            }
            return 0;
        }
    }

    /** {@code state unlock STACK LOCK_ID}: remove a lock left by a dead run. */
    @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Remove a stack lock left behind by a run that died.")
    static final class Unlock extends WorkspaceCommand {
        @Parameters(index = "0", paramLabel = "STACK")
        String stack;

        @Parameters(index = "1", paramLabel = "LOCK_ID")
        String lockId;

        @Override
        public Integer call() {
            ForceUnlockCommand f = new ForceUnlockCommand();
            f.spec = spec;
            f.stack = stack;
            f.lockId = lockId;
            return f.call();
        }
    }
}
