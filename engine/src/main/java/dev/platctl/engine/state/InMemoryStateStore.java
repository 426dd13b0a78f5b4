package dev.platctl.engine.state;

import dev.platctl.engine.address.ResourceAddress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** A thread-safe state store kept in memory, with the same serial, lineage and lock semantics as the real backends. */
public final class InMemoryStateStore implements StateStore {
    private final Map<String, Stack> stacks = new HashMap<>();
    private final Map<String, Held> locks = new HashMap<>();
    private boolean closed;

    /** One stack's data; guarded by the store's monitor. */
    private static final class Stack {
        String lineage = "";
        long serial;
        final TreeMap<ResourceAddress, ResourceState> resources = new TreeMap<>();
        final List<HistoryEntry> history = new ArrayList<>();
    }

    @Override
    public String backend() {
        return "memory";
    }

    @Override
    public synchronized SortedSet<String> stacks() {
        checkOpen();
        return new TreeSet<>(stacks.keySet());
    }

    @Override
    public synchronized StackState read(String stack) {
        checkOpen();
        Stack s = stacks.get(stack);
        return s == null ? StackState.empty(stack) : new StackState(stack, s.lineage, s.serial, s.resources);
    }

    @Override
    public synchronized StackLock lock(String stack, LockInfo requester, Duration wait) {
        checkOpen();
        long deadline = System.nanoTime() + wait.toNanos();
        while (locks.containsKey(stack)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) throw new StateLockedException(stack, locks.get(stack).info);
            try {
                wait(Math.max(1, remaining / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateLockedException(stack, locks.get(stack).info);
            }
            checkOpen();
        }
        Held held = new Held(stack, requester);
        locks.put(stack, held);
        return held;
    }

    @Override
    public synchronized void forceUnlock(String stack, String lockId) {
        checkOpen();
        Held held = locks.get(stack);
        if (held == null || !held.info.id().equals(lockId))
            throw new StateStoreException("cannot force-unlock stack '" + stack + "': no lock with id " + lockId
                    + " is held" + (held == null ? "" : " (it is held by " + held.info.describe() + ")"));
        release(held);
    }

    @Override
    public synchronized List<HistoryEntry> history(String stack) {
        checkOpen();
        Stack s = stacks.get(stack);
        return s == null ? List.of() : List.copyOf(s.history);
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Held h : List.copyOf(locks.values())) release(h);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the in-memory state store is closed");
    }

    private void release(Held held) {
        held.released = true;
        locks.remove(held.stack, held);
        notifyAll();
    }

    private static void checkHeld(Held held) {
        if (held.released)
            throw new IllegalStateException("cannot write stack '" + held.stack + "': its lock was released");
    }

    private Stack written(Held held) {
        checkHeld(held);
        Stack s = stacks.computeIfAbsent(held.stack, k -> new Stack());
        if (s.lineage.isEmpty()) s.lineage = UUID.randomUUID().toString();
        s.serial++;
        return s;
    }

    /** A held stack lock; its writes go through the store's monitor. */
    private final class Held implements StackLock {
        final String stack;
        final LockInfo info;
        boolean released;

        Held(String stack, LockInfo info) {
            this.stack = stack;
            this.info = info;
        }

        @Override
        public LockInfo info() {
            return info;
        }

        @Override
        public StackState current() {
            return read(stack);
        }

        @Override
        public void put(ResourceState resource) {
            synchronized (InMemoryStateStore.this) {
                written(this).resources.put(resource.address(), resource);
            }
        }

        @Override
        public void remove(ResourceAddress address) {
            synchronized (InMemoryStateStore.this) {
                checkHeld(this);
                Stack s = stacks.get(stack);
                if (s == null || !s.resources.containsKey(address)) return;
                written(this).resources.remove(address);
            }
        }

        @Override
        public void appendHistory(HistoryEntry entry) {
            synchronized (InMemoryStateStore.this) {
                written(this).history.add(entry);
            }
        }

        @Override
        public void restore(StackState snapshot, List<HistoryEntry> history) {
            synchronized (InMemoryStateStore.this) {
                checkHeld(this);
                if (stacks.containsKey(stack))
                    throw new StateStoreException("cannot restore stack '" + stack + "': it already has state here");
                Stack s = new Stack();
                s.lineage = snapshot.lineage();
                s.serial = snapshot.serial();
                s.resources.putAll(snapshot.resources());
                s.history.addAll(history);
                stacks.put(stack, s);
            }
        }

        @Override
        public void close() {
            synchronized (InMemoryStateStore.this) {
                if (!released) release(this);
            }
        }
    }
}
