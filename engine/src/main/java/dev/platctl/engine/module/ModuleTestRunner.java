package dev.platctl.engine.module;

import dev.platctl.engine.Engine;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.ConfigLoader;
import dev.platctl.engine.config.Configuration;
import dev.platctl.engine.config.ModuleConfig;
import dev.platctl.engine.config.RequestConfig;
import dev.platctl.engine.config.RequestValidator;
import dev.platctl.engine.goldenpath.GoldenPathResolver;
import dev.platctl.engine.config.WorkspaceConfig;
import dev.platctl.engine.config.YamlNode;
import dev.platctl.engine.config.YamlReader;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.expr.Equality;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a module's test cases ({@code tests/*.yaml}): each is a request for the module plus expectations
 * (planned attribute values, expected error summaries), planned with the providers' schemas against an
 * empty in-memory state, without refreshing or applying anything.
 */
public final class ModuleTestRunner {
    static final List<String> CASE_FIELDS = List.of("description", "request", "expect");
    static final List<String> EXPECT_FIELDS = List.of("resources", "errors");
    static final String STACK = "test";

    private final Providers providers;
    private final Clock clock;

    public ModuleTestRunner(Providers providers, Clock clock) {
        this.providers = providers;
        this.clock = clock;
    }

    /** The module's test files, sorted; none when it has no {@code tests/} folder. */
    public static List<Path> cases(ModuleConfig m) {
        Path dir = m.dir().resolve("tests");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Runs every case of {@code m}; {@code ws} gives file names relative to the workspace and nothing else. */
    public List<ModuleTestResult> run(WorkspaceConfig ws, ModuleConfig m) {
        List<ModuleTestResult> out = new ArrayList<>();
        for (Path f : cases(m)) out.add(runOne(ws, m, f));
        return out;
    }

    private ModuleTestResult runOne(WorkspaceConfig ws, ModuleConfig m, Path path) {
        String file = relative(ws.dir(), path);
        String name = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        List<String> failures = new ArrayList<>();
        Diagnostics read = new Diagnostics();
        List<YamlNode> docs = YamlReader.read(file, text(path), read);
        if (read.hasErrors() || docs.size() != 1 || !docs.get(0).isMapping()) {
            failures.add("the test file is not one mapping with request and expect" + (read.hasErrors() ? ": " + read : "."));
            return new ModuleTestResult(name, file, failures);
        }
        YamlNode doc = docs.get(0);
        doc.fields().keySet().stream().filter(k -> !CASE_FIELDS.contains(k))
                .forEach(k -> failures.add("unknown field \"" + k + "\": a test case has " + String.join(", ", CASE_FIELDS) + "."));
        Optional<YamlNode> request = doc.field("request").filter(YamlNode::isMapping);
        if (request.isEmpty()) failures.add("a test case has a request mapping (metadata and spec.parameters).");
        YamlNode expect = doc.field("expect").orElse(null);
        if (expect != null && !expect.isMapping()) failures.add("expect is a mapping of resources and errors.");
        if (expect != null && expect.isMapping())
            expect.fields().keySet().stream().filter(k -> !EXPECT_FIELDS.contains(k))
                    .forEach(k -> failures.add("unknown field \"expect." + k + "\": expect has " + String.join(", ", EXPECT_FIELDS) + "."));
        if (!failures.isEmpty()) return new ModuleTestResult(name, file, failures);

        Diagnostics diags = new Diagnostics();
        Optional<Plan> plan = plan(ws, m, file, complete(request.get(), m), diags);
        List<String> expectedErrors = expect == null ? List.of() : strings(expect.field("errors"));
        List<Diagnostic> errors = diags.errors();
        for (String e : expectedErrors)
            if (errors.stream().noneMatch(d -> d.summary().contains(e) || d.detail().contains(e)))
                failures.add("expected an error containing \"" + e + "\", got " + (errors.isEmpty() ? "none" : summaries(errors)) + ".");
        for (Diagnostic d : errors)
            if (expectedErrors.stream().noneMatch(e -> d.summary().contains(e) || d.detail().contains(e)))
                failures.add("unexpected error: " + d);
        if (plan.isPresent() && expect != null)
            expect.field("resources").ifPresent(res -> checkResources(res, plan.get(), failures, requestName(request.get())));
        else if (plan.isEmpty() && expect != null && expect.field("resources").isPresent() && expectedErrors.isEmpty())
            failures.add("no plan was made, so no resource could be checked.");
        return new ModuleTestResult(name, file, failures);
    }

    private Optional<Plan> plan(WorkspaceConfig ws, ModuleConfig m, String file, YamlNode requestDoc, Diagnostics diags) {
        Optional<RequestConfig> read = ConfigLoader.readRequest(file, requestDoc, STACK, diags);
        if (read.isEmpty()) return Optional.empty();
        RequestValidator.validate(read.get(), m, ws, diags);
        Optional<RequestConfig> r = new GoldenPathResolver().resolve(read.get(), m, diags);
        if (r.isEmpty()) return Optional.empty();
        if (diags.hasErrors()) return Optional.empty();
        Configuration cfg = new Configuration(ws, List.of(m), List.of(r.get()), Map.of(r.get().name(), m), List.of(), Map.of(), "module-test");
        try (InMemoryStateStore empty = new InMemoryStateStore()) {
            Engine engine = new Engine(providers, empty, clock, 1);
            LockInfo who = new LockInfo("module-test", "module test", "platctl", "localhost", ProcessHandle.current().pid(), clock.instant());
            try (StackLocks locks = engine.lock(engine.stacks(Optional.of(cfg)), who, Duration.ZERO)) {
                return engine.plan(cfg, locks, new PlanOptions(Plan.Mode.NORMAL, false, Set.of()), diags);
            }
        }
    }

    private static String requestName(YamlNode request) {
        return request.field("metadata").flatMap(md -> md.field("name"))
                .map(n -> n.scalar() instanceof StringValue s ? s.value() : "").orElse("");
    }

    private static void checkResources(YamlNode res, Plan plan, List<String> failures, String request) {
        if (!res.isMapping()) {
            failures.add("expect.resources maps \"<type>.<name>\" to the attribute values to expect.");
            return;
        }
        res.fields().forEach((local, attrs) -> {
            Optional<ResourceChange> c;
            try {
                ResourceAddress a = ResourceAddress.parse(request + "." + local);
                c = plan.changes().stream().filter(x -> x.address().equals(a)).findFirst();
            } catch (IllegalArgumentException e) {
                failures.add("\"" + local + "\" is not a resource address such as local_file.config or local_file.env[\"prod\"].");
                return;
            }
            if (c.isEmpty()) {
                failures.add(local + " is not planned; planned: " + String.join(", ", plan.changes().stream()
                        .map(x -> x.address().local()).toList()) + ".");
                return;
            }
            if (!attrs.isMapping()) {
                failures.add("expect.resources." + local + " is a mapping of attribute names to values.");
                return;
            }
            ObjectValue after = (ObjectValue) c.get().after();
            attrs.fields().forEach((attr, want) -> {
                Value got = after.getOrNull(attr);
                Value expected = want.toValue();
                if (got.unwrap() instanceof UnknownValue)
                    failures.add(local + "." + attr + ": expected " + show(expected) + ", got (known after apply).");
                else if (!Equality.equal(expected, got))
                    failures.add(local + "." + attr + ": expected " + show(expected) + ", got " + show(got) + ".");
            });
        });
    }

    /** The request with what a test may leave out filled in: apiVersion, kind and spec.module (this module version). */
    private static YamlNode complete(YamlNode request, ModuleConfig m) {
        SourceRange at = request.range();
        Map<String, YamlNode> fields = new LinkedHashMap<>(request.fields());
        fields.putIfAbsent("apiVersion", scalar("platctl.dev/v1", at));
        fields.putIfAbsent("kind", scalar(m.kind(), at));
        YamlNode spec = fields.get("spec");
        if (spec == null || spec.isMapping()) {
            Map<String, YamlNode> specFields = new LinkedHashMap<>(spec == null ? Map.of() : spec.fields());
            specFields.put("module", scalar(m.name() + "@" + m.version(), spec == null ? at : spec.range()));
            fields.put("spec", new YamlNode(YamlNode.Kind.MAPPING, Value.NULL, specFields, List.of(),
                    spec == null ? at : spec.range(), spec == null ? null : spec.keyRange()));
        }
        return new YamlNode(YamlNode.Kind.MAPPING, Value.NULL, fields, List.of(), request.range(), request.keyRange());
    }

    private static YamlNode scalar(String s, SourceRange at) {
        return new YamlNode(YamlNode.Kind.SCALAR, new StringValue(s), Map.of(), List.of(), at, null);
    }

    private static List<String> strings(Optional<YamlNode> n) {
        if (n.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        if (n.get().kind() == YamlNode.Kind.SEQUENCE)
            for (YamlNode i : n.get().items()) out.add(i.scalar() instanceof StringValue s ? s.value() : String.valueOf(i.toValue()));
        else if (n.get().scalar() instanceof StringValue s) out.add(s.value());
        return out;
    }

    private static String summaries(List<Diagnostic> errors) {
        return String.join("; ", errors.stream().map(d -> "\"" + d.summary() + "\"").toList());
    }

    private static String show(Value v) {
        if (v instanceof SensitiveValue || v.containsSensitive()) return "(sensitive)";
        return v instanceof StringValue s ? "\"" + s.value().replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\""
                : String.valueOf(v);
    }

    private static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static String relative(Path dir, Path f) {
        Path a = f.toAbsolutePath().normalize(), d = dir.toAbsolutePath().normalize();
        return a.startsWith(d) ? d.relativize(a).toString().replace('\\', '/') : a.toString();
    }
}
