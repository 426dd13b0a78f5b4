package dev.platctl.engine.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The locks of every stack one operation works on, taken in name order (so two operations never deadlock). */
public final class StackLocks implements AutoCloseable {
    private final Map<String, StackLock> locks;

    private StackLocks(Map<String, StackLock> locks) {
        this.locks = Collections.unmodifiableMap(locks);
    }

    /** Locks all {@code stacks}; on failure releases what it took and rethrows. */
    public static StackLocks acquire(StateStore store, Collection<String> stacks, LockInfo who, Duration wait) {
        Map<String, StackLock> taken = new TreeMap<>();
        try {
            for (String s : new TreeSet<>(stacks)) taken.put(s, store.lock(s, who, wait));
        } catch (RuntimeException e) {
            List<StackLock> rel = new ArrayList<>(taken.values());
            Collections.reverse(rel);
            for (StackLock l : rel) l.close();
            throw e;
        }
        return new StackLocks(taken);
    }

    public Map<String, StackLock> byStack() {
        return locks;
    }

    @Override
    public void close() {
        List<StackLock> rel = new ArrayList<>(locks.values());
        Collections.reverse(rel);
        for (StackLock l : rel) l.close();
    }
}
