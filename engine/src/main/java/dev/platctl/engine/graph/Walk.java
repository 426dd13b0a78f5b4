package dev.platctl.engine.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The scheduling state of one {@link Walker#walk} call.
 *
 * <p>Every mutable field is guarded by {@code lock}; actions and listener calls run outside it. A
 * node moves WAITING (dependencies unfinished) to READY (queued; holds a slot of its group) to
 * DISPATCHED (holds an overall slot) to RUNNING to DONE. A worker that finishes a node runs the next
 * ready node itself instead of handing it to another thread, which keeps chains of fast actions cheap.
 */
final class Walk<V> {

    private static final byte WAITING = 0;
    private static final byte READY = 1;
    private static final byte DISPATCHED = 2;
    private static final byte RUNNING = 3;
    private static final byte DONE = 4;
    private static final int NONE = -1;

    private final Dag<V> dag;
    private final List<V> nodes;
    private final int size;
    private final NodeAction<V> action;
    private final WalkListener<? super V> listener;
    private final Cancellation cancellation;
    private final int parallelism;
    private final int[] groupOf;
    private final int[] groupLimit;
    private final ExecutorService pool;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final byte[] state;
    private final int[] remaining;
    private final NodeOutcome[] outcomes;
    private final Throwable[] errors;
    private final int[] skipCause;
    private final int[] groupClaimed;
    private final List<ArrayDeque<Integer>> groupWaiting = new ArrayList<>();
    private final ArrayDeque<Integer> ready = new ArrayDeque<>();
    private int running;
    private int finished;
    private boolean cancelRequested;
    private boolean cancelApplied;

    Walk(Dag<V> dag, NodeAction<V> action, WalkOptions<V> options) {
        this.dag = dag;
        this.nodes = dag.nodes();
        this.size = nodes.size();
        this.action = action;
        this.listener = options.listener();
        this.cancellation = options.cancellation();
        this.parallelism = options.parallelism();
        this.state = new byte[size];
        this.remaining = new int[size];
        this.outcomes = new NodeOutcome[size];
        this.errors = new Throwable[size];
        this.skipCause = new int[size];
        this.groupOf = new int[size];
        Map<String, Integer> groupIndex = new HashMap<>();
        List<Integer> limits = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            V node = nodes.get(i);
            String group = Objects.requireNonNull(options.group().apply(node),
                    () -> "cannot walk node " + node + ": the group function returned null");
            groupOf[i] = groupIndex.computeIfAbsent(group, g -> {
                limits.add(options.groupLimits().getOrDefault(g, Integer.MAX_VALUE));
                groupWaiting.add(new ArrayDeque<>());
                return limits.size() - 1;
            });
            remaining[i] = dag.dependencyIndexes(i).length;
            skipCause[i] = NONE;
        }
        this.groupLimit = limits.stream().mapToInt(Integer::intValue).toArray();
        this.groupClaimed = new int[groupLimit.length];
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "platctl-walker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    WalkResult<V> run() {
        Runnable stopListening = cancellation.onCancel(this::requestCancel);
        boolean interrupted = false;
        try {
            lock.lock();
            try {
                for (int i = 0; i < size; i++) {
                    if (remaining[i] == 0) {
                        makeReady(i);
                    }
                }
                dispatch(false);
                while (finished < size) {
                    if (cancelRequested && !cancelApplied) {
                        cancelApplied = true;
                        List<Integer> cancelled = cancelUnstarted();
                        lock.unlock();
                        try {
                            notifyCancelled(cancelled);
                        } finally {
                            lock.lock();
                        }
                        continue;
                    }
                    try {
                        changed.await();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        cancelRequested = true;
                    }
                }
            } finally {
                lock.unlock();
            }
            pool.shutdown();
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.DAYS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return result();
        } finally {
            stopListening.run();
            pool.shutdown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void requestCancel() {
        lock.lock();
        try {
            cancelRequested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void work(int first) {
        int next = first;
        while (next != NONE) {
            next = runNode(next);
        }
    }

    /** Runs the node at {@code i} and returns the next node this thread should run, or NONE. */
    private int runNode(int i) {
        V node = nodes.get(i);
        boolean cancelled;
        lock.lock();
        try {
            cancelled = cancelRequested;
            if (cancelled) {
                release(i);
                finish(i, NodeOutcome.CANCELLED, null);
            } else {
                state[i] = RUNNING;
            }
        } finally {
            lock.unlock();
        }
        if (cancelled) {
            notifyCancelled(List.of(i));
            return NONE;
        }
        NodeOutcome outcome;
        Throwable error = null;
        try {
            listener.nodeStarted(node);
            outcome = action.run(node);
            if (outcome != NodeOutcome.SUCCEEDED && outcome != NodeOutcome.FAILED) {
                error = new IllegalStateException("cannot walk node " + node + ": its action returned " + outcome
                        + " instead of SUCCEEDED or FAILED");
                outcome = NodeOutcome.FAILED;
            }
        } catch (Throwable t) {
            outcome = NodeOutcome.FAILED;
            error = t;
        }
        try {
            listener.nodeFinished(node, outcome, Optional.ofNullable(error));
        } catch (Throwable t) {
            if (error == null) {
                error = t;
            } else {
                error.addSuppressed(t);
            }
            outcome = NodeOutcome.FAILED;
        }
        List<Integer> skipped;
        int next;
        lock.lock();
        try {
            release(i);
            skipped = finish(i, outcome, error);
            next = dispatch(true);
        } finally {
            lock.unlock();
        }
        for (int s : skipped) {
            try {
                listener.nodeSkipped(nodes.get(s), node);
            } catch (Throwable t) {
                recordListenerError(s, t);
            }
        }
        return next;
    }

    /** Queues a node whose dependencies all succeeded, or parks it while its group is at its limit. */
    private void makeReady(int i) {
        state[i] = READY;
        int g = groupOf[i];
        if (groupClaimed[g] < groupLimit[g]) {
            groupClaimed[g]++;
            ready.add(i);
        } else {
            groupWaiting.get(g).add(i);
        }
    }

    /**
     * Hands ready nodes to the pool while there is room; with {@code keepOne} the first is returned for
     * the calling worker to run itself instead.
     */
    private int dispatch(boolean keepOne) {
        int kept = NONE;
        while (!cancelRequested && running < parallelism && !ready.isEmpty()) {
            int i = ready.poll();
            state[i] = DISPATCHED;
            running++;
            if (keepOne && kept == NONE) {
                kept = i;
            } else {
                pool.execute(() -> work(i));
            }
        }
        return kept;
    }

    /** Gives back the overall and group slots of a dispatched node, letting a parked node of its group queue. */
    private void release(int i) {
        running--;
        int g = groupOf[i];
        groupClaimed[g]--;
        ArrayDeque<Integer> parked = groupWaiting.get(g);
        if (!parked.isEmpty()) {
            groupClaimed[g]++;
            ready.add(parked.poll());
        }
    }

    /** Records the outcome of node {@code i} and updates its dependents; returns the nodes this skipped. */
    private List<Integer> finish(int i, NodeOutcome outcome, Throwable error) {
        state[i] = DONE;
        outcomes[i] = outcome;
        errors[i] = error;
        finished++;
        List<Integer> skipped = List.of();
        if (outcome == NodeOutcome.SUCCEEDED) {
            for (int d : dag.dependentIndexes(i)) {
                if (state[d] == WAITING && --remaining[d] == 0) {
                    makeReady(d);
                }
            }
        } else if (outcome == NodeOutcome.FAILED) {
            skipped = skipDependentsOf(i);
        }
        if (finished == size) {
            changed.signalAll();
        }
        return skipped;
    }

    private List<Integer> skipDependentsOf(int failed) {
        List<Integer> skipped = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(failed);
        while (!queue.isEmpty()) {
            for (int d : dag.dependentIndexes(queue.poll())) {
                if (state[d] == WAITING) {
                    state[d] = DONE;
                    outcomes[d] = NodeOutcome.SKIPPED;
                    skipCause[d] = failed;
                    finished++;
                    skipped.add(d);
                    queue.add(d);
                }
            }
        }
        return skipped;
    }

    private List<Integer> cancelUnstarted() {
        List<Integer> cancelled = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (state[i] == WAITING || state[i] == READY) {
                state[i] = DONE;
                outcomes[i] = NodeOutcome.CANCELLED;
                finished++;
                cancelled.add(i);
            }
        }
        ready.clear();
        groupWaiting.forEach(ArrayDeque::clear);
        return cancelled;
    }

    private void notifyCancelled(List<Integer> cancelled) {
        for (int i : cancelled) {
            try {
                listener.nodeCancelled(nodes.get(i));
            } catch (Throwable t) {
                recordListenerError(i, t);
            }
        }
    }

    private void recordListenerError(int i, Throwable t) {
        lock.lock();
        try {
            errors[i] = t;
        } finally {
            lock.unlock();
        }
    }

    private WalkResult<V> result() {
        lock.lock();
        try {
            Map<V, NodeOutcome> byNode = new LinkedHashMap<>();
            Map<V, Throwable> errorsByNode = new LinkedHashMap<>();
            Map<V, V> causes = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                V node = nodes.get(i);
                byNode.put(node, outcomes[i]);
                if (errors[i] != null) {
                    errorsByNode.put(node, errors[i]);
                }
                if (skipCause[i] != NONE) {
                    causes.put(node, nodes.get(skipCause[i]));
                }
            }
            return new WalkResult<>(byNode, errorsByNode, causes, cancelRequested);
        } finally {
            lock.unlock();
        }
    }
}
