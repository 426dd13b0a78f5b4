package dev.platctl.providers.aws;

import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.value.ObjectValue;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The batch read of a type that can list: one listing (by the batch's ids, or of everything) tells which objects still
 * exist, then each one listed is read in detail, in parallel when the details take calls of their own. An object that
 * is not listed, or vanishes between the listing and its detail calls (a not-found error), is gone, as a read of it on
 * its own would say.
 * <p>
 * Detail reads run on the service's shared pool ({@link AwsClients#detailReads}), which has as many threads as the
 * service may have calls in flight; the service's {@link ConcurrencyLimit} still bounds the calls themselves, across
 * every batch and every other call of the provider. This cannot deadlock: a thread holds a permit only for the length of
 * one SDK call, never while it waits for anything else; the listing's call has ended, and its permit is back, before any
 * detail read is submitted; and a detail read submits nothing. So a caller waiting for its detail reads holds no permit,
 * and every detail read it waits for can get one. Keep it so: a change that waits for a detail read while holding a
 * permit (inside a listing's call, say) could block for ever once the pool's threads all wait for permits.
 * <p>
 * A batch read returns or throws only when none of its detail reads is running: after the first failure (or an
 * interrupt) those not started never start and those running are interrupted and waited for, so no call of a batch
 * outlives it and overlaps whatever the caller does next (another read of the same objects, say).
 */
final class BatchRead {
    private BatchRead() {
    }

    /** The detail read of one listed object: its state as read, empty when it turned out to be gone. */
    @FunctionalInterface
    interface Details<L> {
        Optional<ObjectValue> read(ObjectValue state, L listed);
    }

    /**
     * Reads a batch whose listing holds everything the state needs (no detail calls): listed objects are mapped in turn.
     *
     * @param key  the object's key in the listing (its id or name), from its state
     * @param list the listing of the given keys (it may hold more): listed object by key
     * @param from the state of a listed object
     */
    static <L> List<Optional<ObjectValue>> listed(String type, List<ObjectValue> states, Function<ObjectValue, String> key,
                                                  Function<List<String>, Map<String, L>> list,
                                                  java.util.function.BiFunction<ObjectValue, L, ObjectValue> from) {
        return read(type, null, states, key, list, (s, l) -> Optional.of(from.apply(s, l)), Set.of());
    }

    /**
     * Reads a batch whose listed objects each need detail calls, made in parallel on {@code pool}.
     *
     * @param pool    the service's pool for detail reads ({@link AwsClients#detailReads})
     * @param details the detail read of a listed object; an SDK error with one of the {@code gone} codes (or a 404)
     *                means the object vanished after the listing
     */
    static <L> List<Optional<ObjectValue>> detailed(String type, ExecutorService pool, List<ObjectValue> states,
                                                    Function<ObjectValue, String> key, Function<List<String>, Map<String, L>> list,
                                                    Details<L> details, Set<String> gone) {
        return read(type, pool, states, key, list, details, gone);
    }

    private static <L> List<Optional<ObjectValue>> read(String type, ExecutorService pool, List<ObjectValue> states,
                                                        Function<ObjectValue, String> key, Function<List<String>, Map<String, L>> list,
                                                        Details<L> details, Set<String> gone) {
        List<String> keys = states.stream().map(key).toList();
        Map<String, L> found = AwsErrors.call("read", type, null, () -> list.apply(keys.stream().distinct().toList()));
        long listed = keys.stream().filter(found::containsKey).count();
        if (pool == null || listed <= 1) {
            List<Optional<ObjectValue>> out = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) out.add(detail(type, states.get(i), keys.get(i), found.get(keys.get(i)), details, gone));
            return out;
        }
        Running running = new Running();
        List<Future<Optional<ObjectValue>>> reads = new ArrayList<>();
        try {
            for (int i = 0; i < states.size(); i++) {
                ObjectValue s = states.get(i);
                String k = keys.get(i);
                L l = found.get(k);
                reads.add(l == null ? CompletableFuture.completedFuture(Optional.empty())
                        : pool.submit(() -> running.run(() -> detail(type, s, k, l, details, gone))));
            }
            List<Optional<ObjectValue>> out = new ArrayList<>();
            for (Future<Optional<ObjectValue>> f : reads) out.add(await(type, f));
            return out;
        } finally {
            for (Future<Optional<ObjectValue>> f : reads) f.cancel(true);
            running.closeAndAwait();
        }
    }

    /**
     * The detail reads of one batch that are running: new ones start only until one fails or the batch closes it; closing
     * waits for those running.
     */
    private static final class Running {
        private int count;
        private boolean closed;

        <T> Optional<T> run(java.util.function.Supplier<Optional<T>> read) {
            synchronized (this) {
                if (closed) return Optional.empty();
                count++;
            }
            try {
                return read.get();
            } catch (RuntimeException e) {
                synchronized (this) {
                    closed = true;
                }
                throw e;
            } finally {
                synchronized (this) {
                    count--;
                    notifyAll();
                }
            }
        }

        synchronized void closeAndAwait() {
            closed = true;
            boolean interrupted = false;
            while (count > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** A listing's objects by their key. */
    static <T> Map<String, T> index(Iterable<T> listing, Function<T, String> key) {
        Map<String, T> out = new java.util.HashMap<>();
        for (T t : listing) out.put(key.apply(t), t);
        return out;
    }

    private static <L> Optional<ObjectValue> detail(String type, ObjectValue state, String key, L listed, Details<L> details,
                                                    Set<String> gone) {
        if (listed == null) return Optional.empty();
        try {
            return details.read(state, listed);
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e, gone)) return Optional.empty();
            throw AwsErrors.translate("read", type, key, e);
        }
    }

    private static Optional<ObjectValue> await(String type, Future<Optional<ObjectValue>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.of("read", type, null, "interrupted", false, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw ProviderException.of("read", type, null, String.valueOf(e.getCause()), false, e.getCause());
        }
    }
}
