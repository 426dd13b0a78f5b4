package dev.platctl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.cli.view.ValueFormatter;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.value.Value;
import dev.platctl.engine.value.ValueJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** {@code platctl output [REQUEST [NAME]]}: the outputs of requests, from state. */
@Command(name = "output", mixinStandardHelpOptions = true,
        description = "Show the outputs of requests (from state). Sensitive outputs are hidden unless --show-sensitive.")
final class OutputCommand extends WorkspaceCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "REQUEST", description = "Only this request.")
    String request;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Only this output (printed raw).")
    String name;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Option(names = "--show-sensitive", description = "Print sensitive values in clear.")
    boolean showSensitive;

    @Override
    public Integer call() throws Exception {
        Configuration cfg = loadConfig();
        Map<String, Map<String, Value>> outputs;
        try (Session s = Session.open(cfg.workspace(), 1)) {
            Diagnostics d = new Diagnostics();
            outputs = s.engine.outputs(cfg, d);
            if (d.hasErrors()) throw new dev.platctl.engine.diag.DiagnosticsException(d);
        }
        if (request != null) {
            if (!outputs.containsKey(request)) throw new PlatctlException("cannot show outputs: request '" + request
                    + "' has none (requests with outputs: " + String.join(", ", outputs.keySet()) + ")");
            outputs = Map.of(request, outputs.get(request));
        }
        if (name != null) {
            Value v = outputs.get(request).get(name);
            if (v == null) throw new PlatctlException("cannot show output: request '" + request + "' has no output '" + name + "'");
            if (v.containsSensitive() && !showSensitive) throw new PlatctlException("output '" + name + "' is sensitive; add --show-sensitive to print it");
            Value plain = v.unmarked();
            System.out.println(plain instanceof dev.platctl.engine.value.StringValue sv ? sv.value() : ValueFormatter.inline(plain));
            return 0;
        }
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = m.createObjectNode();
            outputs.forEach((req, outs) -> {
                ObjectNode r = root.putObject(req);
                outs.forEach((k, v) -> {
                    ObjectNode o = r.putObject(k);
                    o.put("sensitive", v.containsSensitive());
                    o.set("value", v.containsSensitive() && !showSensitive ? m.nullNode() : ValueJson.toJson(v));
                });
            });
            System.out.println(m.writeValueAsString(root));
            return 0;
        }
        if (outputs.isEmpty()) System.out.println("No outputs.");
        outputs.forEach((req, outs) -> {
            System.out.println(ansi().bold(req) + ":");
            outs.forEach((k, v) -> System.out.println("  " + k + " = " + (showSensitive ? ValueFormatter.inline(v.unmarked()) : ValueFormatter.inline(v))));
        });
        return 0;
    }
}
