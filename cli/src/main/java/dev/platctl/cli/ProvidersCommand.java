package dev.platctl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ProviderLoader;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.provider.ResourceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.stream.Collectors;

/** {@code platctl providers}: installed providers with their resource types and attribute schemas. */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "List installed providers, their resource types and attribute schemas (--json like 'terraform providers schema -json').")
final class ProvidersCommand extends WorkspaceCommand {
    @Option(names = "--json", description = "Print the schemas as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Diagnostics d = new Diagnostics();
        try (Providers providers = ProviderLoader.load(Map.of(), new ProviderContext(dir(), java.time.Clock.systemUTC(),
                java.security.SecureRandom::new, System.getenv()), d)) {
            if (json) {
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schemaJson(providers)));
                return 0;
            }
            for (Provider p : providers.all()) {
                System.out.println(ansi().bold("provider \"" + p.name() + "\""));
                for (AttributeSchema a : p.configSchema()) System.out.println("  setting " + describe(a));
                for (ResourceType t : p.resourceTypes()) {
                    System.out.println("  resource " + ansi().bold(t.schema().type()) + (t.schema().description().isEmpty() ? "" : " — " + t.schema().description()));
                    for (AttributeSchema a : t.schema().attributes()) System.out.println("    " + describe(a));
                }
            }
        }
        return 0;
    }

    private static String describe(AttributeSchema a) {
        String flags = java.util.stream.Stream.of(a.required() ? "required" : null, a.optional() ? "optional" : null,
                a.computed() ? "computed" : null, a.sensitive() ? "sensitive" : null, a.forceNew() ? "forces replacement" : null)
                .filter(java.util.Objects::nonNull).collect(Collectors.joining(", "));
        return a.name() + " (" + a.type().displayName() + "; " + flags + ")" + (a.description().isEmpty() ? "" : ": " + a.description());
    }

    static ObjectNode schemaJson(Providers providers) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("format_version", "1.0");
        ObjectNode schemas = root.putObject("provider_schemas");
        for (Provider p : providers.all()) {
            ObjectNode ps = schemas.putObject(p.name());
            attributes(ps.putObject("provider").put("version", 0).putObject("block"), p.configSchema());
            ObjectNode rs = ps.putObject("resource_schemas");
            for (ResourceType t : p.resourceTypes()) {
                ObjectNode block = rs.putObject(t.schema().type()).put("version", 0).putObject("block");
                attributes(block, t.schema().attributes());
                if (!t.schema().description().isEmpty()) block.put("description", t.schema().description());
            }
        }
        return root;
    }

    private static void attributes(ObjectNode block, java.util.List<AttributeSchema> attrs) {
        ObjectNode out = block.putObject("attributes");
        for (AttributeSchema a : attrs) {
            ObjectNode n = out.putObject(a.name());
            n.put("type", a.type() == dev.platctl.engine.provider.AttributeType.ANY ? "dynamic" : a.type().displayName());
            if (!a.description().isEmpty()) n.put("description", a.description());
            if (a.required()) n.put("required", true);
            if (a.optional()) n.put("optional", true);
            if (a.computed()) n.put("computed", true);
            if (a.sensitive()) n.put("sensitive", true);
            if (a.forceNew()) n.put("forces_replacement", true);
        }
    }
}
