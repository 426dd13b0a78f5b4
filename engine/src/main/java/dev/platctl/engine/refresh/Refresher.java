package dev.platctl.engine.refresh;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ConfigurationFailures;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.retry.RetryPolicy;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.value.Marks;
import dev.platctl.engine.value.ObjectValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every resource in state from its provider, in parallel, in batches where the provider can list, and resolves
 * interrupted creates: a pending intent is adopted when its object is found by its idempotency key
 * and dropped when not. Intent resolutions are written to state at once; drift is only reported. A read of one object
 * that fails with a retryable error (throttling) is tried again as {@link RetryPolicy} says. A batch read that fails is
 * not tried again: its objects are read one by one instead, in parallel, so one object the provider cannot read (or a
 * throttled call) neither fails the others nor makes the whole batch be read again, and each failure names its object.
 */
public final class Refresher {
    private final Providers providers;
    private final int parallelism;
    private final RetryPolicy retry;

    public Refresher(Providers providers, int parallelism) {
        this(providers, parallelism, RetryPolicy.DEFAULT);
    }

    public Refresher(Providers providers, int parallelism, RetryPolicy retry) {
        this.providers = providers;
        this.parallelism = Math.max(1, parallelism);
        this.retry = retry;
    }

    /** Refreshes the given stacks; with {@code read == false} only intents are resolved and state is taken as is. */
    public Map<ResourceAddress, Refreshed> refresh(Map<String, StackLock> stacks, boolean read, Diagnostics diags) {
        Map<ResourceAddress, Refreshed> out = new ConcurrentHashMap<>();
        ConfigurationFailures unconfigured = new ConfigurationFailures();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "platctl-refresh");
            t.setDaemon(true);
            return t;
        });
        Reads reads = new Reads(pool);
        try {
            for (Map.Entry<String, StackLock> e : stacks.entrySet()) {
                String stack = e.getKey();
                StackLock lock = e.getValue();
                Map<String, List<ResourceState>> byType = new TreeMap<>();
                for (ResourceState rs : lock.current().resources().values()) {
                    Optional<ResourceType> rt = providers.resourceType(rs.type());
                    if (rt.isEmpty()) {
                        diags.error("Cannot refresh " + rs.address(), "resource type " + rs.type()
                                + " in state is not served by any provider; it was created by a provider that is not installed.", null);
                        continue;
                    }
                    if (rs.status() == ResourceStatus.PENDING_CREATE) {
                        reads.submit(() -> resolveIntent(stack, lock, rt.get(), rs, out, unconfigured, diags));
                    } else if (!read) {
                        out.put(rs.address(), new Refreshed(stack, rs, Optional.of(rs.attributes()), false));
                    } else {
                        byType.computeIfAbsent(rs.type(), k -> new ArrayList<>()).add(rs);
                    }
                }
                byType.forEach((type, list) -> {
                    ResourceType rt = providers.resourceType(type).orElseThrow();
                    int size = Math.max(1, rt.readBatchSize());
                    for (int i = 0; i < list.size(); i += size) {
                        List<ResourceState> batch = list.subList(i, Math.min(list.size(), i + size));
                        reads.submit(() -> readBatch(stack, rt, batch, reads, out, unconfigured, diags));
                    }
                });
            }
            reads.awaitAll();
        } finally {
            pool.shutdownNow();
        }
        unconfigured.report("read", diags);
        return new TreeMap<>(out);
    }

    /** The reads of one refresh: tasks on its pool, which may submit more (one by one after a batch failed), awaited together. */
    private static final class Reads {
        private final ExecutorService pool;
        private final Queue<Future<?>> pending = new ConcurrentLinkedQueue<>();

        Reads(ExecutorService pool) {
            this.pool = pool;
        }

        void submit(Runnable task) {
            pending.add(pool.submit(task));
        }

        /** Waits for every task, those submitted by the tasks included: a task submits before it finishes, so none is missed. */
        void awaitAll() {
            for (Future<?> f; (f = pending.poll()) != null; ) await(f);
        }
    }

    /**
     * Reads a batch with one {@link ResourceType#readAll} call; a batch of one is read with {@link ResourceType#read} and
     * retried as the policy says. When the batch read fails its objects are each read on their own instead (not the batch
     * again: that would repeat every call of it, listing included, for the sake of one object or one throttled call) --
     * unless the provider cannot be configured: then no object of the batch can be read, and each is recorded as such.
     */
    private void readBatch(String stack, ResourceType rt, List<ResourceState> batch, Reads reads, Map<ResourceAddress, Refreshed> out,
                           ConfigurationFailures unconfigured, Diagnostics diags) {
        if (batch.size() == 1) {
            readOne(stack, rt, batch.get(0), out, unconfigured, diags);
            return;
        }
        List<Optional<ObjectValue>> read;
        try {
            read = rt.readAll(batch.stream().map(ResourceState::attributes).toList());
        } catch (RuntimeException ex) {
            if (ConfigurationFailures.cause(ex).isPresent()) {
                for (ResourceState rs : batch) {
                    unconfigured.record(rs.address(), ex);
                    out.put(rs.address(), new Refreshed(stack, rs, Optional.of(rs.attributes()), false));
                }
                return;
            }
            for (ResourceState rs : batch) reads.submit(() -> readOne(stack, rt, rs, out, unconfigured, diags));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            ResourceState rs = batch.get(i);
            out.put(rs.address(), new Refreshed(stack, rs, read.get(i).map(v -> Marks.remark(rs.attributes(), v)), false));
        }
    }

    /**
     * Reads one object; a failure is an error naming its address (and the provider's id for it), or recorded with the
     * provider's when the provider cannot be configured, and state is kept as it was.
     */
    private void readOne(String stack, ResourceType rt, ResourceState rs, Map<ResourceAddress, Refreshed> out,
                         ConfigurationFailures unconfigured, Diagnostics diags) {
        try {
            Optional<ObjectValue> read = retrying(() -> rt.read(rs.attributes()));
            out.put(rs.address(), new Refreshed(stack, rs, read.map(v -> Marks.remark(rs.attributes(), v)), false));
        } catch (RuntimeException ex) {
            if (!unconfigured.record(rs.address(), ex))
                diags.error("Cannot refresh " + rs.address(), ProviderException.told("read", rs.type() + " " + rs.address(), ex), null);
            out.put(rs.address(), new Refreshed(stack, rs, Optional.of(rs.attributes()), false));
        }
    }

    private void resolveIntent(String stack, StackLock lock, ResourceType rt, ResourceState rs,
                               Map<ResourceAddress, Refreshed> out, ConfigurationFailures unconfigured, Diagnostics diags) {
        try {
            Optional<ObjectValue> found = retrying(() -> rt.lookup(rs.idempotencyKey(), rs.attributes()));
            if (found.isPresent()) {
                ResourceState adopted = rs.withStatus(ResourceStatus.CREATED).withAttributes(Marks.remark(rs.attributes(), found.get()));
                lock.put(adopted);
                out.put(rs.address(), new Refreshed(stack, adopted, Optional.of(adopted.attributes()), false));
            } else {
                lock.remove(rs.address());
                out.put(rs.address(), new Refreshed(stack, rs, Optional.empty(), true));
            }
        } catch (RuntimeException ex) {
            if (unconfigured.record(rs.address(), ex)) return;
            diags.error("Cannot resolve interrupted create of " + rs.address(), "looking up " + rs.type() + " by its key \""
                    + rs.idempotencyKey() + "\" failed: " + ProviderException.reasonOf(ex) + ". The intent stays in state; retry the plan.", null);
        }
    }

    private <T> T retrying(java.util.function.Supplier<T> read) {
        return retry.call(read, () -> Thread.currentThread().isInterrupted(), RetryPolicy.Listener.NONE);
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.platctl.engine.PlatctlException("cannot refresh: interrupted", e);
        } catch (ExecutionException e) {
            throw new dev.platctl.engine.PlatctlException("cannot refresh: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
