package dev.platctl.engine.state;

import java.time.Duration;
import java.util.List;
import java.util.SortedSet;

/** Where stacks are kept. Implementations live outside the engine and are found through {@link StateStoreFactory}. */
public interface StateStore extends AutoCloseable {
    /** The backend's name as written in {@code backend "<name>"}. */
    String backend();

    SortedSet<String> stacks();

    /** A snapshot of the stack; an empty state (lineage "", serial 0) for a stack never written. */
    StackState read(String stack);

    /**
     * Takes the stack's lock, waiting up to {@code wait} for a holder to release it.
     *
     * @throws StateLockedException naming the holder when it is still held after {@code wait}
     */
    StackLock lock(String stack, LockInfo requester, Duration wait);

    /** Removes a lock left by a dead process; {@code lockId} must match the holder's id. */
    void forceUnlock(String stack, String lockId);

    List<HistoryEntry> history(String stack);

    /** What the user should know about how this store is set up (e.g. a shared store without encryption); shown once when opened. */
    default List<String> warnings() {
        return List.of();
    }

    /**
     * Rewrites the store's own storage so that data overwritten or removed earlier (such as values stored before
     * encryption was turned on) is gone from it, not merely unreferenced; a no-op where the backend cannot or need not.
     */
    default void compact() {
    }

    @Override
    void close();
}
