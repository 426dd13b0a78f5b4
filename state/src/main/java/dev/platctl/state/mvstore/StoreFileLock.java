package dev.platctl.state.mvstore;

import dev.platctl.engine.state.StateStoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operating-system lock that makes one process at a time the owner of a state file; the OS drops it when the
 * process dies, so a killed process never leaves a stale lock. The lock file's content is the owner's
 * {@link HolderRecord}; the lock covers a byte range past the content, so others can read it on every OS.
 *
 * <p>OS file locks belong to the whole process and closing any channel on the file may drop them, so locks held
 * by this JVM are kept in one JVM-wide table, and a file this JVM holds is never opened a second time.
 */
final class StoreFileLock {
    private static final long REGION = Long.MAX_VALUE - 1;
    private static final Map<Path, StoreFileLock> HELD_BY_THIS_JVM = new HashMap<>();
    private static final int READ_ATTEMPTS = 5;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private volatile HolderRecord record;

    private StoreFileLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock and publishes {@code record}, or returns empty when another process (or store) holds it. */
    static Optional<StoreFileLock> tryAcquire(Path lockFile, HolderRecord record) {
        Path key = key(lockFile);
        synchronized (HELD_BY_THIS_JVM) {
            if (HELD_BY_THIS_JVM.containsKey(key)) return Optional.empty();
            FileChannel channel = null;
            try {
                channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock(REGION, 1, false);
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                StoreFileLock held = new StoreFileLock(key, channel, lock);
                held.update(record);
                HELD_BY_THIS_JVM.put(key, held);
                return Optional.of(held);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new StateStoreException("cannot lock state file: cannot open " + key + " (" + e + ")", e);
            }
        }
    }

    /** Who holds the lock, as its holder published it; empty when that cannot be read. */
    static Optional<HolderRecord> holder(Path lockFile) {
        Path key = key(lockFile);
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            synchronized (HELD_BY_THIS_JVM) {
                StoreFileLock own = HELD_BY_THIS_JVM.get(key);
                if (own != null) return Optional.of(own.record);
                Optional<HolderRecord> r = HolderRecord.parse(readText(key));
                if (r.isPresent()) return r;
            }
            pause(20L * (attempt + 1));
        }
        return Optional.empty();
    }

    HolderRecord record() {
        return record;
    }

    /** Rewrites the published holder record. */
    void update(HolderRecord r) {
        byte[] bytes = r.toJson().getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            long at = 0;
            while (buf.hasRemaining()) at += channel.write(buf, at);
            channel.truncate(bytes.length);
            channel.force(false);
            record = r;
        } catch (IOException e) {
            throw new StateStoreException("cannot write lock holder to " + path + ": " + e, e);
        }
    }

    /** Clears the holder record and drops the lock. The file stays: deleting it would let two processes lock two different files of the same name. */
    void release() {
        synchronized (HELD_BY_THIS_JVM) {
            HELD_BY_THIS_JVM.remove(path, this);
            try {
                channel.truncate(0);
                lock.release();
            } catch (IOException ignored) {
                // closing the channel below releases the lock in any case
            } finally {
                closeQuietly(channel);
            }
        }
    }

    private static String readText(Path key) {
        try (FileChannel ch = FileChannel.open(key, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 20));
            while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
                continue;
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new StateStoreException("cannot read lock holder from " + key + ": " + e, e);
        }
    }

    private static Path key(Path lockFile) {
        return lockFile.toAbsolutePath().normalize();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
