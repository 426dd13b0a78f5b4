package dev.platctl.state.migrate;

import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Copies stacks from one store to another: resources, history, lineage and serial, each stack under its lock in both
 * stores, verified by {@link StackChecksum} after the copy. The source is only read. A stack already copied (same
 * checksum) is left as it is, so an interrupted migration can simply be run again.
 */
public final class StateMigration {
    /** One stack's outcome; {@code alreadyThere} when the target held the same stack before. */
    public record Result(String stack, int resources, int historyRecords, String checksum, boolean alreadyThere) {
    }

    private final StateStore source;
    private final StateStore target;

    public StateMigration(StateStore source, StateStore target) {
        this.source = source;
        this.target = target;
    }

    /** The stacks the source holds, for {@link #copy}. */
    public List<String> stacks() {
        return List.copyOf(source.stacks());
    }

    /**
     * Copies {@code stacks} in name order, stopping at the first failure (stacks copied before it stay copied).
     *
     * @throws StateStoreException when a stack differs in the target, or the copy does not match its source
     */
    public List<Result> copy(Collection<String> stacks, LockInfo who, Duration lockWait) {
        return new TreeSet<>(stacks).stream().map(s -> copy(s, who, lockWait)).toList();
    }

    private Result copy(String stack, LockInfo who, Duration lockWait) {
        try (StackLock from = source.lock(stack, who, lockWait); StackLock to = target.lock(stack, who, lockWait)) {
            StackState snapshot = from.current();
            if (snapshot.lineage().isEmpty())
                throw new StateStoreException("cannot migrate stack '" + stack + "': it has no state in the "
                        + source.backend() + " backend");
            List<HistoryEntry> history = source.history(stack);
            String checksum = StackChecksum.of(snapshot, history);
            StackState existing = to.current();
            boolean alreadyThere = !existing.lineage().isEmpty();
            if (alreadyThere) {
                if (!StackChecksum.of(existing, target.history(stack)).equals(checksum))
                    throw new StateStoreException("cannot migrate stack '" + stack + "': the " + target.backend()
                            + " backend already has a different stack of that name (lineage " + existing.lineage()
                            + ", serial " + existing.serial() + "; the source has lineage " + snapshot.lineage()
                            + ", serial " + snapshot.serial() + "). Remove it there first, or migrate elsewhere.");
            } else {
                to.restore(snapshot, history);
                String copied = StackChecksum.of(to.current(), target.history(stack));
                if (!copied.equals(checksum))
                    throw new StateStoreException("cannot migrate stack '" + stack + "': the copy in the "
                            + target.backend() + " backend does not match the source (checksum " + copied
                            + ", expected " + checksum + "); the source is unchanged");
            }
            return new Result(stack, snapshot.resources().size(), history.size(), checksum, alreadyThere);
        }
    }
}
