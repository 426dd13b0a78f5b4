package dev.platctl.state.mvstore;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;

import java.util.List;

/** A held lock on one stack of an {@link MvStoreStateStore}; safe to write through from many threads at once. */
final class MvStoreStackLock implements StackLock {
    private final MvStoreStateStore owner;
    private final String stack;
    private final LockInfo info;
    private final StateFile file;
    private volatile boolean released;

    MvStoreStackLock(MvStoreStateStore owner, String stack, LockInfo info, StateFile file) {
        this.owner = owner;
        this.stack = stack;
        this.info = info;
        this.file = file;
    }

    String stack() {
        return stack;
    }

    @Override
    public LockInfo info() {
        return info;
    }

    @Override
    public StackState current() {
        checkHeld("read");
        return file.read(stack);
    }

    @Override
    public void put(ResourceState resource) {
        checkHeld("write");
        file.put(stack, resource);
    }

    @Override
    public void remove(ResourceAddress address) {
        checkHeld("write");
        file.remove(stack, address);
    }

    @Override
    public void appendHistory(HistoryEntry entry) {
        checkHeld("write");
        file.appendHistory(stack, entry);
    }

    @Override
    public void restore(StackState snapshot, List<HistoryEntry> history) {
        checkHeld("write");
        file.restore(stack, snapshot, history);
    }

    @Override
    public void close() {
        owner.unlock(this);
    }

    /** Marks the lock released; returns false when it already was. Called by the store under its mutex. */
    boolean markReleased() {
        boolean was = released;
        released = true;
        return !was;
    }

    private void checkHeld(String verb) {
        if (released)
            throw new IllegalStateException("cannot " + verb + " stack '" + stack + "': its lock was released");
    }
}
