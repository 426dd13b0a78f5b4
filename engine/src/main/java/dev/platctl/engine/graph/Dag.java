package dev.platctl.engine.graph;

import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * An immutable directed graph whose edges point from a node to the nodes it depends on.
 *
 * <p>Despite the name, a {@code Dag} may hold cycles: {@link Builder#build()} accepts them so that the
 * caller can report the cycle path with {@link Cycles#findCycle(Dag)}. Operations that need an
 * acyclic graph ({@link #topologicalOrder()}, {@link Walker#walk}) refuse a cyclic one. Nodes are
 * compared with {@code equals}/{@code hashCode}; every list this class returns follows insertion
 * order. Instances are immutable and safe to share between threads.
 */
public final class Dag<V> {

    private final List<V> nodes;
    private final Map<V, Integer> index;
    private final int[][] dependencies;
    private final int[][] dependents;
    private final int edgeCount;

    private Dag(List<V> nodes, Map<V, Integer> index, int[][] dependencies, int[][] dependents, int edgeCount) {
        this.nodes = nodes;
        this.index = index;
        this.dependencies = dependencies;
        this.dependents = dependents;
        this.edgeCount = edgeCount;
    }

    public static <V> Builder<V> builder() {
        return new Builder<>();
    }

    /** All nodes, in the order they were first added. */
    public List<V> nodes() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    public int edgeCount() {
        return edgeCount;
    }

    public boolean contains(V node) {
        return index.containsKey(node);
    }

    /** What {@code node} depends on, in the order the edges were added. */
    public List<V> dependencies(V node) {
        return view(dependencies[indexOf(node)]);
    }

    /** What depends on {@code node}, in the order the edges were added. */
    public List<V> dependents(V node) {
        return view(dependents[indexOf(node)]);
    }

    /** The nodes that depend on nothing: where a walk starts. */
    public List<V> roots() {
        List<V> roots = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (dependencies[i].length == 0) {
                roots.add(nodes.get(i));
            }
        }
        return Collections.unmodifiableList(roots);
    }

    /**
     * Every node after all of its dependencies; among nodes that are free at the same time the one
     * added first comes first, so the order depends only on how the graph was built.
     *
     * @throws IllegalStateException if the graph has a cycle (the message holds the cycle path)
     */
    public List<V> topologicalOrder() {
        int n = nodes.size();
        int[] remaining = new int[n];
        PriorityQueue<Integer> free = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            remaining[i] = dependencies[i].length;
            if (remaining[i] == 0) {
                free.add(i);
            }
        }
        List<V> order = new ArrayList<>(n);
        while (!free.isEmpty()) {
            int i = free.poll();
            order.add(nodes.get(i));
            for (int d : dependents[i]) {
                if (--remaining[d] == 0) {
                    free.add(d);
                }
            }
        }
        if (order.size() < n) {
            throw new IllegalStateException("cannot order graph: it has a cycle: "
                    + Cycles.describe(Cycles.findCycle(this).orElseThrow()));
        }
        return Collections.unmodifiableList(order);
    }

    /** The same nodes with every edge flipped, so that a walk visits dependents first (destroy order). */
    public Dag<V> reverse() {
        return new Dag<>(nodes, index, dependents, dependencies, edgeCount);
    }

    /** Everything {@code node} depends on directly or indirectly, nearest first; without {@code node} unless it is on a cycle. */
    public Set<V> transitiveDependencies(V node) {
        return reachable(indexOf(node), dependencies);
    }

    /** Everything that depends on {@code node} directly or indirectly, nearest first. */
    public Set<V> transitiveDependents(V node) {
        return reachable(indexOf(node), dependents);
    }

    @Override
    public String toString() {
        return "Dag[" + nodes.size() + " nodes, " + edgeCount + " edges]";
    }

    int indexOf(V node) {
        Integer i = index.get(Objects.requireNonNull(node, "node"));
        if (i == null) {
            throw new IllegalArgumentException("cannot look up node " + node + ": it is not in this graph");
        }
        return i;
    }

    /** Indexes of the dependencies of the node at {@code i}; callers must not modify the array. */
    int[] dependencyIndexes(int i) {
        return dependencies[i];
    }

    /** Indexes of the dependents of the node at {@code i}; callers must not modify the array. */
    int[] dependentIndexes(int i) {
        return dependents[i];
    }

    private Set<V> reachable(int start, int[][] edges) {
        boolean[] seen = new boolean[nodes.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        Set<V> result = new LinkedHashSet<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            for (int next : edges[queue.poll()]) {
                if (!seen[next]) {
                    seen[next] = true;
                    result.add(nodes.get(next));
                    queue.add(next);
                }
            }
        }
        return Collections.unmodifiableSet(result);
    }

    private List<V> view(int[] indexes) {
        return new AbstractList<>() {
            @Override
            public V get(int i) {
                return nodes.get(indexes[i]);
            }

            @Override
            public int size() {
                return indexes.length;
            }
        };
    }

    /**
     * Collects nodes and dependency edges; {@link #build()} takes a snapshot in O(nodes + edges).
     * Not thread-safe.
     */
    public static final class Builder<V> {
        private final Map<V, Integer> index = new HashMap<>();
        private final List<V> nodes = new ArrayList<>();
        private final Set<Long> edgeKeys = new HashSet<>();
        private int[] from = new int[16];
        private int[] to = new int[16];
        private int edges;

        private Builder() {
        }

        /** Adds {@code node} if it is not there yet. */
        public Builder<V> addNode(V node) {
            indexOrAdd(node);
            return this;
        }

        /**
         * Records that {@code dependent} depends on {@code dependency}, adding either node if it is new.
         * Adding the same edge again changes nothing; a node may depend on itself (a cycle).
         */
        public Builder<V> addDependency(V dependent, V dependency) {
            int a = indexOrAdd(dependent);
            int b = indexOrAdd(dependency);
            if (edgeKeys.add(((long) a << 32) | b)) {
                if (edges == from.length) {
                    from = Arrays.copyOf(from, edges * 2);
                    to = Arrays.copyOf(to, edges * 2);
                }
                from[edges] = a;
                to[edges] = b;
                edges++;
            }
            return this;
        }

        /** An immutable graph of what was added so far; never throws on cycles (see {@link Cycles}). */
        public Dag<V> build() {
            int n = nodes.size();
            int[] depCount = new int[n];
            int[] dependentCount = new int[n];
            for (int e = 0; e < edges; e++) {
                depCount[from[e]]++;
                dependentCount[to[e]]++;
            }
            int[][] dependencies = new int[n][];
            int[][] dependents = new int[n][];
            for (int i = 0; i < n; i++) {
                dependencies[i] = new int[depCount[i]];
                dependents[i] = new int[dependentCount[i]];
            }
            Arrays.fill(depCount, 0);
            Arrays.fill(dependentCount, 0);
            for (int e = 0; e < edges; e++) {
                int a = from[e];
                int b = to[e];
                dependencies[a][depCount[a]++] = b;
                dependents[b][dependentCount[b]++] = a;
            }
            return new Dag<>(List.copyOf(nodes), Map.copyOf(index), dependencies, dependents, edges);
        }

        private int indexOrAdd(V node) {
            Objects.requireNonNull(node, "node");
            Integer i = index.get(node);
            if (i != null) {
                return i;
            }
            index.put(node, nodes.size());
            nodes.add(node);
            return nodes.size() - 1;
        }
    }
}
