package dev.platctl.state.s3;

import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StackState;
import dev.platctl.engine.state.StateLockedException;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.state.json.HistoryEntryJson;
import dev.platctl.state.json.LockInfoJson;
import dev.platctl.state.json.ResourceStateJson;
import dev.platctl.state.json.StateJson;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Keeps each stack as one S3 object, {@code <prefix>/<stack>/state.json}, written only with {@code If-Match} on the
 * ETag its writer read (so a stale writer never overwrites newer state), one object per history record, and a lock
 * object {@code lock.json} created with {@code If-None-Match: *} and removed when the lock is released.
 */
public final class S3StateStore implements StateStore {
    private static final Duration MAX_POLL = Duration.ofSeconds(2);

    private final S3Client s3;
    private final Bucket bucket;
    private final ObjectKeys keys;
    private final StackObject stackObject;
    private final boolean encrypted;
    private volatile boolean closed;

    /** Takes ownership of {@code s3}: closing the store closes it. */
    public S3StateStore(S3Client s3, String bucket, String prefix, ResourceStateJson codec) {
        this.s3 = s3;
        this.bucket = new Bucket(s3, bucket);
        this.keys = new ObjectKeys(prefix);
        this.stackObject = new StackObject(codec);
        this.encrypted = codec.keys().seals();
    }

    @Override
    public String backend() {
        return "s3";
    }

    String location() {
        return "s3://" + bucket.name() + "/" + keys.root();
    }

    @Override
    public List<String> warnings() {
        if (encrypted) return List.of();
        return List.of("state in " + location() + " keeps sensitive values (passwords, keys) unencrypted, readable by"
                + " anyone who can read the bucket; set encryption_key_env in the backend block to the environment"
                + " variable holding a key (openssl rand -base64 32)");
    }

    @Override
    public SortedSet<String> stacks() {
        checkOpen();
        SortedSet<String> out = new TreeSet<>();
        for (String stack : bucket.folders(keys.root()))
            if (bucket.get(keys.state(stack)).isPresent()) out.add(stack);
        return out;
    }

    @Override
    public StackState read(String stack) {
        checkOpen();
        return stored(stack).map(Bucket.Stored::bytes).map(b -> decode(stack, b)).orElse(StackState.empty(stack));
    }

    Optional<Bucket.Stored> stored(String stack) {
        return bucket.get(keys.state(stack));
    }

    StackState decode(String stack, byte[] bytes) {
        return stackObject.read(stack, bytes, "s3://" + bucket.name() + "/" + keys.state(stack));
    }

    byte[] encode(StackState state) {
        return stackObject.write(state);
    }

    @Override
    public StackLock lock(String stack, LockInfo requester, Duration wait) {
        checkOpen();
        byte[] body = StateJson.write(LockInfoJson.toJson(requester)).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + wait.toNanos();
        Duration poll = Duration.ofMillis(50);
        while (true) {
            Optional<String> etag = bucket.putIfAbsent(keys.lock(stack), body);
            if (etag.isPresent()) return new S3StackLock(this, bucket, keys, stack, requester, etag.get());
            Optional<LockInfo> holder = holder(stack);
            if (holder.isEmpty()) continue;
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) throw new StateLockedException(stack, holder.get());
            try {
                Thread.sleep(Math.max(1, Math.min(poll.toMillis(), remaining / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateLockedException(stack, holder.get());
            }
            poll = poll.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : poll.multipliedBy(2);
            checkOpen();
        }
    }

    /** Who holds the stack's lock now; empty when nobody does. */
    private Optional<LockInfo> holder(String stack) {
        return bucket.get(keys.lock(stack)).map(s -> lockInfo(stack, s));
    }

    private LockInfo lockInfo(String stack, Bucket.Stored s) {
        String where = "s3://" + bucket.name() + "/" + keys.lock(stack);
        try {
            return LockInfoJson.fromJson(StateJson.read(new String(s.bytes(), StandardCharsets.UTF_8), "lock object " + where));
        } catch (RuntimeException e) {
            if (e instanceof StateStoreException x) throw x;
            throw new StateStoreException("cannot read lock object " + where + ": it is incomplete (" + e + ")", e);
        }
    }

    @Override
    public void forceUnlock(String stack, String lockId) {
        checkOpen();
        Optional<Bucket.Stored> lock = bucket.get(keys.lock(stack));
        Optional<LockInfo> held = lock.map(s -> lockInfo(stack, s));
        if (held.isEmpty() || !held.get().id().equals(lockId))
            throw new StateStoreException("cannot force-unlock stack '" + stack + "': no lock with id " + lockId
                    + " is held" + held.map(h -> " (it is held by " + h.describe() + ")").orElse(""));
        if (!bucket.deleteIfMatch(keys.lock(stack), lock.get().etag()))
            throw new StateStoreException("cannot force-unlock stack '" + stack + "': the lock with id " + lockId
                    + " was released or replaced meanwhile");
    }

    @Override
    public List<HistoryEntry> history(String stack) {
        checkOpen();
        long serial = read(stack).serial();
        List<HistoryEntry> out = new ArrayList<>();
        for (String key : bucket.keys(keys.historyFolder(stack))) {
            Optional<Long> at = ObjectKeys.historySerial(key);
            if (at.isEmpty() || at.get() > serial) continue;
            bucket.get(key).ifPresent(s -> out.add(HistoryEntryJson.read(new String(s.bytes(), StandardCharsets.UTF_8))));
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        s3.close();
    }

    void checkOpen() {
        if (closed) throw new IllegalStateException("the state store " + location() + " is closed");
    }
}
