package dev.platctl.engine.refresh;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostics;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every resource in state from its provider, in parallel, in batches where the provider can list, and resolves
 * interrupted creates: a pending intent is adopted when its object is found by its idempotency key
 * and dropped when not. Intent resolutions are written to state at once; drift is only reported. A read that fails with
 * a retryable error (throttling) is tried again as {@link RetryPolicy} says.
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
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "platctl-refresh");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
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
                        futures.add(pool.submit(() -> resolveIntent(stack, lock, rt.get(), rs, out, diags)));
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
                        futures.add(pool.submit(() -> readBatch(stack, rt, batch, out, diags)));
                    }
                });
            }
            for (Future<?> f : futures) await(f);
        } finally {
            pool.shutdownNow();
        }
        return new TreeMap<>(out);
    }

    private void readBatch(String stack, ResourceType rt, List<ResourceState> batch, Map<ResourceAddress, Refreshed> out,
                           Diagnostics diags) {
        try {
            List<ObjectValue> states = batch.stream().map(ResourceState::attributes).toList();
            List<Optional<ObjectValue>> read = retrying(() -> rt.readAll(states));
            for (int i = 0; i < batch.size(); i++) {
                ResourceState rs = batch.get(i);
                out.put(rs.address(), new Refreshed(stack, rs, read.get(i).map(v -> Marks.remark(rs.attributes(), v)), false));
            }
        } catch (RuntimeException ex) {
            for (ResourceState rs : batch) {
                diags.error("Cannot refresh " + rs.address(), readFailure(rs, batch.size(), ex), null);
                out.put(rs.address(), new Refreshed(stack, rs, Optional.of(rs.attributes()), false));
            }
        }
    }

    private void resolveIntent(String stack, StackLock lock, ResourceType rt, ResourceState rs,
                               Map<ResourceAddress, Refreshed> out, Diagnostics diags) {
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
            diags.error("Cannot resolve interrupted create of " + rs.address(), "looking up " + rs.type() + " by its key \""
                    + rs.idempotencyKey() + "\" failed: " + ProviderException.reasonOf(ex) + ". The intent stays in state; retry the plan.", null);
        }
    }

    /**
     * {@code cannot read <type> <address>: <reason>} for each resource of a failed batch: told as the engine tells any
     * provider failure ({@link ProviderException#told}) when the batch is that one resource; the failure of a batch of
     * several is not that of each, so only its reason is given.
     */
    static String readFailure(ResourceState rs, int batchSize, RuntimeException ex) {
        String what = rs.type() + " " + rs.address();
        if (batchSize == 1) return ProviderException.told("read", what, ex);
        return "cannot read " + what + ": " + ProviderException.reasonOf(ex);
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
