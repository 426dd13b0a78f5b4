package dev.platctl.cli.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.config.InputDecl;
import dev.platctl.engine.config.InputRule;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.OutputDecl;
import dev.platctl.engine.config.ResourceDecl;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Traversal;
import dev.platctl.engine.value.ValueJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Renders {@code platctl module show}: a module version's inputs, resources, the values it enforces and its outputs. */
public final class ModuleView {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModuleView() {
    }

    /** One value a module writes without any input in it: a request cannot change it. */
    record Enforced(String resource, String attribute, String expression) {
    }

    /** Text for a terminal; {@code versions} lists every version of the module the workspace has. */
    public static String human(ModuleConfig m, List<String> versions, Ansi ansi) {
        String text = source(m);
        StringBuilder sb = new StringBuilder();
        sb.append(ansi.bold("Module " + m.ref())).append(m.kind().isEmpty() ? "" : " (kind " + m.kind() + ")").append('\n');
        if (!m.description().isEmpty()) sb.append(m.description()).append('\n');
        sb.append("Defined in ").append(m.file()).append(". Versions: ").append(String.join(", ", versions)).append(".\n");

        sb.append('\n').append(ansi.bold("Inputs")).append(m.inputs().isEmpty() ? ": none\n" : "\n");
        for (InputDecl in : m.inputs()) {
            sb.append("  ").append(in.name()).append("  ").append(in.type())
                    .append(in.required() ? "  required" : "  default " + (in.sensitive() ? ValueFormatter.SENSITIVE : ValueFormatter.inline(in.defaultValue().get())))
                    .append(in.sensitive() ? "  (sensitive)" : "").append('\n');
            if (!in.description().isEmpty()) sb.append("      ").append(in.description()).append('\n');
            for (String rule : rules(in, text)) sb.append("      rule: ").append(rule).append('\n');
        }

        sb.append('\n').append(ansi.bold("Resources")).append(m.resources().isEmpty() ? ": none\n" : "\n");
        for (ResourceDecl d : m.resources()) {
            sb.append("  ").append(d.local());
            d.count().ifPresent(c -> sb.append("  count = ").append(slice(text, c.range())));
            d.forEach().ifPresent(f -> sb.append("  for_each = ").append(slice(text, f.range())));
            sb.append('\n');
        }

        List<Enforced> enforced = enforced(m, text);
        sb.append('\n').append(ansi.bold("Enforced values")).append(enforced.isEmpty() ? ": none\n"
                : " (set by the module for every request; a request cannot change them)\n");
        int width = enforced.stream().mapToInt(e -> e.resource().length() + e.attribute().length() + 1).max().orElse(0);
        for (Enforced e : enforced) {
            String name = e.resource() + "." + e.attribute();
            sb.append("  ").append(name).append(" ".repeat(width - name.length())).append(" = ").append(e.expression()).append('\n');
        }

        sb.append('\n').append(ansi.bold("Outputs")).append(m.outputs().isEmpty() ? ": none\n" : "\n");
        for (OutputDecl o : m.outputs()) {
            sb.append("  ").append(o.name()).append(o.sensitive() ? "  (sensitive)" : "").append('\n');
            if (!o.description().isEmpty()) sb.append("      ").append(o.description()).append('\n');
        }

        sb.append('\n').append(ansi.bold("Connection secret")).append(m.connectionSecret().isEmpty() ? ": none\n"
                : " (written to a Kubernetes Secret when a request sets spec.writeConnectionSecretToRef; every value sensitive)\n  "
                + String.join(", ", connectionSecretKeys(m)) + "\n");
        return sb.toString();
    }

    /** The same as a JSON document. */
    public static String json(ModuleConfig m, List<String> versions) {
        String text = source(m);
        ObjectNode root = JSON.createObjectNode();
        root.put("name", m.name()).put("version", m.version().toString()).put("kind", m.kind())
                .put("description", m.description()).put("file", m.file());
        ArrayNode vs = root.putArray("versions");
        versions.forEach(vs::add);
        ArrayNode inputs = root.putArray("inputs");
        for (InputDecl in : m.inputs()) {
            ObjectNode n = inputs.addObject();
            n.put("name", in.name()).put("type", in.type().toString()).put("required", in.required())
                    .put("sensitive", in.sensitive()).put("description", in.description());
            if (in.defaultValue().isPresent()) n.set("default", in.sensitive() ? null : ValueJson.toJson(in.defaultValue().get()));
            ArrayNode rules = n.putArray("rules");
            rules(in, text).forEach(rules::add);
        }
        ArrayNode resources = root.putArray("resources");
        for (ResourceDecl d : m.resources()) {
            ObjectNode n = resources.addObject();
            n.put("type", d.type()).put("name", d.name());
            d.count().ifPresent(c -> n.put("count", slice(text, c.range())));
            d.forEach().ifPresent(f -> n.put("for_each", slice(text, f.range())));
        }
        ArrayNode enforced = root.putArray("enforced");
        for (Enforced e : enforced(m, text))
            enforced.addObject().put("resource", e.resource()).put("attribute", e.attribute()).put("expression", e.expression());
        ArrayNode outputs = root.putArray("outputs");
        for (OutputDecl o : m.outputs())
            outputs.addObject().put("name", o.name()).put("sensitive", o.sensitive()).put("description", o.description());
        ArrayNode connectionSecret = root.putArray("connection_secret");
        connectionSecretKeys(m).forEach(connectionSecret::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> connectionSecretKeys(ModuleConfig m) {
        return m.connectionSecret().map(cs -> cs.keys().stream().map(a -> a.name()).toList()).orElse(List.of());
    }

    /** Every attribute a resource writes (nested blocks included) whose expression reads no input. */
    static List<Enforced> enforced(ModuleConfig m, String text) {
        List<Enforced> out = new ArrayList<>();
        for (ResourceDecl d : m.resources()) {
            for (Attribute a : d.attributes()) enforced(d.local(), "", a, text, out);
            for (Block b : d.nestedBlocks()) enforcedBlock(d.local(), b.type() + ".", b, text, out);
        }
        return out;
    }

    private static void enforcedBlock(String resource, String prefix, Block b, String text, List<Enforced> out) {
        for (Attribute a : b.body().attributes()) enforced(resource, prefix, a, text, out);
        for (Block nb : b.body().blocks()) enforcedBlock(resource, prefix + nb.type() + ".", nb, text, out);
    }

    private static void enforced(String resource, String prefix, Attribute a, String text, List<Enforced> out) {
        boolean readsInput = Evaluator.references(a.expression()).stream().map(Traversal::rootName).anyMatch(r -> r.equals("input"));
        if (!readsInput) out.add(new Enforced(resource, prefix + a.name(), oneLine(slice(text, a.expression().range()))));
    }

    private static List<String> rules(InputDecl in, String text) {
        List<String> out = new ArrayList<>();
        for (InputRule r : in.rules()) {
            if (r instanceof InputRule.Validation v) out.add("validation " + oneLine(slice(text, v.condition().range())) + ": " + v.message());
            else out.add(oneLine(slice(text, r.range())));
        }
        return out;
    }

    /** The expression on one line (whitespace runs collapsed), cut at 100 characters. */
    private static String oneLine(String s) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() <= 100 ? t : t.substring(0, 97) + "...";
    }

    private static String slice(String text, dev.platctl.engine.diag.SourceRange r) {
        int from = r.start().offset(), to = r.end().offset();
        if (from < 0 || to > text.length() || from >= to) return "";
        return text.substring(from, to);
    }

    private static String source(ModuleConfig m) {
        try {
            return Files.readString(m.dir().resolve("module.hcl"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + m.file(), e);
        }
    }
}
