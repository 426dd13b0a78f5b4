package dev.platctl.cli.bench;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateStore;

import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicLong;

/** Wraps a state store and adds up the time spent in writes, for the benchmark report. */
final class TimedStateStore implements StateStore {
    private final StateStore inner;
    final AtomicLong writes = new AtomicLong();
    final AtomicLong writeNanos = new AtomicLong();

    TimedStateStore(StateStore inner) {
        this.inner = inner;
    }

    @Override
    public String backend() {
        return inner.backend();
    }

    @Override
    public SortedSet<String> stacks() {
        return inner.stacks();
    }

    @Override
    public StackState read(String stack) {
        return inner.read(stack);
    }

    @Override
    public StackLock lock(String stack, LockInfo requester, Duration wait) {
        StackLock l = inner.lock(stack, requester, wait);
        return new StackLock() {
            @Override
            public LockInfo info() {
                return l.info();
            }

            @Override
            public StackState current() {
                return l.current();
            }

            @Override
            public void put(ResourceState resource) {
                time(() -> l.put(resource));
            }

            @Override
            public void remove(ResourceAddress address) {
                time(() -> l.remove(address));
            }

            @Override
            public void appendHistory(HistoryEntry entry) {
                time(() -> l.appendHistory(entry));
            }

            @Override
            public void restore(StackState snapshot, List<HistoryEntry> history) {
                time(() -> l.restore(snapshot, history));
            }

            @Override
            public void close() {
                l.close();
            }
        };
    }

    private void time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        writeNanos.addAndGet(System.nanoTime() - t0);
        writes.incrementAndGet();
    }

    @Override
    public void forceUnlock(String stack, String lockId) {
        inner.forceUnlock(stack, lockId);
    }

    @Override
    public List<HistoryEntry> history(String stack) {
        return inner.history(stack);
    }

    @Override
    public void close() {
        inner.close();
    }
}
