package dev.platctl.engine.graph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CyclesTest {

    @Test
    void acyclicGraphHasNoCycle() {
        assertEquals(Optional.empty(), Cycles.findCycle(DagTest.randomAcyclic(1_000, 5_000, 1)));
        assertEquals(Optional.empty(), Cycles.findCycle(Dag.builder().build()));
    }

    @Test
    void twoNodeCycleIsPrintedAsAPath() {
        Dag<String> dag = Dag.<String>builder().addDependency("web", "db").addDependency("db", "web").build();
        List<String> cycle = Cycles.findCycle(dag).orElseThrow();
        assertEquals(List.of("web", "db", "web"), cycle);
        assertEquals("web -> db -> web", Cycles.describe(cycle));
    }

    @Test
    void threeNodeCycleIsPrintedAsAPath() {
        Dag<String> dag = Dag.<String>builder()
                .addNode("dns")
                .addDependency("a", "b").addDependency("b", "c").addDependency("c", "a")
                .build();
        assertEquals("a -> b -> c -> a", Cycles.describe(Cycles.findCycle(dag).orElseThrow()));
    }

    @Test
    void selfDependencyIsACycleOfOne() {
        Dag<String> dag = Dag.<String>builder().addDependency("a", "b").addDependency("b", "b").build();
        assertEquals(List.of("b", "b"), Cycles.findCycle(dag).orElseThrow());
    }

    @Test
    void pathLeadingIntoTheCycleIsNotPartOfIt() {
        Dag<String> dag = Dag.<String>builder()
                .addDependency("app", "db").addDependency("db", "vpc").addDependency("vpc", "db").build();
        assertEquals(List.of("db", "vpc", "db"), Cycles.findCycle(dag).orElseThrow());
    }

    @Test
    void sameGraphAlwaysGivesTheSameCycle() {
        Dag.Builder<Integer> b = Dag.builder();
        for (int i = 0; i < 100; i++) {
            b.addDependency(i, (i + 1) % 100);
            b.addDependency(i, (i + 7) % 100);
        }
        Dag<Integer> dag = b.build();
        List<Integer> first = Cycles.findCycle(dag).orElseThrow();
        for (int run = 0; run < 5; run++) {
            assertEquals(first, Cycles.findCycle(dag).orElseThrow());
        }
        assertEquals(first.get(0), first.get(first.size() - 1));
    }

    @Test
    void twentyThousandDeepChainDoesNotOverflowTheStack() {
        Dag.Builder<Integer> b = Dag.builder();
        for (int i = 1; i < 20_000; i++) {
            b.addDependency(i - 1, i);
        }
        assertEquals(Optional.empty(), Cycles.findCycle(b.build()));
        b.addDependency(19_999, 0);
        List<Integer> cycle = Cycles.findCycle(b.build()).orElseThrow();
        assertEquals(20_001, cycle.size());
        assertEquals(0, cycle.get(0));
        assertEquals(19_999, cycle.get(19_999));
        assertEquals(0, cycle.get(20_000));
    }
}
