package dev.platctl.cli.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.catalog.Catalog;
import dev.platctl.engine.catalog.CatalogEntry;

import java.util.List;

/** Renders catalog entries: an aligned table or JSON for a list, or one entry in full. */
public final class CatalogView {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CatalogView() {
    }

    public static String table(List<CatalogEntry> entries) {
        if (entries.isEmpty()) return "The catalog is empty: apply Service requests or requests that make databases, buckets or queues.\n";
        String[] head = {"NAME", "KIND", "TYPE", "OWNER", "LIFECYCLE", "DEPENDS ON", "LINK"};
        List<String[]> rows = entries.stream().map(e -> new String[]{e.name(), e.kind(), e.type(), e.owner(), e.lifecycle(),
                e.dependsOn().isEmpty() ? "-" : String.join(",", e.dependsOn()), e.link().orElse("-")}).toList();
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
            for (String[] r : rows) w[i] = Math.max(w[i], r[i].length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, w);
        for (String[] r : rows) line(sb, r, w);
        return sb.toString();
    }

    /**
     * The list for machines: one object per entry with the table's columns ({@code link} null when there is none), all links,
     * the golden path, the request and the resource it stands for (null for a whole request).
     */
    public static String json(List<CatalogEntry> entries) {
        ArrayNode out = JSON.createArrayNode();
        for (CatalogEntry e : entries) {
            ObjectNode o = out.addObject().put("name", e.name()).put("kind", e.kind()).put("type", e.type()).put("owner", e.owner())
                    .put("lifecycle", e.lifecycle()).put("description", e.description()).put("module", e.module())
                    .put("goldenPath", e.goldenPath().orElse(null)).put("stack", e.stack()).put("request", e.request())
                    .put("resource", e.address().orElse(null)).put("link", e.link().orElse(null));
            ObjectNode links = o.putObject("links");
            e.links().forEach(links::put);
            ArrayNode deps = o.putArray("dependsOn");
            e.dependsOn().forEach(deps::add);
        }
        try {
            return JSON.writeValueAsString(out) + "\n";
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    public static String detail(CatalogEntry e, Catalog catalog) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.name()).append(" (").append(e.kind()).append(", ").append(e.type()).append(")\n");
        if (!e.description().isEmpty()) sb.append("  ").append(e.description()).append('\n');
        sb.append("  owner:       ").append(e.owner()).append('\n');
        sb.append("  lifecycle:   ").append(e.lifecycle()).append('\n');
        sb.append("  module:      ").append(e.module()).append('\n');
        e.goldenPath().ifPresent(g -> sb.append("  golden path: ").append(g).append('\n'));
        sb.append("  stack:       ").append(e.stack()).append(" (").append(e.resources()).append(" resource(s) in state)\n");
        sb.append("  request:     ").append(e.request()).append(e.address().map(a -> " (" + a + ")").orElse("")).append('\n');
        if (!e.links().isEmpty()) {
            sb.append("  links:\n");
            e.links().forEach((k, v) -> sb.append("    ").append(k).append(": ").append(v).append('\n'));
        }
        if (!e.dependsOn().isEmpty()) {
            sb.append("  depends on:\n");
            for (String d : e.dependsOn())
                sb.append("    ").append(d).append(catalog.find(d).map(x -> " (" + x.type() + ", owner " + x.owner() + ")").orElse("")).append('\n');
        }
        List<String> users = catalog.entries().stream().filter(x -> x.dependsOn().contains(e.name())).map(CatalogEntry::name).toList();
        if (!users.isEmpty()) sb.append("  used by:     ").append(String.join(", ", users)).append('\n');
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            l.append(cells[i]);
            if (i < cells.length - 1) l.append(" ".repeat(w[i] - cells[i].length() + 2));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
