package dev.platctl.state.crypto;

import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StateStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-encrypts every stack of a store opened with a rotated backend block ({@link EncryptionSettings#rotated}): each
 * resource holding sensitive values is rewritten, so it is sealed with the new key, one stack at a time under its lock.
 * Running it again after an interruption finishes the job, since the old keys still decrypt. Then the store is
 * compacted, so values stored under the old key (or none) do not linger in its storage.
 */
public final class StateRekey {
    /** What was rewritten in one stack. */
    public record Result(String stack, int resources) {
    }

    private final StateStore store;
    private final Clock clock;

    public StateRekey(StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<Result> run(LockInfo who, Duration lockWait) {
        List<Result> results = new ArrayList<>();
        for (String stack : store.stacks()) {
            try (StackLock lock = store.lock(stack, who, lockWait)) {
                List<HistoryEntry.Change> changes = new ArrayList<>();
                for (ResourceState r : lock.current().resources().values()) {
                    if (!r.attributes().containsSensitive()) continue;
                    lock.put(r);
                    changes.add(new HistoryEntry.Change(r.address().toString(), "rekey", "ok", ""));
                }
                if (!changes.isEmpty())
                    lock.appendHistory(new HistoryEntry(lock.current().serial() + 1, clock.instant(), who.who(),
                            "state rekey", "", changes));
                results.add(new Result(stack, changes.size()));
            }
        }
        store.compact();
        return results;
    }
}
