package dev.platctl.state.mvstore;

import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateLockedException;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.state.json.ResourceStateJson;
import org.h2.mvstore.MVStoreTool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The default state store: one embedded H2 MVStore file in the workspace. One process at a time opens the file,
 * guarded by an OS lock on {@code <file>.lock} that also names the holder; the file is open only while this
 * process holds a stack lock or is reading, so other processes wait only for real work.
 */
public final class MvStoreStateStore implements StateStore {
    private static final long MAX_BACKOFF_MILLIS = 250;
    private static final Duration COMPACT_WAIT = Duration.ofMinutes(1);

    private final Path path;
    private final ResourceStateJson codec;
    private final Path lockPath;
    private final LocalProcess process;
    private final Object mutex = new Object();
    private final Map<String, LockInfo> holders = new HashMap<>();
    private final Map<String, MvStoreStackLock> granted = new HashMap<>();
    private StateFile file;
    private StoreFileLock fileLock;
    private LockInfo opener;
    private int users;
    private boolean closed;

    public MvStoreStateStore(Path path, Clock clock) {
        this(path, clock, ResourceStateJson.PLAIN);
    }

    /** @param codec how resources are stored, with the keys that seal their sensitive values */
    public MvStoreStateStore(Path path, Clock clock, ResourceStateJson codec) {
        this.path = path.toAbsolutePath().normalize();
        this.codec = codec;
        this.lockPath = this.path.resolveSibling(this.path.getFileName() + ".lock");
        this.process = new LocalProcess(clock);
    }

    public Path path() {
        return path;
    }

    @Override
    public String backend() {
        return "local";
    }

    @Override
    public SortedSet<String> stacks() {
        return reading(null, StateFile::stacks, new TreeSet<>());
    }

    @Override
    public StackState read(String stack) {
        return reading(stack, f -> f.read(stack), StackState.empty(stack));
    }

    @Override
    public List<HistoryEntry> history(String stack) {
        return reading(stack, f -> f.history(stack), List.of());
    }

    @Override
    public StackLock lock(String stack, LockInfo requester, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (mutex) {
            checkOpen();
            while (holders.containsKey(stack)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) throw new StateLockedException(stack, holders.get(stack));
                try {
                    mutex.wait(Math.max(1, remaining / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StateLockedException(stack, holders.get(stack));
                }
                checkOpen();
            }
            holders.put(stack, requester);
        }
        StateFile f;
        try {
            f = acquire(stack, requester, deadline);
        } catch (RuntimeException e) {
            synchronized (mutex) {
                holders.remove(stack);
                mutex.notifyAll();
            }
            throw e;
        }
        synchronized (mutex) {
            MvStoreStackLock lock = new MvStoreStackLock(this, stack, requester, f);
            granted.put(stack, lock);
            publishHolders();
            return lock;
        }
    }

    @Override
    public void forceUnlock(String stack, String lockId) {
        synchronized (mutex) {
            checkOpen();
            MvStoreStackLock lock = granted.get(stack);
            if (lock != null && lock.info().id().equals(lockId)) {
                unlock(lock);
                return;
            }
            if (lock != null)
                throw new StateStoreException("cannot force-unlock stack '" + stack + "': it is held by "
                        + lock.info().describe() + ", not by lock id " + lockId);
        }
        Optional<StoreFileLock> free = StoreFileLock.tryAcquire(lockPath, new HolderRecord(process.reading(), Map.of()));
        if (free.isPresent()) {
            free.get().release();
            throw new StateStoreException("cannot force-unlock stack '" + stack + "': no process holds a lock on it."
                    + " Locks of the local backend end when their process ends, so there is nothing to remove.");
        }
        String holder = StoreFileLock.holder(lockPath).map(r -> r.holderOf(stack).describe()).orElse("another process");
        throw new StateStoreException("cannot force-unlock stack '" + stack + "': it is held by " + holder
                + ", which is still running. The lock ends when that process ends; stop it if it is stuck.");
    }

    /** Copies the live data into a fresh file that replaces the old one, so overwritten values leave no trace in it. */
    @Override
    public void compact() {
        synchronized (mutex) {
            checkOpen();
            if (file == null && !Files.exists(path)) return;
        }
        acquire(null, process.reading(), System.nanoTime() + COMPACT_WAIT.toNanos());
        synchronized (mutex) {
            try {
                if (users != 1)
                    throw new StateStoreException("cannot compact state file " + path + ": it is in use by this process");
                file.close();
                try {
                    MVStoreTool.compact(path.toString(), false);
                } catch (RuntimeException e) {
                    throw new StateStoreException("cannot compact state file " + path + ": " + e.getMessage(), e);
                } finally {
                    file = StateFile.open(path, codec);
                }
            } finally {
                release();
            }
        }
    }

    @Override
    public void close() {
        synchronized (mutex) {
            if (closed) return;
            for (MvStoreStackLock lock : List.copyOf(granted.values())) unlock(lock);
            closed = true;
            if (file != null) closeFile();
            mutex.notifyAll();
        }
    }

    /** Releases a stack lock (once); closes the file when nothing else uses it. */
    void unlock(MvStoreStackLock lock) {
        synchronized (mutex) {
            if (!lock.markReleased()) return;
            granted.remove(lock.stack(), lock);
            holders.remove(lock.stack());
            mutex.notifyAll();
            publishHolders();
            release();
        }
    }

    private <T> T reading(String stack, Function<StateFile, T> read, T whenNoFile) {
        synchronized (mutex) {
            checkOpen();
            if (file == null && !Files.exists(path)) return whenNoFile;
        }
        StateFile f = acquire(stack, process.reading(), System.nanoTime());
        try {
            return read.apply(f);
        } finally {
            synchronized (mutex) {
                release();
            }
        }
    }

    /**
     * Opens the file for one more user, waiting until {@code deadline} while another process holds it.
     *
     * @param stack the stack to name in a lock error, or null when reading across stacks
     */
    private StateFile acquire(String stack, LockInfo asking, long deadline) {
        long backoff = 5;
        boolean lastTry = false;
        while (true) {
            synchronized (mutex) {
                checkOpen();
                if (file == null) open(asking);
                if (file != null) {
                    users++;
                    return file;
                }
            }
            Optional<HolderRecord> holder = StoreFileLock.holder(lockPath);
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                if (holder.isEmpty() && !lastTry) {
                    lastTry = true;
                    continue;
                }
                HolderRecord h = holder.orElse(new HolderRecord(HolderRecord.UNKNOWN, Map.of()));
                throw new StateLockedException(h.stackShown(stack), h.holderOf(stack));
            }
            try {
                Thread.sleep(Math.max(1, Math.min(backoff, remaining / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                HolderRecord h = holder.orElse(new HolderRecord(HolderRecord.UNKNOWN, Map.of()));
                throw new StateLockedException(h.stackShown(stack), h.holderOf(stack));
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    /** Called under the mutex: takes the OS lock and opens the file, or leaves {@code file} null when another process holds it. */
    private void open(LockInfo asking) {
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new StateStoreException("cannot create the directory for state file " + path + ": " + e, e);
        }
        Optional<StoreFileLock> lock = StoreFileLock.tryAcquire(lockPath, new HolderRecord(asking, Map.of()));
        if (lock.isEmpty()) return;
        try {
            file = StateFile.open(path, codec);
        } catch (RuntimeException e) {
            lock.get().release();
            throw e;
        }
        fileLock = lock.get();
        opener = asking;
    }

    /** Called under the mutex. */
    private void release() {
        if (--users == 0) closeFile();
    }

    /** Called under the mutex. */
    private void closeFile() {
        try {
            file.close();
        } finally {
            fileLock.release();
            file = null;
            fileLock = null;
            users = 0;
        }
    }

    /** Called under the mutex: tells other processes which stacks this one holds. */
    private void publishHolders() {
        if (fileLock == null) return;
        Map<String, LockInfo> held = new HashMap<>();
        granted.forEach((stack, lock) -> held.put(stack, lock.info()));
        fileLock.update(new HolderRecord(opener, held));
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the state store " + path + " is closed");
    }
}
