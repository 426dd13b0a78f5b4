package dev.platctl.engine.state;

import dev.platctl.engine.address.ResourceAddress;

import java.util.List;

/**
 * A held lock on one stack; the only way to write it. Each write is durable (on disk or committed in the
 * database) when the call returns, and costs O(size of the change), never a rewrite of the whole stack.
 */
public interface StackLock extends AutoCloseable {
    LockInfo info();

    /** The stack as it is now, including this lock's writes. */
    StackState current();

    /** Adds or replaces one resource. */
    void put(ResourceState resource);

    /** Removes one resource (no-op when absent). */
    void remove(ResourceAddress address);

    void appendHistory(HistoryEntry entry);

    /**
     * Writes a whole stack copied from another store (state migrate): its lineage, serial, resources and history
     * records, as one write. The stack must never have been written in this store.
     *
     * @throws StateStoreException when the stack already has state here
     */
    void restore(StackState snapshot, List<HistoryEntry> history);

    /** Releases the lock. */
    @Override
    void close();
}
