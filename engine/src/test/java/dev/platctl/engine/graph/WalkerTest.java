package dev.platctl.engine.graph;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.platctl.engine.graph.NodeOutcome.CANCELLED;
import static dev.platctl.engine.graph.NodeOutcome.FAILED;
import static dev.platctl.engine.graph.NodeOutcome.SKIPPED;
import static dev.platctl.engine.graph.NodeOutcome.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WalkerTest {

    private static final NodeAction<Object> NO_OP = node -> SUCCEEDED;

    /** Records a global sequence number when each node starts and finishes. */
    private static final class Timeline<V> {
        private final AtomicInteger clock = new AtomicInteger();
        private final Map<V, Integer> started = new ConcurrentHashMap<>();
        private final Map<V, Integer> finished = new ConcurrentHashMap<>();

        NodeAction<V> around(NodeAction<V> action) {
            return node -> {
                started.put(node, clock.incrementAndGet());
                try {
                    return action.run(node);
                } finally {
                    finished.put(node, clock.incrementAndGet());
                }
            };
        }

        void assertDependenciesFinishedFirst(Dag<V> dag) {
            for (V node : started.keySet()) {
                for (V dependency : dag.dependencies(node)) {
                    assertTrue(finished.get(dependency) < started.get(node),
                            dependency + " must finish before its dependent " + node + " starts");
                }
            }
        }
    }

    /** Tracks how many actions run at once, overall and per group. */
    private static final class ConcurrencyMeter {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        void enter() {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        void exit() {
            now.decrementAndGet();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Dag<Integer> wide(int width) {
        Dag.Builder<Integer> b = Dag.builder();
        for (int i = 0; i < width; i++) {
            b.addNode(i);
        }
        return b.build();
    }

    @Nested
    class Ordering {
        @Test
        void dependenciesAlwaysFinishBeforeDependentsStart() {
            Dag<Integer> dag = DagTest.randomAcyclic(2_000, 6_000, 11);
            Timeline<Integer> timeline = new Timeline<>();
            WalkResult<Integer> result = Walker.walk(dag, timeline.around(n -> SUCCEEDED), WalkOptions.parallelism(8));
            assertTrue(result.succeeded());
            assertEquals(2_000, timeline.started.size());
            timeline.assertDependenciesFinishedFirst(dag);
        }

        @Test
        void singleWorkerRunsNodesInTheOrderTheyBecomeReady() {
            Dag<String> dag = Dag.<String>builder()
                    .addDependency("app", "db").addDependency("db", "vpc").addNode("dns").addDependency("cdn", "dns")
                    .build();
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            for (int run = 0; run < 3; run++) {
                order.clear();
                Walker.walk(dag, n -> {
                    order.add(n);
                    return SUCCEEDED;
                }, WalkOptions.parallelism(1));
                assertEquals(List.of("vpc", "dns", "db", "cdn", "app"), order);
            }
        }

        @Test
        void reverseWalkRunsDependentsBeforeTheirDependencies() {
            Dag<Integer> dag = DagTest.randomAcyclic(500, 1_500, 5);
            Timeline<Integer> timeline = new Timeline<>();
            Walker.walk(dag.reverse(), timeline.around(n -> SUCCEEDED), WalkOptions.parallelism(8));
            for (Integer node : dag.nodes()) {
                for (Integer dependency : dag.dependencies(node)) {
                    assertTrue(timeline.finished.get(node) < timeline.started.get(dependency),
                            "destroy " + node + " before what it depends on, " + dependency);
                }
            }
        }

        @Test
        void listenerHearsOfADependencyFinishingBeforeItsDependentStarts() {
            Dag<Integer> dag = DagTest.randomAcyclic(1_000, 3_000, 2);
            AtomicInteger clock = new AtomicInteger();
            Map<Integer, Integer> started = new ConcurrentHashMap<>();
            Map<Integer, Integer> finished = new ConcurrentHashMap<>();
            WalkListener<Integer> listener = new WalkListener<>() {
                @Override
                public void nodeStarted(Integer node) {
                    assertFalse(started.containsKey(node), "started once");
                    started.put(node, clock.incrementAndGet());
                }

                @Override
                public void nodeFinished(Integer node, NodeOutcome outcome, Optional<Throwable> error) {
                    finished.put(node, clock.incrementAndGet());
                }
            };
            Walker.walk(dag, n -> SUCCEEDED, WalkOptions.<Integer>parallelism(16).withListener(listener));
            assertEquals(1_000, finished.size());
            for (Integer node : dag.nodes()) {
                assertTrue(started.get(node) < finished.get(node));
                for (Integer dependency : dag.dependencies(node)) {
                    assertTrue(finished.get(dependency) < started.get(node));
                }
            }
        }
    }

    @Nested
    class Limits {
        @Test
        void runningActionsNeverExceedParallelismAndUseThatManyThreadsAtMost() {
            ConcurrencyMeter meter = new ConcurrencyMeter();
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            WalkResult<Integer> result = Walker.walk(wide(200), n -> {
                meter.enter();
                threads.add(Thread.currentThread());
                sleep(2);
                meter.exit();
                return SUCCEEDED;
            }, WalkOptions.parallelism(4));
            assertTrue(result.succeeded());
            assertTrue(meter.max.get() <= 4, "at most 4 at once, saw " + meter.max.get());
            assertTrue(meter.max.get() > 1, "runs in parallel, saw " + meter.max.get());
            assertTrue(threads.size() <= 4, "a bounded pool, saw " + threads.size() + " threads");
        }

        @Test
        void eachGroupStaysWithinItsLimitWhileOthersUseTheRest() {
            Dag<String> dag = dagOfGroups(List.of("aws", "github", "k8s"), 60);
            Map<String, ConcurrencyMeter> meters = Map.of(
                    "aws", new ConcurrencyMeter(), "github", new ConcurrencyMeter(), "k8s", new ConcurrencyMeter());
            ConcurrencyMeter overall = new ConcurrencyMeter();
            WalkOptions<String> options = WalkOptions.<String>parallelism(8)
                    .withGroups(WalkerTest::groupOf, Map.of("aws", 2, "github", 3));
            WalkResult<String> result = Walker.walk(dag, node -> {
                ConcurrencyMeter meter = meters.get(groupOf(node));
                overall.enter();
                meter.enter();
                sleep(2);
                meter.exit();
                overall.exit();
                return SUCCEEDED;
            }, options);
            assertTrue(result.succeeded());
            assertTrue(meters.get("aws").max.get() <= 2, "aws limit 2, saw " + meters.get("aws").max.get());
            assertTrue(meters.get("github").max.get() <= 3, "github limit 3, saw " + meters.get("github").max.get());
            assertTrue(overall.max.get() <= 8, "overall 8, saw " + overall.max.get());
            assertTrue(meters.get("k8s").max.get() > 3, "k8s has no limit of its own, saw " + meters.get("k8s").max.get());
        }

        @Test
        void groupLimitsHoldWhenDependenciesReleaseNodesInBursts() {
            Dag.Builder<String> b = Dag.builder();
            Dag<String> groups = dagOfGroups(List.of("aws", "github"), 50);
            for (String node : groups.nodes()) {
                b.addDependency(node, "start");
                b.addDependency("end", node);
            }
            ConcurrencyMeter aws = new ConcurrencyMeter();
            Timeline<String> timeline = new Timeline<>();
            WalkResult<String> result = Walker.walk(b.build(), timeline.around(node -> {
                if (groupOf(node).equals("aws")) {
                    aws.enter();
                    sleep(1);
                    aws.exit();
                }
                return SUCCEEDED;
            }), WalkOptions.<String>parallelism(16).withGroups(WalkerTest::groupOf, Map.of("aws", 3)));
            assertTrue(result.succeeded());
            assertTrue(aws.max.get() <= 3, "aws limit 3, saw " + aws.max.get());
            timeline.assertDependenciesFinishedFirst(b.build());
        }

        @Test
        void invalidLimitsAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> WalkOptions.parallelism(0));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WalkOptions.<String>parallelism(4).withGroups(n -> n, Map.of("aws", 0)));
            assertEquals("limit of group 'aws' must be at least 1, got 0", e.getMessage());
        }
    }

    private static String groupOf(String node) {
        int dot = node.indexOf('.');
        return dot < 0 ? "" : node.substring(0, dot);
    }

    private static Dag<String> dagOfGroups(List<String> groups, int perGroup) {
        Dag.Builder<String> b = Dag.builder();
        for (int i = 0; i < perGroup; i++) {
            for (String g : groups) {
                b.addNode(g + "." + i);
            }
        }
        return b.build();
    }

    @Nested
    class Failures {
        private final Dag<String> dag = Dag.<String>builder()
                .addDependency("app", "db")
                .addDependency("db", "vpc")
                .addDependency("dashboard", "app")
                .addDependency("cache", "vpc")
                .addDependency("report", "cache")
                .addDependency("report", "db")
                .addNode("dns")
                .build();

        @Test
        void failedNodeSkipsItsDependentsButNotItsSiblings() {
            WalkResult<String> result = Walker.walk(dag, n -> n.equals("db") ? FAILED : SUCCEEDED,
                    WalkOptions.parallelism(4));
            assertEquals(List.of("db"), result.nodes(FAILED));
            assertEquals(List.of("app", "dashboard", "report"), result.nodes(SKIPPED));
            assertEquals(List.of("vpc", "cache", "dns"), result.nodes(SUCCEEDED));
            assertEquals(Optional.of("db"), result.skippedBecauseOf("dashboard"));
            assertEquals(Optional.empty(), result.error("db"));
            assertFalse(result.succeeded());
            assertFalse(result.cancelled());
        }

        @Test
        void exceptionInActionFailsTheNodeAndKeepsTheException() {
            IllegalStateException boom = new IllegalStateException("cannot create db: quota exceeded");
            WalkResult<String> result = Walker.walk(dag, n -> {
                if (n.equals("cache")) {
                    throw boom;
                }
                return SUCCEEDED;
            }, WalkOptions.parallelism(2));
            assertEquals(FAILED, result.outcome("cache"));
            assertSame(boom, result.error("cache").orElseThrow());
            assertEquals(SKIPPED, result.outcome("report"));
            assertEquals(SUCCEEDED, result.outcome("dashboard"));
        }

        @Test
        void checkedExceptionsAndErrorsAlsoFailTheNode() {
            WalkResult<String> result = Walker.walk(dag, n -> {
                if (n.equals("dns")) {
                    throw new java.io.IOException("connection reset");
                }
                if (n.equals("cache")) {
                    throw new AssertionError("bug");
                }
                return SUCCEEDED;
            }, WalkOptions.parallelism(2));
            assertInstanceOf(java.io.IOException.class, result.error("dns").orElseThrow());
            assertInstanceOf(AssertionError.class, result.error("cache").orElseThrow());
        }

        @Test
        void actionReturningSomethingElseThanSucceededOrFailedIsABug() {
            WalkResult<String> result = Walker.walk(dag, n -> n.equals("vpc") ? SKIPPED : SUCCEEDED,
                    WalkOptions.parallelism(2));
            assertEquals(FAILED, result.outcome("vpc"));
            assertEquals("cannot walk node vpc: its action returned SKIPPED instead of SUCCEEDED or FAILED",
                    result.error("vpc").orElseThrow().getMessage());
            assertEquals(List.of("vpc"), result.nodes(FAILED));
            assertEquals(SUCCEEDED, result.outcome("dns"));
        }

        @Test
        void listenerIsToldOfEachSkipWithTheFailedNode() {
            Map<String, String> skipped = new ConcurrentHashMap<>();
            Walker.walk(dag, n -> n.equals("vpc") ? FAILED : SUCCEEDED, WalkOptions.<String>parallelism(3)
                    .withListener(new WalkListener<>() {
                        @Override
                        public void nodeSkipped(String node, String becauseOf) {
                            assertTrue(skipped.put(node, becauseOf) == null, "skipped once");
                        }
                    }));
            assertEquals(Map.of("db", "vpc", "cache", "vpc", "app", "vpc", "report", "vpc", "dashboard", "vpc"), skipped);
        }

        @Test
        void listenerFailingToRecordAFinishedNodeFailsItSoDependentsDoNotRun() {
            IllegalStateException commitFailed = new IllegalStateException("cannot commit db: disk full");
            WalkResult<String> result = Walker.walk(dag, n -> SUCCEEDED, WalkOptions.<String>parallelism(2)
                    .withListener(new WalkListener<>() {
                        @Override
                        public void nodeFinished(String node, NodeOutcome outcome, Optional<Throwable> error) {
                            if (node.equals("db")) {
                                throw commitFailed;
                            }
                        }
                    }));
            assertEquals(FAILED, result.outcome("db"));
            assertSame(commitFailed, result.error("db").orElseThrow());
            assertEquals(SKIPPED, result.outcome("app"));
        }

        @Test
        void failureInADeepChainSkipsTheWholeRest() {
            WalkResult<Integer> result = Walker.walk(DagTest.chain(20_000), n -> n == 10 ? FAILED : SUCCEEDED,
                    WalkOptions.parallelism(4));
            assertEquals(10, result.nodes(SUCCEEDED).size());
            assertEquals(19_989, result.nodes(SKIPPED).size());
            assertEquals(Optional.of(10), result.skippedBecauseOf(19_999));
        }
    }

    @Nested
    class Cancelling {
        @Test
        void cancelMidWalkLetsRunningNodesFinishAndStartsNoNewOnes() throws Exception {
            Cancellation cancellation = new Cancellation();
            CountDownLatch fourRunning = new CountDownLatch(4);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger startedAfterCancel = new AtomicInteger();
            Set<Integer> cancelledReported = ConcurrentHashMap.newKeySet();
            Set<Integer> finishedReported = ConcurrentHashMap.newKeySet();
            WalkOptions<Integer> options = WalkOptions.<Integer>parallelism(4).withCancellation(cancellation)
                    .withListener(new WalkListener<>() {
                        @Override
                        public void nodeStarted(Integer node) {
                            if (cancellation.isCancelled()) {
                                startedAfterCancel.incrementAndGet();
                            }
                        }

                        @Override
                        public void nodeFinished(Integer node, NodeOutcome outcome, Optional<Throwable> error) {
                            finishedReported.add(node);
                        }

                        @Override
                        public void nodeCancelled(Integer node) {
                            cancelledReported.add(node);
                        }
                    });
            Thread canceller = new Thread(() -> {
                try {
                    fourRunning.await();
                    cancellation.cancel();
                    release.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            canceller.start();
            WalkResult<Integer> result = Walker.walk(wide(100), n -> {
                fourRunning.countDown();
                release.await();
                return SUCCEEDED;
            }, options);
            canceller.join();
            assertEquals(4, result.nodes(SUCCEEDED).size(), "the four in flight finish");
            assertEquals(96, result.nodes(CANCELLED).size());
            assertEquals(Set.copyOf(result.nodes(SUCCEEDED)), finishedReported, "in-flight nodes are reported");
            assertEquals(Set.copyOf(result.nodes(CANCELLED)), cancelledReported);
            assertEquals(0, startedAfterCancel.get());
            assertTrue(result.cancelled());
        }

        @Test
        void cancelledBeforeTheWalkStartsNothing() {
            Cancellation cancellation = new Cancellation();
            cancellation.cancel();
            AtomicInteger runs = new AtomicInteger();
            WalkResult<Integer> result = Walker.walk(DagTest.chain(50), n -> {
                runs.incrementAndGet();
                return SUCCEEDED;
            }, WalkOptions.<Integer>parallelism(4).withCancellation(cancellation));
            assertEquals(0, runs.get());
            assertEquals(50, result.nodes(CANCELLED).size());
        }

        @Test
        void interruptingTheWalkingThreadActsLikeCancel() throws Exception {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch cancelSeen = new CountDownLatch(1);
            AtomicReference<WalkResult<Integer>> result = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            WalkOptions<Integer> options = WalkOptions.<Integer>parallelism(2).withListener(new WalkListener<>() {
                @Override
                public void nodeCancelled(Integer node) {
                    cancelSeen.countDown();
                }
            });
            Thread walking = new Thread(() -> {
                result.set(Walker.walk(DagTest.chain(10), n -> {
                    running.countDown();
                    cancelSeen.await();
                    return SUCCEEDED;
                }, options));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            walking.start();
            running.await();
            walking.interrupt();
            walking.join();
            assertEquals(List.of(0), result.get().nodes(SUCCEEDED), "the running node finishes");
            assertEquals(9, result.get().nodes(CANCELLED).size());
            assertTrue(result.get().cancelled());
            assertTrue(stillInterrupted.get(), "the interrupt is kept for the caller");
        }
    }

    @Nested
    class Scale {
        @Test
        void tenThousandWideNoOpNodesComplete() {
            WalkResult<Object> result = Walker.walk(wideObjects(10_000), NO_OP, WalkOptions.parallelism(32));
            assertEquals(10_000, result.nodes(SUCCEEDED).size());
        }

        @Test
        void tenThousandDeepChainCompletes() {
            Timeline<Integer> timeline = new Timeline<>();
            Dag<Integer> dag = DagTest.chain(10_000);
            WalkResult<Integer> result = Walker.walk(dag, timeline.around(n -> SUCCEEDED), WalkOptions.parallelism(32));
            assertEquals(10_000, result.nodes(SUCCEEDED).size());
            timeline.assertDependenciesFinishedFirst(dag);
        }

        @Test
        void tenThousandNodesWithFiftyThousandEdgesComplete() {
            Dag<Integer> dag = DagTest.randomAcyclic(10_000, 50_000, 9);
            Timeline<Integer> timeline = new Timeline<>();
            WalkResult<Integer> result = Walker.walk(dag, timeline.around(n -> SUCCEEDED), WalkOptions.parallelism(32));
            assertTrue(result.succeeded());
            timeline.assertDependenciesFinishedFirst(dag);
        }

        private Dag<Object> wideObjects(int width) {
            Dag.Builder<Object> b = Dag.builder();
            for (int i = 0; i < width; i++) {
                b.addNode(i);
            }
            return b.build();
        }
    }

    @Test
    void cyclicGraphIsRefusedWithTheCyclePath() {
        Dag<String> dag = Dag.<String>builder().addDependency("a", "b").addDependency("b", "a").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Walker.walk(dag, n -> SUCCEEDED, WalkOptions.parallelism(2)));
        assertEquals("cannot walk graph: it has a cycle: a -> b -> a", e.getMessage());
    }

    @Test
    void emptyGraphGivesAnEmptyResult() {
        WalkResult<String> result = Walker.walk(Dag.<String>builder().build(), n -> SUCCEEDED, WalkOptions.parallelism(2));
        assertEquals(Map.of(), result.outcomes());
        assertTrue(result.succeeded());
    }
}
