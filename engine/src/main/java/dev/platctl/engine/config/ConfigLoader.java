package dev.platctl.engine.config;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.expr.EvalContext;
import dev.platctl.engine.expr.Evaluator;
import dev.platctl.engine.expr.Functions;
import dev.platctl.engine.goldenpath.GoldenPathResolver;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Body;
import dev.platctl.engine.hcl.HclParser;
import dev.platctl.engine.policy.ConditionCompiler;
import dev.platctl.engine.policy.PolicyLoader;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads a workspace: {@code platctl.hcl}, every module under the module folders and every request under
 * the request folders, checks requests against the module version they resolve to, and collects every
 * problem as a diagnostic.
 */
public final class ConfigLoader {
    public static final String WORKSPACE_FILE = "platctl.hcl";
    static final List<String> REQUEST_FIELDS = List.of("apiVersion", "kind", "metadata", "spec");
    static final List<String> METADATA_FIELDS = List.of("name", "team", "labels", "annotations", "namespace");
    static final List<String> SPEC_FIELDS = List.of("module", "parameters", "writeConnectionSecretToRef", "dependsOn", "goldenPath");

    private final Path dir;
    private final Diagnostics diags;
    private final Map<String, String> sources = new TreeMap<>();
    /** Folder names of module files that failed to load: requests naming them get no second error. */
    private final java.util.Set<String> brokenModules = new java.util.HashSet<>();

    private ConfigLoader(Path dir, Diagnostics diags) {
        this.dir = dir.toAbsolutePath().normalize();
        this.diags = diags;
    }

    /** Loads the workspace in {@code dir}; the result is empty when there were errors (all in {@code diags}). */
    public static Optional<Configuration> load(Path dir, Diagnostics diags) {
        ConfigLoader l = new ConfigLoader(dir, diags);
        Configuration c = l.loadAll();
        return diags.hasErrors() ? Optional.empty() : Optional.of(c);
    }

    /** Loads only the workspace file (for commands that need the backend but not the modules). */
    public static Optional<WorkspaceConfig> loadWorkspace(Path dir, Diagnostics diags) {
        ConfigLoader l = new ConfigLoader(dir, diags);
        WorkspaceConfig ws = l.workspace();
        return diags.hasErrors() ? Optional.empty() : Optional.of(ws);
    }

    /**
     * Loads the workspace file and every module (module folders and registry), without requests: for
     * commands about modules, which should work while a request is broken.
     */
    public static Optional<List<ModuleConfig>> loadModules(Path dir, Diagnostics diags) {
        ConfigLoader l = new ConfigLoader(dir, diags);
        List<ModuleConfig> modules = l.allModules(l.workspace());
        return diags.hasErrors() ? Optional.empty() : Optional.of(modules);
    }

    /**
     * Reads the one module in {@code moduleDir} (its {@code module.hcl}), naming files relative to the
     * workspace {@code dir}; for publishing and testing a module before any request uses it.
     */
    public static Optional<ModuleConfig> loadModule(Path dir, Path moduleDir, Diagnostics diags) {
        ConfigLoader l = new ConfigLoader(dir, diags);
        Path f = moduleDir.toAbsolutePath().normalize().resolve("module.hcl");
        if (!Files.isRegularFile(f)) {
            diags.error("No module here", "there is no module.hcl in " + l.rel(moduleDir.toAbsolutePath().normalize()) + ".", null);
            return Optional.empty();
        }
        return ModuleReader.read(f, l.rel(f), l.read(f), diags);
    }

    /** Reads one request document, e.g. the request of a module test case. */
    public static Optional<RequestConfig> readRequest(String file, YamlNode doc, String stack, Diagnostics diags) {
        return RequestReader.read(file, doc, stack, diags);
    }

    private Configuration loadAll() {
        WorkspaceConfig ws = workspace();
        List<ModuleConfig> modules = allModules(ws);
        List<RequestConfig> requests = new ArrayList<>();
        for (String rd : ws.requestDirs()) requests.addAll(requests(dir.resolve(rd)));
        PolicyLoader policies = new PolicyLoader(new ConditionCompiler(), Functions.standard(dir), diags);
        for (String pd : ws.policyDirs()) policies(dir.resolve(pd), policies);
        Map<String, ModuleConfig> resolved = new HashMap<>();
        Map<String, RequestConfig> byName = new HashMap<>();
        GoldenPathResolver goldenPaths = new GoldenPathResolver();
        for (int i = 0; i < requests.size(); i++) {
            RequestConfig r = requests.get(i);
            RequestConfig first = byName.putIfAbsent(r.name(), r);
            if (first != null) {
                diags.error("Duplicate request name \"" + r.name() + "\"",
                        "request names are unique in a workspace; \"" + r.name() + "\" is also requested in "
                                + first.file() + " line " + first.range().start().line() + ".", r.range());
                continue;
            }
            Optional<ModuleConfig> m = resolve(r, modules);
            if (m.isEmpty()) continue;
            resolved.put(r.name(), m.get());
            RequestValidator.validate(r, m.get(), ws, diags);
            Optional<RequestConfig> withGoldenPath = goldenPaths.resolve(r, m.get(), diags);
            if (withGoldenPath.isPresent()) requests.set(i, withGoldenPath.get());
        }
        return new Configuration(ws, modules, requests, resolved, policies.policies(), sources, hash(goldenPaths.digest()));
    }

    // ---------------------------------------------------------------- workspace

    private WorkspaceConfig workspace() {
        Path file = dir.resolve(WORKSPACE_FILE);
        List<String> moduleDirs = List.of("modules");
        List<String> requestDirs = List.of("requests");
        String registryDir = WorkspaceConfig.DEFAULT_REGISTRY;
        List<String> policyDirs = List.of("policies");
        String backend = "local";
        ObjectValue backendConfig = ObjectValue.EMPTY;
        Map<String, ObjectValue> providers = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            diags.error("No workspace here", "there is no " + WORKSPACE_FILE + " in " + dir
                    + ". Run platctl in a workspace folder, or pick one with -C DIR.", null);
            return new WorkspaceConfig(dir, moduleDirs, requestDirs, registryDir, policyDirs, backend, backendConfig, providers);
        }
        Optional<Body> parsed = parse(file);
        if (parsed.isEmpty()) return new WorkspaceConfig(dir, moduleDirs, requestDirs, registryDir, policyDirs, backend, backendConfig, providers);
        Body body = parsed.get();
        for (Attribute a : body.attributes())
            diags.error("Unexpected attribute \"" + a.name() + "\"",
                    "the workspace file takes blocks: workspace, backend and provider.", a.nameRange());
        Block backendBlock = null;
        for (Block b : body.blocks()) {
            switch (b.type()) {
                case "workspace" -> {
                    ObjectValue o = staticObject(b.body(), List.of("modules", "requests", "registry", "policies"), "workspace");
                    moduleDirs = stringList(o.getOrNull("modules"), moduleDirs, b, "modules");
                    requestDirs = stringList(o.getOrNull("requests"), requestDirs, b, "requests");
                    registryDir = folder(o.getOrNull("registry"), registryDir, b, "registry");
                    policyDirs = stringList(o.getOrNull("policies"), policyDirs, b, "policies");
                }
                case "backend" -> {
                    if (!labels(b, 1, "backend \"local\" { ... }")) continue;
                    if (backendBlock != null) {
                        diags.error("Duplicate backend block", "a workspace has one backend; the first is on line "
                                + backendBlock.range().start().line() + ".", b.typeRange());
                        continue;
                    }
                    backendBlock = b;
                    backend = b.labels().get(0);
                    backendConfig = staticObject(b.body(), null, "backend");
                }
                case "provider" -> {
                    if (!labels(b, 1, "provider \"builtin\" { ... }")) continue;
                    providers.put(b.labels().get(0), staticObject(b.body(), null, "provider"));
                }
                default -> diags.error("Unsupported block type \"" + b.type() + "\"",
                        "the workspace file takes workspace, backend and provider blocks."
                                + Suggestions.didYouMean(b.type(), List.of("workspace", "backend", "provider")), b.typeRange());
            }
        }
        return new WorkspaceConfig(dir, moduleDirs, requestDirs, registryDir, policyDirs, backend, backendConfig, providers);
    }

    private String folder(Value v, String dflt, Block b, String name) {
        if (v.isNull()) return dflt;
        if (v instanceof StringValue s && !s.value().isBlank()) return s.value();
        diags.error("Invalid value for \"" + name + "\"", "expected a folder name, e.g. \"registry\".", b.range());
        return dflt;
    }

    private List<String> stringList(Value v, List<String> dflt, Block b, String name) {
        if (v.isNull()) return dflt;
        if (v instanceof StringValue s) return List.of(s.value());
        if (v instanceof dev.platctl.engine.value.ListValue l) {
            List<String> out = new ArrayList<>();
            for (Value x : l.items()) {
                if (x instanceof StringValue s) out.add(s.value());
                else diags.error("Invalid value for \"" + name + "\"", "expected a folder name or a list of them.", b.range());
            }
            return out;
        }
        diags.error("Invalid value for \"" + name + "\"", "expected a folder name or a list of them.", b.range());
        return dflt;
    }

    // ---------------------------------------------------------------- modules

    /**
     * The modules of the module folders and the registry. A version found in both is used once when its
     * content is the published one, and is an error when it differs (published versions are immutable).
     */
    private List<ModuleConfig> allModules(WorkspaceConfig ws) {
        List<ModuleConfig> local = new ArrayList<>();
        for (String md : ws.moduleDirs()) local.addAll(modules(dir.resolve(md)));
        List<ModuleConfig> published = registryModules(ws.registry());
        Map<String, ModuleConfig> byRef = new HashMap<>();
        for (ModuleConfig m : published) byRef.put(m.ref(), m);
        List<ModuleConfig> out = new ArrayList<>(published);
        for (ModuleConfig m : local) {
            ModuleConfig p = byRef.get(m.ref());
            if (p == null) {
                out.add(m);
            } else if (!ModuleChecksum.of(m.dir()).equals(ModuleChecksum.of(p.dir()))) {
                diags.error("Module " + m.ref() + " differs from its published version", "version " + m.version()
                        + " of " + m.name() + " is published in " + rel(p.dir()) + " with other content; published versions"
                        + " never change. Give this one a new version.", m.range());
            }
        }
        checkDuplicateModules(out);
        return out;
    }

    /** Published versions: each {@code <registry>/<name>/<version>/} with a checksum that matches its files. */
    private List<ModuleConfig> registryModules(Path root) {
        List<ModuleConfig> out = new ArrayList<>();
        for (ModuleConfig m : modules(root)) {
            if (root.relativize(m.dir().toAbsolutePath().normalize()).toString().startsWith(".")) continue;
            Path expected = root.resolve(m.name()).resolve(m.version().toString()).normalize();
            if (!m.dir().toAbsolutePath().normalize().equals(expected)) {
                diags.error("Misplaced published module " + m.ref(), "a registry keeps " + m.ref() + " in "
                        + rel(expected) + "; publish modules with platctl module publish.", m.range());
                continue;
            }
            Optional<String> recorded = ModuleChecksum.recorded(m.dir());
            if (recorded.isEmpty() || !recorded.get().equals(ModuleChecksum.of(m.dir()))) {
                diags.error("Published module " + m.ref() + " was modified", recorded.isEmpty()
                        ? "its folder has no " + ModuleChecksum.FILE + "; publish modules with platctl module publish."
                        : "its files no longer match " + ModuleChecksum.FILE + ". Published versions never change:"
                        + " restore it and publish the change as a new version.", m.range());
                continue;
            }
            out.add(m);
        }
        return out;
    }

    private List<ModuleConfig> modules(Path root) {
        if (!Files.isDirectory(root)) return List.of();
        List<ModuleConfig> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("module.hcl")).sorted().toList()) {
                Optional<ModuleConfig> m = ModuleReader.read(f, rel(f), read(f), diags);
                if (m.isPresent()) {
                    out.add(m.get());
                } else {
                    for (Path p = f.getParent(); p != null && !p.equals(root); p = p.getParent())
                        brokenModules.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read modules in " + root, e);
        }
        return out;
    }

    private void checkDuplicateModules(List<ModuleConfig> modules) {
        Map<String, ModuleConfig> seen = new HashMap<>();
        for (ModuleConfig m : modules) {
            ModuleConfig first = seen.putIfAbsent(m.ref(), m);
            if (first != null)
                diags.error("Duplicate module version " + m.ref(), "module " + m.ref() + " is also defined in "
                        + first.file() + ". Each version is published once.", m.range());
        }
    }

    private Optional<ModuleConfig> resolve(RequestConfig r, List<ModuleConfig> modules) {
        List<ModuleConfig> named = modules.stream().filter(m -> m.name().equals(r.moduleName())).toList();
        if (named.isEmpty()) {
            if (brokenModules.contains(r.moduleName())) return Optional.empty();
            List<String> names = modules.stream().map(ModuleConfig::name).distinct().sorted().toList();
            diags.error("Unknown module \"" + r.moduleName() + "\"", "no module named \"" + r.moduleName()
                    + "\" in this workspace." + Suggestions.didYouMean(r.moduleName(), names)
                    + (names.isEmpty() ? " There are no modules." : " Modules: " + String.join(", ", names) + "."),
                    r.moduleRange());
            return Optional.empty();
        }
        Optional<ModuleConfig> best = r.moduleVersion().newest(named, ModuleConfig::version);
        if (best.isEmpty()) {
            SemVer newest = named.stream().map(ModuleConfig::version).max(Comparator.naturalOrder()).orElseThrow();
            diags.error("No version of module \"" + r.moduleName() + "\" matches \"" + r.moduleVersion() + "\"",
                    "available versions: " + String.join(", ", named.stream().map(ModuleConfig::version).sorted().map(SemVer::toString).toList())
                            + ". To take the newest, write " + r.moduleName() + "@" + VersionConstraint.rangeOf(newest)
                            + " (a new major version may ask for other parameters: see the module's inputs with platctl module show "
                            + r.moduleName() + "@" + newest + ").",
                    r.moduleRange());
            return Optional.empty();
        }
        ModuleConfig m = best.get();
        if (!m.kind().isEmpty() && !m.kind().equals(r.kind()))
            diags.error("Kind does not match the module", "module " + m.ref() + " serves kind \"" + m.kind()
                    + "\", but the request says kind \"" + r.kind() + "\".", r.range());
        return Optional.of(m);
    }

    // ---------------------------------------------------------------- policies

    /** The {@code *.hcl} files directly in a policy folder (its {@code tests/} are for {@code platctl policy test}). */
    private void policies(Path root, PolicyLoader loader) {
        if (!Files.isDirectory(root)) return;
        try (Stream<Path> files = Files.list(root)) {
            for (Path f : files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".hcl")).sorted().toList())
                loader.read(rel(f), read(f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policies in " + root, e);
        }
    }

    // ---------------------------------------------------------------- requests

    private List<RequestConfig> requests(Path root) {
        if (!Files.isDirectory(root)) return List.of();
        List<RequestConfig> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
            }).sorted().toList()) {
                Path relToRoot = root.relativize(f);
                String stack = relToRoot.getNameCount() > 1 ? relToRoot.getName(0).toString() : "default";
                String file = rel(f);
                for (YamlNode doc : YamlReader.read(file, read(f), diags))
                    RequestReader.read(file, doc, stack, diags).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read requests in " + root, e);
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private Optional<Body> parse(Path f) {
        HclParser.ParseResult r = HclParser.parse(rel(f), read(f));
        diags.addAll(r.diagnostics());
        return r.diagnostics().hasErrors() ? Optional.empty() : Optional.of(r.body());
    }

    private boolean labels(Block b, int n, String example) {
        if (b.labels().size() == n) return true;
        diags.error("Wrong number of labels on " + b.type() + " block", "expected " + n + ", e.g. " + example + ".", b.typeRange());
        return false;
    }

    /** Evaluates a body's attributes without variables; {@code allowed} (when given) lists the accepted names. */
    private ObjectValue staticObject(Body body, List<String> allowed, String what) {
        EvalContext ctx = new EvalContext(Map.of("env", envObject()), Functions.standard(dir));
        Map<String, Value> out = new LinkedHashMap<>();
        for (Attribute a : body.attributes()) {
            if (allowed != null && !allowed.contains(a.name())) {
                diags.error("Unsupported argument \"" + a.name() + "\"", "a " + what + " block takes: "
                        + String.join(", ", allowed) + "." + Suggestions.didYouMean(a.name(), allowed), a.nameRange());
                continue;
            }
            out.put(a.name(), Evaluator.evaluate(a.expression(), ctx, diags));
        }
        for (Block b : body.blocks()) out.put(b.type(), staticObject(b.body(), null, b.type()));
        return new ObjectValue(out);
    }

    private static ObjectValue envObject() {
        Map<String, Value> m = new TreeMap<>();
        System.getenv().forEach((k, v) -> m.put(k, new StringValue(v)));
        return new ObjectValue(m);
    }

    private String read(Path f) {
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            sources.put(rel(f), text);
            return text;
        } catch (IOException e) {
            diags.error("Cannot read " + rel(f), e.getMessage(), null);
            return "";
        }
    }

    private String rel(Path f) {
        Path a = f.toAbsolutePath().normalize();
        return a.startsWith(dir) ? dir.relativize(a).toString().replace('\\', '/') : a.toString();
    }

    /**
     * The sources read, and {@code more} (the golden paths' files) when there is any. A file outside the workspace (a
     * module folder {@code ../../modules}) counts by its path relative to the workspace, so two checkouts of one
     * repository hash the same and a plan saved in one applies in the other.
     */
    private String hash(String more) {
        Map<String, String> byRelativePath = new TreeMap<>();
        sources.forEach((file, text) -> byRelativePath.put(Path.of(file).isAbsolute()
                ? dir.relativize(Path.of(file)).toString().replace('\\', '/') : file, text));
        String files = ContentHash.ofTexts(byRelativePath);
        return more.isEmpty() ? files : ContentHash.of(more + "\n" + files);
    }

    static boolean validRequestName(String name) {
        return ResourceAddress.REQUEST_NAME.matcher(name).matches() && name.length() <= 63;
    }
}
