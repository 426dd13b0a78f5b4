package dev.platctl.state.mvstore;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes concurrent writes durable together: the first writer to wait becomes the leader and runs one
 * commit-and-sync covering every write recorded before it started; the others wait for a sync that covers theirs.
 */
final class GroupCommitter {
    private final Runnable commitAndSync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    private long recorded;
    private long durable;
    private boolean syncing;
    private long syncs;

    GroupCommitter(Runnable commitAndSync) {
        this.commitAndSync = commitAndSync;
    }

    /**
     * Records a write whose data is already in the store's memory; returns the ticket to wait for. Call it after
     * the change is applied, so that a sync started after this call includes the change.
     */
    long recordWrite() {
        lock.lock();
        try {
            return ++recorded;
        } finally {
            lock.unlock();
        }
    }

    /** Returns once a commit-and-sync that started after {@code ticket} was recorded has finished. */
    void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (durable < ticket) {
                if (syncing) {
                    synced.awaitUninterruptibly();
                    continue;
                }
                syncing = true;
                long covered = recorded;
                boolean ok = false;
                lock.unlock();
                try {
                    commitAndSync.run();
                    ok = true;
                } finally {
                    lock.lock();
                    syncing = false;
                    if (ok) {
                        durable = covered;
                        syncs++;
                    }
                    synced.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many commit-and-syncs ran; with concurrent writers this is lower than the number of writes. */
    long syncs() {
        lock.lock();
        try {
            return syncs;
        } finally {
            lock.unlock();
        }
    }
}
