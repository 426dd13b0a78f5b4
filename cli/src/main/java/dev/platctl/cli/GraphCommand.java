package dev.platctl.cli;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.graph.Dag;
import dev.platctl.engine.plan.Expansion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.TreeMap;

/** {@code platctl graph}: the dependency graph of the desired resources, as DOT or Mermaid. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Print the resource dependency graph as Graphviz DOT (default) or Mermaid.")
final class GraphCommand extends WorkspaceCommand {
    /** Output languages. */
    enum Format { DOT, MERMAID }

    @Option(names = "--format", defaultValue = "dot", paramLabel = "FORMAT", description = "dot or mermaid (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        Configuration cfg = loadConfig();
        Diagnostics d = new Diagnostics();
        var providers = Session.providers(cfg.workspace(), true);
        try (providers) {
            Expansion exp = dev.platctl.engine.plan.Expander.expand(cfg, providers, d).orElseThrow(() -> new DiagnosticsException(d));
            System.out.print(format == Format.DOT ? dot(exp.graph()) : mermaid(exp.graph()));
        }
        return 0;
    }

    static String dot(Dag<ResourceAddress> g) {
        StringBuilder sb = new StringBuilder("digraph platctl {\n  rankdir = \"RL\";\n  node [shape = box];\n");
        Map<String, java.util.List<ResourceAddress>> byRequest = byRequest(g);
        byRequest.forEach((req, nodes) -> {
            sb.append("  subgraph \"cluster_").append(req).append("\" {\n    label = \"").append(req).append("\";\n");
            for (ResourceAddress a : nodes) sb.append("    \"").append(a).append("\" [label = \"").append(a.local()).append("\"];\n");
            sb.append("  }\n");
        });
        for (ResourceAddress a : sorted(g))
            for (ResourceAddress dep : g.dependencies(a)) sb.append("  \"").append(a).append("\" -> \"").append(dep).append("\";\n");
        return sb.append("}\n").toString();
    }

    static String mermaid(Dag<ResourceAddress> g) {
        StringBuilder sb = new StringBuilder("flowchart RL\n");
        Map<ResourceAddress, String> ids = new TreeMap<>();
        for (ResourceAddress a : sorted(g)) ids.put(a, "n" + ids.size());
        byRequest(g).forEach((req, nodes) -> {
            sb.append("  subgraph ").append(req).append('\n');
            for (ResourceAddress a : nodes) sb.append("    ").append(ids.get(a)).append("[\"").append(a.local()).append("\"]\n");
            sb.append("  end\n");
        });
        for (ResourceAddress a : sorted(g))
            for (ResourceAddress dep : g.dependencies(a)) sb.append("  ").append(ids.get(a)).append(" --> ").append(ids.get(dep)).append('\n');
        return sb.toString();
    }

    private static java.util.List<ResourceAddress> sorted(Dag<ResourceAddress> g) {
        return g.nodes().stream().sorted().toList();
    }

    private static Map<String, java.util.List<ResourceAddress>> byRequest(Dag<ResourceAddress> g) {
        Map<String, java.util.List<ResourceAddress>> out = new TreeMap<>();
        for (ResourceAddress a : sorted(g)) out.computeIfAbsent(a.request(), k -> new java.util.ArrayList<>()).add(a);
        return out;
    }
}
