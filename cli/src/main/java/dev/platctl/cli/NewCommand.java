package dev.platctl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.goldenpath.GoldenPaths;
import dev.platctl.engine.goldenpath.ParameterValidator;
import dev.platctl.engine.goldenpath.ParameterValues;
import dev.platctl.engine.goldenpath.RenderedSkeleton;
import dev.platctl.engine.goldenpath.ServiceRequest;
import dev.platctl.engine.goldenpath.SkeletonRenderer;
import dev.platctl.engine.goldenpath.Template;
import dev.platctl.engine.goldenpath.TemplateParameter;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import dev.platctl.engine.value.ValueJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code platctl new TEMPLATE}: fill in a golden path's parameters and write a Service request (or render the skeleton to review). */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Scaffold a service from a golden path: ask for its parameters (on a terminal) or take them from --set/--values,",
                "validate them, and write a Service request into the team's requests folder; plan and apply create it.",
                "--dry-run DIR renders the skeleton into DIR to review instead."})
final class NewCommand extends WorkspaceCommand {
    @Parameters(index = "0", paramLabel = "TEMPLATE", description = "A golden path name (golden-paths/<name>/) or the folder of a template.yaml.")
    String template;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set a parameter (repeatable).")
    List<String> sets = List.of();

    @Option(names = "--values", paramLabel = "FILE", description = "A YAML or JSON file of parameters; --set wins over it.")
    Path valuesFile;

    @Option(names = "--name", paramLabel = "NAME", description = "The request's name (default: the 'name' parameter).")
    String name;

    @Option(names = "--team", paramLabel = "TEAM", description = "The owning team and requests folder (default: the 'owner' parameter).")
    String team;

    @Option(names = "--dry-run", paramLabel = "DIR", description = "Render the skeleton into DIR (empty or absent) and write no request.")
    Path dryRun;

    @Option(names = "--no-input", description = "Never ask, even on a terminal.")
    boolean noInput;

    @Override
    public Integer call() {
        Template t = GoldenPaths.load(dir(), template);
        Map<String, Value> given = new LinkedHashMap<>(fromFile());
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new PlatctlException("cannot read --set " + s + ": write it as KEY=VALUE");
            String key = s.substring(0, eq);
            given.put(key, ParameterValues.parse(t, key, s.substring(eq + 1)));
        }
        Console console = System.console();
        if (console != null && !noInput) ask(t, given, console);
        ObjectValue params = ParameterValues.withDefaults(t, given);
        List<Diagnostic> problems = ParameterValidator.validate(t, params);
        if (!problems.isEmpty()) throw new DiagnosticsException(new Diagnostics().addAll(problems));

        if (dryRun != null) {
            Diagnostics d = new Diagnostics();
            RenderedSkeleton out = new SkeletonRenderer().render(t, params, d).orElseThrow(() -> new DiagnosticsException(d));
            out.writeTo(dryRun);
            System.out.println("Rendered " + out.files().size() + " file(s) of golden path " + t.name() + "@" + t.version() + " into " + dryRun + ".");
            return 0;
        }
        String requestName = name != null ? name : text(params.getOrNull("name"))
                .orElseThrow(() -> new PlatctlException("cannot name the request: give --name NAME (the template has no 'name' parameter)"));
        String owner = team != null ? team : text(params.getOrNull("owner")).map(NewCommand::teamOf)
                .orElseThrow(() -> new PlatctlException("cannot tell the owning team: give --team TEAM (the template has no 'owner' parameter)"));
        Path file = requestFile(owner, requestName);
        if (Files.exists(file)) throw new PlatctlException("cannot write " + dir().relativize(file) + ": it exists already");
        ServiceRequest request = new ServiceRequest(requestName, owner, t, params);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, request.yaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        System.out.println("Wrote " + dir().relativize(file).toString().replace('\\', '/') + " (" + ServiceRequest.KIND + " " + requestName
                + ", module " + request.module() + ", golden path " + t.name() + "@" + t.version() + ").");
        System.out.println("Next: platctl plan, then platctl apply.");
        return 0;
    }

    /** A Backstage owner may be an entity reference ({@code group:default/payments}); the team is its name. */
    static String teamOf(String owner) {
        String s = owner.substring(owner.indexOf(':') + 1);
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private Path requestFile(String team, String requestName) {
        Diagnostics d = new Diagnostics();
        WorkspaceConfig ws = ConfigLoader.loadWorkspace(dir(), d).orElseThrow(() -> new DiagnosticsException(d));
        String folder = ws.requestDirs().isEmpty() ? "requests" : ws.requestDirs().get(0);
        return dir().resolve(folder).resolve(team).resolve(requestName + ".yaml");
    }

    private Map<String, Value> fromFile() {
        if (valuesFile == null) return Map.of();
        try {
            Object parsed = new ObjectMapper(new YAMLFactory()).readValue(valuesFile.toFile(), Object.class);
            if (!(ValueJson.fromJava(parsed) instanceof ObjectValue o))
                throw new PlatctlException("cannot read " + valuesFile + ": it must be a mapping of parameter names to values");
            return new TreeMap<>(o.attributes());
        } catch (IOException e) {
            throw new PlatctlException("cannot read " + valuesFile + ": " + e.getMessage(), e);
        }
    }

    /** Asks for every parameter not given, showing its title, description, choices and default. */
    private static void ask(Template t, Map<String, Value> given, Console console) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (TemplateParameter p : t.parameters()) {
            if (given.containsKey(p.name())) continue;
            console.printf("%n%s%s%n", p.title(), p.required() ? " (required)" : "");
            if (!p.description().isEmpty()) console.printf("  %s%n", p.description());
            for (int i = 0; i < p.choices().size(); i++) console.printf("  %d) %s%n", i + 1, text(p.choices().get(i)).orElse(""));
            String dflt = p.defaultValue().flatMap(NewCommand::text).orElse("");
            String answer = console.readLine("%s%s: ", p.name(), dflt.isEmpty() ? "" : " [" + dflt + "]");
            if (answer == null) answer = readLine(in);
            answer = answer.trim();
            if (answer.isEmpty()) continue;
            if (!p.choices().isEmpty() && answer.matches("\\d+")) {
                int i = Integer.parseInt(answer) - 1;
                if (i >= 0 && i < p.choices().size()) {
                    given.put(p.name(), p.choices().get(i));
                    continue;
                }
            }
            given.put(p.name(), ParameterValues.parse(t, p.name(), answer));
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            String s = in.readLine();
            return s == null ? "" : s;
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<String> text(Value v) {
        if (v == null || v.isNull()) return Optional.empty();
        return Optional.of(v instanceof StringValue s ? s.value() : v.toString());
    }
}
