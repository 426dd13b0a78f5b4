package dev.platctl.engine.state;

import java.time.Instant;
import java.util.List;

/** One record per apply/destroy: who, when, which plan, what happened to each resource. */
public record HistoryEntry(long serial, Instant at, String who, String operation, String planHash,
                           List<Change> changes) {
    public HistoryEntry {
        changes = List.copyOf(changes);
    }

    /** What happened to one resource: {@code action} is the plan's action, {@code outcome} ok/failed/skipped. */
    public record Change(String address, String action, String outcome, String error) {
        public Change {
            error = error == null ? "" : error;
        }
    }
}
