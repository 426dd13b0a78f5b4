package dev.platctl.engine.graph;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DagTest {

    static Dag<Integer> chain(int length) {
        Dag.Builder<Integer> b = Dag.builder();
        b.addNode(0);
        for (int i = 1; i < length; i++) {
            b.addDependency(i, i - 1);
        }
        return b.build();
    }

    /** A random acyclic graph: edges only point from a higher number to a lower one. */
    static Dag<Integer> randomAcyclic(int nodes, int edges, long seed) {
        Random random = new Random(seed);
        Dag.Builder<Integer> b = Dag.builder();
        for (int i = 0; i < nodes; i++) {
            b.addNode(i);
        }
        for (int e = 0; e < edges; e++) {
            int x = random.nextInt(nodes);
            int y = random.nextInt(nodes);
            if (x != y) {
                b.addDependency(Math.max(x, y), Math.min(x, y));
            }
        }
        return b.build();
    }

    static <V> void assertDependenciesFirst(Dag<V> dag, List<V> order) {
        assertEquals(dag.size(), order.size(), "every node appears once");
        assertEquals(Set.copyOf(dag.nodes()), Set.copyOf(order), "every node appears once");
        Map<V, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
        for (V node : dag.nodes()) {
            for (V dependency : dag.dependencies(node)) {
                assertTrue(position.get(dependency) < position.get(node),
                        dependency + " must come before its dependent " + node);
            }
        }
    }

    @Nested
    class Building {
        @Test
        void addingAnEdgeToUnknownNodesAddsThemInOrder() {
            Dag<String> dag = Dag.<String>builder().addNode("a").addDependency("b", "c").build();
            assertEquals(List.of("a", "b", "c"), dag.nodes());
            assertEquals(List.of("c"), dag.dependencies("b"));
            assertEquals(List.of("b"), dag.dependents("c"));
            assertEquals(1, dag.edgeCount());
        }

        @Test
        void addingTheSameNodeOrEdgeTwiceChangesNothing() {
            Dag<String> dag = Dag.<String>builder()
                    .addDependency("web", "db").addDependency("web", "db").addNode("db").build();
            assertEquals(List.of("web", "db"), dag.nodes());
            assertEquals(List.of("db"), dag.dependencies("web"));
            assertEquals(1, dag.edgeCount());
        }

        @Test
        void dependenciesKeepTheOrderTheyWereAdded() {
            Dag<String> dag = Dag.<String>builder()
                    .addDependency("app", "vpc").addDependency("app", "db").addDependency("app", "cache").build();
            assertEquals(List.of("vpc", "db", "cache"), dag.dependencies("app"));
        }

        @Test
        void builtGraphDoesNotChangeWhenTheBuilderGoesOn() {
            Dag.Builder<String> b = Dag.<String>builder().addDependency("a", "b");
            Dag<String> first = b.build();
            b.addDependency("b", "c");
            assertEquals(2, first.size());
            assertEquals(List.of(), first.dependencies("b"));
            assertThrows(UnsupportedOperationException.class, () -> first.nodes().add("x"));
            assertThrows(UnsupportedOperationException.class, () -> first.dependencies("a").clear());
        }

        @Test
        void unknownNodeIsRejectedWithItsName() {
            Dag<String> dag = Dag.<String>builder().addNode("a").build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dag.dependencies("zz"));
            assertEquals("cannot look up node zz: it is not in this graph", e.getMessage());
            assertFalse(dag.contains("zz"));
        }

        @Test
        void buildAcceptsCycles() {
            Dag<String> dag = Dag.<String>builder().addDependency("a", "b").addDependency("b", "a").build();
            assertEquals(2, dag.size());
        }

        @Test
        void tenThousandNodesAndFiftyThousandEdgesBuildAndOrder() {
            Dag<Integer> dag = randomAcyclic(10_000, 50_000, 7);
            assertEquals(10_000, dag.size());
            assertTrue(dag.edgeCount() > 49_000, "duplicates aside, the edges are kept: " + dag.edgeCount());
            assertDependenciesFirst(dag, dag.topologicalOrder());
        }
    }

    @Nested
    class Queries {
        private final Dag<String> dag = Dag.<String>builder()
                .addDependency("app", "db")
                .addDependency("app", "cache")
                .addDependency("db", "vpc")
                .addDependency("cache", "vpc")
                .addNode("dns")
                .build();

        @Test
        void rootsAreTheNodesWithoutDependencies() {
            assertEquals(List.of("vpc", "dns"), dag.roots());
        }

        @Test
        void transitiveDependenciesAreNearestFirst() {
            assertEquals(List.of("db", "cache", "vpc"), List.copyOf(dag.transitiveDependencies("app")));
            assertEquals(Set.of(), dag.transitiveDependencies("dns"));
        }

        @Test
        void transitiveDependentsAreNearestFirst() {
            assertEquals(List.of("db", "cache", "app"), List.copyOf(dag.transitiveDependents("vpc")));
        }

        @Test
        void reverseFlipsEveryEdgeAndKeepsTheNodes() {
            Dag<String> reversed = dag.reverse();
            assertEquals(dag.nodes(), reversed.nodes());
            assertEquals(List.of("db", "cache"), reversed.dependents("app"));
            assertEquals(List.of("db", "cache"), reversed.dependencies("vpc"));
            assertEquals(List.of("app", "dns"), reversed.roots());
            assertEquals(List.of("app", "db", "cache", "vpc", "dns"), reversed.topologicalOrder());
        }
    }

    @Nested
    class TopologicalOrder {
        @Test
        void dependenciesComeBeforeDependentsInRandomGraphs() {
            for (long seed = 0; seed < 20; seed++) {
                Dag<Integer> dag = randomAcyclic(200, 600, seed);
                assertDependenciesFirst(dag, dag.topologicalOrder());
                assertDependenciesFirst(dag.reverse(), dag.reverse().topologicalOrder());
            }
        }

        @Test
        void tiesAreBrokenByInsertionOrder() {
            Dag<String> dag = Dag.<String>builder()
                    .addNode("z").addNode("y")
                    .addDependency("x", "y")
                    .addDependency("w", "z")
                    .build();
            assertEquals(List.of("z", "y", "x", "w"), dag.topologicalOrder());
        }

        @Test
        void sameBuildGivesTheSameOrder() {
            assertEquals(randomAcyclic(500, 2_000, 3).topologicalOrder(), randomAcyclic(500, 2_000, 3).topologicalOrder());
        }

        @Test
        void twentyThousandDeepChainDoesNotOverflowTheStack() {
            List<Integer> order = chain(20_000).topologicalOrder();
            assertEquals(0, order.get(0));
            assertEquals(19_999, order.get(19_999));
        }

        @Test
        void cycleIsRefusedWithItsPath() {
            Dag<String> dag = Dag.<String>builder()
                    .addDependency("a", "b").addDependency("b", "c").addDependency("c", "b").build();
            IllegalStateException e = assertThrows(IllegalStateException.class, dag::topologicalOrder);
            assertEquals("cannot order graph: it has a cycle: b -> c -> b", e.getMessage());
        }
    }
}
