package dev.platctl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.VersionConstraint;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.goldenpath.GoldenPaths;
import dev.platctl.engine.goldenpath.ModuleAgreement;
import dev.platctl.engine.goldenpath.OutputPath;
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
import dev.platctl.engine.value.NumberValue;
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
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
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
        if (!noInput && interactive(System.console())) {
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

        // everything is worked out (and every clash found) before the first file is written
        Path requests = requestsFolder(before.workspace());
        List<NewFile> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        newFile(requests, owner, requestName, request.yaml(), "the " + ServiceRequest.KIND + " request", null, d).ifPresent(files::add);
        Map<String, String> newNames = new HashMap<>(Map.of(requestName, "the " + ServiceRequest.KIND + " request"));
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
                Optional<RequestConfig> taken = before.request(w.name());
                if (taken.isPresent()) {
                    RequestConfig other = taken.get();
                    d.error("Request name \"" + w.name() + "\" is taken" + (other.team().equals(w.team()) ? "" : " by team " + other.team()),
                            "step " + step.id() + " would write " + w.kind() + " " + w.name() + " for team " + w.team() + ", but " + other.file()
                                    + " has a " + other.kind() + " of that name" + (other.team().equals(w.team()) ? "" : ", owned by team " + other.team())
                                    + ". Request names are unique in a workspace.", step.range());
                    continue;
                }
                String prior = newNames.putIfAbsent(w.name(), "step " + step.id());
                if (prior != null) {
                    d.error("Two new requests named \"" + w.name() + "\"", "step " + step.id() + " would write " + w.kind() + " " + w.name() + ", and so would "
                            + prior + "; request names are unique in a workspace, and one file would replace the other.", step.range());
                    continue;
                }
                newFile(requests, w.team(), w.name(), ServiceRequest.yaml(w, t), "the " + w.kind() + " of step " + step.id(), step.range(), d)
                        .ifPresent(files::add);
            }
        }
        Map<Path, NewFile> byPath = new HashMap<>();
        for (NewFile f : files)
            if (byPath.putIfAbsent(f.path(), f) != null)
                d.error("Two requests would be written to " + rel(f.path()), "file names are the requests' names, which must differ.", null);
        if (d.hasErrors()) throw new DiagnosticsException(d);
        Diagnostics linkProblems = new Diagnostics();
        List<Template.Link> links = StepOutputs.links(t, params, linkProblems);

        write(files);
        Output.warnings(d, sources(), ansi());
        for (NewFile f : files) System.out.println("Wrote " + rel(f.path()) + ".");
        System.out.println("  " + ServiceRequest.KIND + " " + requestName + ": module " + request.module() + ", golden path " + t.name() + " "
                + request.goldenPathRange() + " (now " + t.version() + ").");
        notes.forEach(System.out::println);
        if (!links.isEmpty()) {
            System.out.println("Links, once applied:");
            for (Template.Link l : links)
                System.out.println("  " + l.title() + ": " + (l.url().isEmpty() ? l.entityRef() : l.url()));
        }
        Output.warnings(linkProblems, sources(), ansi());
        System.out.println("Next: platctl plan, then platctl apply.");
        return 0;
    }

    /** A request file to write: {@code <requests>/<team>/<name>.yaml}. */
    private record NewFile(Path path, String content) {
    }

    /**
     * The file for a request, when its team is one plain folder name and its name a request name: both may come from a
     * template's step, rendered from parameters the template may not constrain, so {@code ../x} must not leave the
     * requests folder.
     */
    private Optional<NewFile> newFile(Path requests, String team, String requestName, String content, String what, SourceRange at, Diagnostics d) {
        List<String> wrong = new ArrayList<>();
        if (!ResourceAddress.REQUEST_NAME.matcher(requestName).matches() || requestName.length() > 63)
            wrong.add("its name \"" + requestName + "\" is no request name (a DNS label: lower-case letters, digits and '-', at most 63 characters)");
        Optional<String> folder = team.contains("/") ? Optional.of("it holds a '/'") : OutputPath.problem(team);
        folder.ifPresent(why -> wrong.add("its team \"" + team + "\" is no folder name: " + why));
        Path file = requests.resolve(team).resolve(requestName + ".yaml").normalize();
        if (wrong.isEmpty() && !file.startsWith(requests)) wrong.add("it would be written outside " + rel(requests));
        if (!wrong.isEmpty()) {
            d.error("Cannot write " + what, String.join("; ", wrong) + ".", at);
            return Optional.empty();
        }
        return Optional.of(new NewFile(file, content));
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
     * Writes every file (each one new: a file that appears meanwhile is not overwritten), then loads the workspace: a
     * request the modules reject (a rule the template's schema cannot say, such as minReplicas at most maxReplicas) is
     * reported with its line, and every file and folder written is removed again; so is a file whose write failed after
     * it was created (a full disk), which would otherwise be left truncated.
     */
    private void write(List<NewFile> files) {
        List<String> existing = files.stream().filter(f -> Files.exists(f.path(), LinkOption.NOFOLLOW_LINKS)).map(f -> rel(f.path())).toList();
        if (!existing.isEmpty())
            throw new PlatctlException("cannot write " + String.join(", ", existing) + ": " + (existing.size() == 1 ? "it exists" : "they exist")
                    + " already; nothing was written");
        List<Path> written = new ArrayList<>(), created = new ArrayList<>();
        boolean kept = false;
        try {
            for (NewFile f : files) {
                createFolders(f.path().getParent(), created);
                byte[] content = f.content().getBytes(StandardCharsets.UTF_8);
                try (OutputStream out = Files.newOutputStream(f.path(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    written.add(f.path()); // ours from the moment it exists: a write that fails half-way leaves nothing behind
                    out.write(content);
                }
            }
            Diagnostics d = new Diagnostics();
            if (ConfigLoader.load(dir(), d).isEmpty()) {
                System.err.print(dev.platctl.cli.view.DiagnosticView.render(d.all(), sources(), ansi().enabled()));
                throw new PlatctlException("cannot scaffold: the workspace rejects the request" + (files.size() > 1 ? "s" : "")
                        + " (above); nothing was written");
            }
            kept = true;
        } catch (FileAlreadyExistsException e) {
            throw new PlatctlException("cannot write " + rel(Path.of(e.getFile())) + ": it was created while platctl new ran; nothing was written", e);
        } catch (IOException e) {
            throw new PlatctlException("cannot write the requests: " + e.getMessage() + "; nothing was kept", e);
        } finally {
            if (!kept) remove(written, created);
        }
    }

    /** Creates {@code folder} and the folders above it that are missing, recording each one it made. */
    private static void createFolders(Path folder, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !Files.isDirectory(p); p = p.getParent()) missing.add(0, p);
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                created.add(p);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) throw e;
            }
        }
    }

    /** Undoes a write: the files, then the folders made for them (the deepest first); whatever someone else put there stays. */
    private static void remove(List<Path> written, List<Path> created) {
        for (Path f : written) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // the error being reported matters more than a leftover file, which the next run names
            }
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException ignored) {
                // not empty: something else was written there meanwhile
            }
        }
    }

    /** A Backstage owner may be an entity reference ({@code group:default/payments}); the team is its name. */
    static String teamOf(String owner) {
        String s = owner.substring(owner.indexOf(':') + 1);
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private Path requestsFolder(WorkspaceConfig ws) {
        return dir().resolve(ws.requestDirs().isEmpty() ? "requests" : ws.requestDirs().get(0)).normalize();
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
            if (given.containsKey(p.name()) || p.hidden()) continue;
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
                Value typed = v;
                boolean aChoice = p.choices().stream().anyMatch(c -> same(c, typed));
                if (!aChoice && !p.choices().isEmpty() && answer.matches("\\d{1,9}")) {
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

    /** A choice equals a typed answer: numbers by value (2 is 2.0), anything else as it is. */
    private static boolean same(Value choice, Value answer) {
        if (choice instanceof NumberValue a && answer instanceof NumberValue b) return a.value().compareTo(b.value()) == 0;
        return choice.unmarked().equals(answer.unmarked());
    }

    /**
     * Whether a person is there to answer. Before JDK 22 there is a console only when stdin and stdout are both a
     * terminal; from JDK 22 there is one even when they are redirected, and {@code isTerminal()} (called by reflection:
     * platctl runs on 17) says whether it is one.
     */
    static boolean interactive(Object console) {
        if (console == null) return false;
        try {
            Class<?> type = console instanceof java.io.Console ? java.io.Console.class : console.getClass();
            return Boolean.TRUE.equals(type.getMethod("isTerminal").invoke(console));
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
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
