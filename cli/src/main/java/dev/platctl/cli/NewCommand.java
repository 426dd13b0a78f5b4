package dev.platctl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.VersionConstraint;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.goldenpath.GoldenPaths;
import dev.platctl.engine.goldenpath.ModuleAgreement;
import dev.platctl.engine.goldenpath.ParameterValidator;
import dev.platctl.engine.goldenpath.ParameterValues;
import dev.platctl.engine.goldenpath.RenderedSkeleton;
import dev.platctl.engine.goldenpath.RequestStep;
import dev.platctl.engine.goldenpath.ServiceRequest;
import dev.platctl.engine.goldenpath.SkeletonRenderer;
import dev.platctl.engine.goldenpath.StepAction;
import dev.platctl.engine.goldenpath.StepOutputs;
import dev.platctl.engine.goldenpath.Template;
import dev.platctl.engine.goldenpath.TemplateParameter;
import dev.platctl.engine.goldenpath.TemplateStep;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import dev.platctl.engine.value.ValueJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code platctl new TEMPLATE}: fill in a golden path's parameters and write a Service request (or render the skeleton to review). */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Scaffold a service from a golden path: ask for its parameters (on a terminal) or take them from --set/--values,",
                "validate them, and write a Service request into the team's requests folder, with the requests the template's",
                "platctl:request:create steps ask for that the team does not have yet (its namespaces); plan and apply create them.",
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
        Diagnostics templateWarnings = new Diagnostics();
        Template t = GoldenPaths.load(dir(), template, templateWarnings);
        Output.warnings(templateWarnings, sources(), ansi());
        Map<String, Value> given = new LinkedHashMap<>(fromFile());
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new PlatctlException("cannot read --set " + s + ": write it as KEY=VALUE");
            String key = s.substring(0, eq);
            given.put(key, ParameterValues.parse(t, key, s.substring(eq + 1)));
        }
        if (System.console() != null && !noInput) {
            PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
            ask(t, given, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
        }
        ObjectValue params = ParameterValues.withDefaults(t, given);
        List<Diagnostic> problems = ParameterValidator.validate(t, params);
        if (!problems.isEmpty()) throw new DiagnosticsException(new Diagnostics().addAll(problems));

        Diagnostics d = new Diagnostics();
        SkeletonRenderer renderer = new SkeletonRenderer();
        RenderedSkeleton skeleton = renderer.render(t, params, d).orElseThrow(() -> new DiagnosticsException(d));
        if (dryRun != null) {
            skeleton.writeTo(dryRun);
            System.out.println("Rendered " + skeleton.files().size() + " file(s) of golden path " + t.name() + "@" + t.version() + " into " + dryRun + ".");
            return 0;
        }
        String requestName = name != null ? name : text(params.getOrNull("name"))
                .orElseThrow(() -> new PlatctlException("cannot name the request: give --name NAME (the template has no 'name' parameter)"));
        String owner = team != null ? team : text(params.getOrNull("owner")).map(NewCommand::teamOf)
                .orElseThrow(() -> new PlatctlException("cannot tell the owning team: give --team TEAM (the template has no 'owner' parameter)"));

        Configuration before = loadConfig();
        ModuleConfig module = module(t, before.modules());
        ModuleAgreement.check(t, module, d);
        if (d.hasErrors()) throw new DiagnosticsException(d);
        ServiceRequest request = new ServiceRequest(requestName, owner, t, moduleRef(t, module), params);

        Map<Path, String> files = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        files.put(requestFile(before.workspace(), owner, requestName), request.yaml());
        Map<String, Object> ctx = renderer.context(t, params, d);
        for (TemplateStep step : t.steps()) {
            if (!step.action().equals(StepAction.PLATCTL_REQUEST_CREATE.id())) continue;
            for (RequestStep.Wanted w : RequestStep.render(step, renderer, ctx, d)) {
                if (before.modules().stream().noneMatch(m -> m.name().equals(w.moduleName()))) {
                    notes.add("Skipped " + w.kind() + " " + w.name() + " (step " + step.id() + "): this workspace has no module " + w.moduleName() + ".");
                    continue;
                }
                Optional<RequestConfig> has = RequestStep.existing(w, before.requests());
                if (has.isPresent()) {
                    notes.add("Kept " + has.get().file() + ": " + w.team() + " has " + w.kind() + " " + has.get().name() + " already.");
                    continue;
                }
                before.request(w.name()).ifPresent(other -> d.error("Request name \"" + w.name() + "\" is taken", "step " + step.id() + " would write "
                        + w.kind() + " " + w.name() + ", but " + other.file() + " has a " + other.kind() + " of that name.", step.range()));
                files.put(requestFile(before.workspace(), w.team(), w.name()), ServiceRequest.yaml(w, t));
            }
        }
        if (d.hasErrors()) throw new DiagnosticsException(d);
        write(files);
        Output.warnings(d, sources(), ansi());
        for (Path f : files.keySet()) System.out.println("Wrote " + rel(f) + ".");
        System.out.println("  " + ServiceRequest.KIND + " " + requestName + ": module " + request.module() + ", golden path " + t.name() + " "
                + request.goldenPathRange() + " (now " + t.version() + ").");
        notes.forEach(n -> System.out.println(n));
        Diagnostics linkProblems = new Diagnostics();
        List<StepOutputs.RenderedLink> links = StepOutputs.links(t, params, linkProblems);
        if (!links.isEmpty()) {
            System.out.println("Links, once applied:");
            for (StepOutputs.RenderedLink l : links)
                System.out.println("  " + l.title() + ": " + (l.url().isEmpty() ? l.entityRef() : l.url()));
        }
        Output.warnings(linkProblems, sources(), ansi());
        System.out.println("Next: platctl plan, then platctl apply.");
        return 0;
    }

    /** The newest version of the template's module in the workspace that the template's range (if it has one) accepts. */
    private static ModuleConfig module(Template t, List<ModuleConfig> modules) {
        VersionConstraint range = VersionConstraint.parse(t.moduleVersion()).orElseThrow();
        List<ModuleConfig> named = modules.stream().filter(m -> m.name().equals(t.module())).toList();
        return range.newest(named, ModuleConfig::version)
                .orElseThrow(() -> new PlatctlException("cannot scaffold from golden path " + t.name() + ": its requests use module " + t.module()
                        + (t.moduleVersion().isEmpty() ? "" : "@" + t.moduleVersion()) + ", and this workspace has "
                        + (named.isEmpty() ? "no such module" : "only " + String.join(", ", named.stream().map(ModuleConfig::ref).toList()))));
    }

    /** The template's {@code module@range}, else the range of the newest version in the workspace ({@code ^2.0} for 2.0.0). */
    private static String moduleRef(Template t, ModuleConfig newest) {
        if (!t.moduleVersion().isEmpty()) return t.module() + "@" + t.moduleVersion();
        return t.module() + "@" + VersionConstraint.rangeOf(newest.version());
    }

    /**
     * Writes every file, then loads the workspace: a request the modules reject (a rule the template's schema cannot
     * say, such as minReplicas at most maxReplicas) is reported with its line, and every file written is removed again.
     */
    private void write(Map<Path, String> files) {
        for (Path f : files.keySet())
            if (Files.exists(f)) throw new PlatctlException("cannot write " + rel(f) + ": it exists already");
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<Path, String> e : files.entrySet()) {
                Files.createDirectories(e.getKey().getParent());
                Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
                written.add(e.getKey());
            }
            Diagnostics d = new Diagnostics();
            if (ConfigLoader.load(dir(), d).isEmpty()) {
                System.err.print(dev.platctl.cli.view.DiagnosticView.render(d.all(), sources(), ansi().enabled()));
                throw new PlatctlException("cannot scaffold: the workspace rejects the request" + (files.size() > 1 ? "s" : "")
                        + " (above); nothing was written");
            }
            written.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + files.keySet(), e);
        } finally {
            for (Path f : written) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // the error being reported matters more than a leftover file, which the next run names
                }
            }
        }
    }

    /** A Backstage owner may be an entity reference ({@code group:default/payments}); the team is its name. */
    static String teamOf(String owner) {
        String s = owner.substring(owner.indexOf(':') + 1);
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private Path requestFile(WorkspaceConfig ws, String team, String requestName) {
        String folder = ws.requestDirs().isEmpty() ? "requests" : ws.requestDirs().get(0);
        return dir().resolve(folder).resolve(team).resolve(requestName + ".yaml");
    }

    private String rel(Path f) {
        return dir().relativize(f).toString().replace('\\', '/');
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

    /**
     * Asks for every parameter not given, showing its title, description, numbered choices and default; an empty
     * answer takes the default. An answer the template's schema refuses is explained and asked for again, and so is
     * an empty answer to a required parameter without a default. The end of the input stops asking.
     */
    static void ask(Template t, Map<String, Value> given, BufferedReader in, PrintWriter out) {
        for (TemplateParameter p : t.parameters()) {
            if (given.containsKey(p.name())) continue;
            out.printf("%n%s%s%n", p.title(), p.required() ? " (required)" : "");
            if (!p.description().isEmpty()) out.printf("  %s%n", p.description());
            for (int i = 0; i < p.choices().size(); i++) out.printf("  %d) %s%n", i + 1, text(p.choices().get(i)).orElse(""));
            String dflt = p.defaultValue().flatMap(NewCommand::text).orElse("");
            while (true) {
                out.printf("%s%s: ", p.name(), dflt.isEmpty() ? "" : " [" + dflt + "]");
                out.flush();
                String answer = readLine(in);
                if (answer == null) return;
                answer = answer.trim();
                if (answer.isEmpty()) {
                    if (p.required() && p.defaultValue().isEmpty()) {
                        out.printf("  %s is required.%n", p.name());
                        continue;
                    }
                    break;
                }
                Value v = ParameterValues.parse(t, p.name(), answer);
                if (!p.choices().isEmpty() && answer.matches("\\d+")) {
                    int i = Integer.parseInt(answer) - 1;
                    if (i >= 0 && i < p.choices().size()) v = p.choices().get(i);
                }
                Map<String, Value> tried = new LinkedHashMap<>(given);
                tried.put(p.name(), v);
                List<Diagnostic> wrong = ParameterValidator.validate(t, ParameterValues.withDefaults(t, tried)).stream()
                        .filter(x -> x.summary().equals("Invalid parameter \"" + p.name() + "\"")).toList();
                if (wrong.isEmpty()) {
                    given.put(p.name(), v);
                    break;
                }
                for (Diagnostic x : wrong) out.printf("  %s%n", x.detail().substring(x.detail().indexOf(": ") + 2));
            }
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static Optional<String> text(Value v) {
        if (v == null || v.isNull()) return Optional.empty();
        return Optional.of(v instanceof StringValue s ? s.value() : v.toString());
    }
}
