package dev.platctl.state.s3;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.state.json.HistoryEntryJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A held lock object on one stack and the only writer of its state object. Every write rewrites the whole object
 * (S3 has no partial update) with {@code If-Match} on the ETag this lock last wrote or read; writes that arrive while
 * one is in flight are batched into the next rewrite, so concurrent writers share the cost.
 */
final class S3StackLock implements StackLock {
    /** A history record waiting for the rewrite that gives it its serial. */
    private record PendingHistory(long serial, int index, HistoryEntry entry) {
    }

    private final S3StateStore store;
    private final Bucket bucket;
    private final ObjectKeys keys;
    private final String stack;
    private final LockInfo info;
    private final String lockEtag;

    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition flushed = mutex.newCondition();
    private String lineage;
    private long serial;
    private TreeMap<ResourceAddress, ResourceState> resources;
    private final List<PendingHistory> pendingHistory = new ArrayList<>();
    private String etag;
    private long storedSerial;
    private long recorded;
    private long durable;
    private boolean flushing;
    private boolean released;
    private RuntimeException broken;

    S3StackLock(S3StateStore store, Bucket bucket, ObjectKeys keys, String stack, LockInfo info, String lockEtag) {
        this.store = store;
        this.bucket = bucket;
        this.keys = keys;
        this.stack = stack;
        this.info = info;
        this.lockEtag = lockEtag;
        try {
            Optional<Bucket.Stored> stored = store.stored(stack);
            StackState s = stored.map(b -> store.decode(stack, b.bytes())).orElse(StackState.empty(stack));
            this.etag = stored.map(Bucket.Stored::etag).orElse(null);
            this.lineage = s.lineage();
            this.serial = s.serial();
            this.storedSerial = s.serial();
            this.resources = new TreeMap<>(s.resources());
        } catch (RuntimeException e) {
            bucket.deleteIfMatch(keys.lock(stack), lockEtag);
            throw e;
        }
    }

    @Override
    public LockInfo info() {
        return info;
    }

    @Override
    public StackState current() {
        mutex.lock();
        try {
            return new StackState(stack, lineage, serial, resources);
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public void put(ResourceState resource) {
        write(() -> {
            resources.put(resource.address(), resource);
            return true;
        });
    }

    @Override
    public void remove(ResourceAddress address) {
        write(() -> resources.remove(address) != null);
    }

    @Override
    public void appendHistory(HistoryEntry entry) {
        write(() -> {
            pendingHistory.add(new PendingHistory(serial + 1, 0, entry));
            return true;
        });
    }

    @Override
    public void restore(StackState snapshot, List<HistoryEntry> history) {
        mutex.lock();
        try {
            checkUsable();
            if (etag != null || serial != 0)
                throw new StateStoreException("cannot restore stack '" + stack + "': it already has state here");
            lineage = snapshot.lineage();
            serial = snapshot.serial();
            resources = new TreeMap<>(snapshot.resources());
            for (int i = 0; i < history.size(); i++) pendingHistory.add(new PendingHistory(serial, i, history.get(i)));
            awaitDurable(++recorded);
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public void close() {
        mutex.lock();
        try {
            if (released) return;
            released = true;
        } finally {
            mutex.unlock();
        }
        bucket.deleteIfMatch(keys.lock(stack), lockEtag);
    }

    /** Applies a change to this lock's copy (when it changes anything) and returns once a rewrite holding it is stored. */
    private void write(BooleanSupplier change) {
        mutex.lock();
        try {
            checkUsable();
            if (!change.getAsBoolean()) return;
            if (lineage.isEmpty()) lineage = UUID.randomUUID().toString();
            serial++;
            awaitDurable(++recorded);
        } finally {
            mutex.unlock();
        }
    }

    /** Called holding the mutex; the first waiter rewrites the object for every change recorded so far. */
    private void awaitDurable(long ticket) {
        while (durable < ticket) {
            checkUsable();
            if (flushing) {
                flushed.awaitUninterruptibly();
                continue;
            }
            flushing = true;
            long covered = recorded;
            StackState snapshot = new StackState(stack, lineage, serial, resources);
            List<PendingHistory> history = List.copyOf(pendingHistory);
            pendingHistory.clear();
            String expected = etag;
            long readSerial = storedSerial;
            mutex.unlock();
            String written = null;
            RuntimeException failure = null;
            try {
                written = rewrite(snapshot, history, expected, readSerial);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                mutex.lock();
                flushing = false;
                if (failure == null) {
                    etag = written;
                    storedSerial = snapshot.serial();
                    durable = covered;
                } else {
                    broken = failure;
                }
                flushed.signalAll();
            }
            if (failure != null) throw failure;
        }
    }

    /** Stores the snapshot if the state object is still at {@code expected}, then its history records; the new ETag. */
    private String rewrite(StackState snapshot, List<PendingHistory> history, String expected, long readSerial) {
        Optional<Bucket.Stored> lock = bucket.get(keys.lock(stack));
        if (lock.isEmpty() || !lock.get().etag().equals(lockEtag))
            throw new IllegalStateException("cannot write stack '" + stack + "': its lock (id " + info.id()
                    + ") was force-unlocked" + (lock.isPresent() ? " and is now held by someone else" : ""));
        byte[] bytes = store.encode(snapshot);
        Optional<String> written = expected == null
                ? bucket.putIfAbsent(keys.state(stack), bytes)
                : bucket.putIfMatch(keys.state(stack), bytes, expected);
        if (written.isEmpty())
            throw new StateConflictException(stack, store.read(stack).serial(), readSerial);
        for (PendingHistory h : history) {
            byte[] record = HistoryEntryJson.write(h.entry()).getBytes(StandardCharsets.UTF_8);
            if (bucket.putIfAbsent(keys.history(stack, h.serial(), h.index()), record).isEmpty())
                throw new StateStoreException("cannot write history of stack '" + stack + "': a record for serial "
                        + h.serial() + " already exists");
        }
        return written.get();
    }

    private void checkUsable() {
        store.checkOpen();
        if (released) throw new IllegalStateException("cannot write stack '" + stack + "': its lock was released");
        if (broken instanceof IllegalStateException e) throw new IllegalStateException(e.getMessage(), e);
        if (broken != null) throw new StateStoreException("cannot write stack '" + stack + "': an earlier write through"
                + " this lock failed (" + broken.getMessage() + ")", broken);
    }
}
