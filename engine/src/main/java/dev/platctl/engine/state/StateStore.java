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

    @Override
    void close();
}
