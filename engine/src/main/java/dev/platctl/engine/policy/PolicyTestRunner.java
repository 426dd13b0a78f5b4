package dev.platctl.engine.policy;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.expr.Functions;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs policy test cases ({@code platctl policy test}): each case's resource goes through the policies'
 * defaults and enforced values and then their rules, as in a plan, and every expectation is checked.
 */
public final class PolicyTestRunner {
    /** The policies of a folder and the cases of its {@code tests/} folder. */
    public record Suite(List<Policy> policies, List<PolicyTestCase> cases) {
        public Suite {
            policies = List.copyOf(policies);
            cases = List.copyOf(cases);
        }
    }

    private PolicyTestRunner() {
    }

    /** Reads {@code dir/*.hcl} and {@code dir/tests/*.yaml}; file names in diagnostics are relative to {@code base}. */
    public static Suite load(Path base, Path dir, Diagnostics diags) {
        PolicyLoader policies = new PolicyLoader(new ConditionCompiler(), Functions.standard(base), diags);
        for (Path f : files(dir, ".hcl")) policies.read(rel(base, f), text(f));
        PolicyTestReader reader = new PolicyTestReader(diags);
        List<PolicyTestCase> cases = new ArrayList<>();
        for (Path f : files(dir.resolve("tests"), ".yaml")) cases.addAll(reader.read(rel(base, f), text(f)));
        for (Path f : files(dir.resolve("tests"), ".yml")) cases.addAll(reader.read(rel(base, f), text(f)));
        return new Suite(policies.policies(), cases);
    }

    public static List<PolicyTestResult> run(Suite suite) {
        PolicyEngine engine = new PolicyEngine(suite.policies(), new Providers(List.of()));
        List<String> names = suite.policies().stream().map(Policy::name).toList();
        List<PolicyTestResult> out = new ArrayList<>();
        for (PolicyTestCase c : suite.cases()) {
            List<String> failures = new ArrayList<>();
            PolicySubject s = c.subject();
            ResourceAddress address = address(s);
            ObjectValue mutated = engine.mutate(s, address, r -> { });
            Map<String, List<Verdict>> verdicts = engine.evaluate(s.withObject(mutated));
            c.expect().forEach((policy, expected) -> {
                if (!names.contains(policy)) {
                    failures.add("there is no policy \"" + policy + "\"" + dev.platctl.engine.diag.Suggestions.didYouMean(policy, names));
                    return;
                }
                String actual = outcome(verdicts.get(policy));
                if (!actual.equals(expected)) failures.add(policy + ": expected " + expected + ", got " + actual);
            });
            c.expectAttributes().forEach((attr, expected) -> {
                Value actual = mutated.getOrNull(attr);
                if (!actual.unmarked().equals(expected.unmarked()))
                    failures.add("attribute \"" + attr + "\": expected " + expected + ", got " + actual);
            });
            out.add(new PolicyTestResult(c, failures));
        }
        return out;
    }

    /** A policy's conclusion for one case: not-matched, fail (a rule is broken), not-decided or pass. */
    static String outcome(List<Verdict> verdicts) {
        if (verdicts == null) return "not-matched";
        if (verdicts.stream().anyMatch(Verdict::broken)) return "fail";
        if (verdicts.stream().anyMatch(v -> v.kind() == Verdict.Kind.NOT_DECIDED)) return "not-decided";
        return "pass";
    }

    /** An address for the case's resource, used only to label what mutations report. */
    private static ResourceAddress address(PolicySubject s) {
        try {
            return new ResourceAddress(s.requestName(), s.type(), "this");
        } catch (IllegalArgumentException e) {
            return new ResourceAddress("test", "test_resource", "this");
        }
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String text(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private static String rel(Path base, Path f) {
        Path a = f.toAbsolutePath().normalize(), b = base.toAbsolutePath().normalize();
        return a.startsWith(b) ? b.relativize(a).toString().replace('\\', '/') : a.toString();
    }
}
