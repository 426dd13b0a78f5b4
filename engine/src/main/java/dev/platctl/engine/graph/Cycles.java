package dev.platctl.engine.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Finds dependency cycles in a {@link Dag} so that callers can report them as a path. */
public final class Cycles {

    private static final byte UNVISITED = 0;
    private static final byte ON_PATH = 1;
    private static final byte DONE = 2;

    private Cycles() {
    }

    /**
     * One cycle as a path that starts and ends with the same node, {@code [a, b, c, a]} meaning a
     * depends on b, b on c and c on a; a self-dependency is {@code [a, a]}.
     *
     * <p>The search is a depth-first search from each node in insertion order, following
     * dependencies in the order they were added, so the same graph always gives the same cycle. It
     * keeps its own stack and handles chains of any depth in O(nodes + edges).
     */
    public static <V> Optional<List<V>> findCycle(Dag<V> dag) {
        int n = dag.size();
        byte[] color = new byte[n];
        int[] next = new int[n];
        int[] positionOnPath = new int[n];
        int[] path = new int[n];
        for (int start = 0; start < n; start++) {
            if (color[start] != UNVISITED) {
                continue;
            }
            int top = 0;
            path[0] = start;
            positionOnPath[start] = 0;
            color[start] = ON_PATH;
            while (top >= 0) {
                int v = path[top];
                int[] deps = dag.dependencyIndexes(v);
                if (next[v] == deps.length) {
                    color[v] = DONE;
                    top--;
                    continue;
                }
                int w = deps[next[v]++];
                if (color[w] == ON_PATH) {
                    return Optional.of(cyclePath(dag, path, positionOnPath[w], top));
                }
                if (color[w] == UNVISITED) {
                    color[w] = ON_PATH;
                    path[++top] = w;
                    positionOnPath[w] = top;
                }
            }
        }
        return Optional.empty();
    }

    /** The cycle as text for an error message: {@code a -> b -> c -> a}. */
    public static String describe(List<?> cycle) {
        return cycle.stream().map(String::valueOf).collect(Collectors.joining(" -> "));
    }

    private static <V> List<V> cyclePath(Dag<V> dag, int[] path, int from, int to) {
        List<V> cycle = new ArrayList<>(to - from + 2);
        for (int i = from; i <= to; i++) {
            cycle.add(dag.nodes().get(path[i]));
        }
        cycle.add(cycle.get(0));
        return Collections.unmodifiableList(cycle);
    }
}
