package dev.platctl.engine.policy;

import dev.platctl.engine.config.YamlNode;
import dev.platctl.engine.config.YamlReader;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.Suggestions;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads policy test files: a YAML list of cases, each
 * {@code {name, type, action, attributes, unknown, request {name, team, stack, labels}, module {name, version},
 * expect {policy: outcome}, expect_attributes}}; every mistake is a diagnostic at its line.
 */
public final class PolicyTestReader {
    static final List<String> FIELDS = List.of("name", "type", "action", "allow_destroy", "attributes", "unknown", "request", "module", "expect",
            "expect_attributes");
    static final List<String> ACTIONS = List.of("create", "update", "replace", "delete", "no-op", "read");
    static final List<String> REQUEST_FIELDS = List.of("name", "team", "stack", "labels");
    static final List<String> MODULE_FIELDS = List.of("name", "version");

    private final Diagnostics diags;

    public PolicyTestReader(Diagnostics diags) {
        this.diags = diags;
    }

    public List<PolicyTestCase> read(String file, String text) {
        List<PolicyTestCase> out = new ArrayList<>();
        for (YamlNode doc : YamlReader.read(file, text, diags)) {
            if (doc.kind() != YamlNode.Kind.SEQUENCE) {
                diags.error("Invalid policy test file", "a policy test file is a list of cases (\"- name: ...\"), not " + doc.describe() + ".",
                        doc.range());
                continue;
            }
            for (YamlNode item : doc.items()) testCase(item).ifPresent(out::add);
        }
        return out;
    }

    private Optional<PolicyTestCase> testCase(YamlNode n) {
        if (!n.isMapping()) {
            diags.error("Invalid policy test case", "a case is a mapping with name, type, attributes and expect, not " + n.describe() + ".", n.range());
            return Optional.empty();
        }
        int errors = diags.errors().size();
        for (Map.Entry<String, YamlNode> f : n.fields().entrySet())
            if (!FIELDS.contains(f.getKey()))
                diags.error("Unknown field \"" + f.getKey() + "\" in policy test case", "a case takes: " + String.join(", ", FIELDS) + "."
                        + Suggestions.didYouMean(f.getKey(), FIELDS), f.getValue().keyRange());
        String name = string(n, "name", null);
        String type = string(n, "type", null);
        String action = string(n, "action", "create");
        if (action != null && !ACTIONS.contains(action))
            diags.error("Invalid action \"" + action + "\"", "action is one of " + String.join(", ", ACTIONS) + ".", n.field("action").get().range());
        Map<String, Value> attributes = new TreeMap<>(mapping(n, "attributes"));
        n.field("unknown").ifPresent(u -> {
            for (String a : strings(u, "unknown")) attributes.put(a, Value.UNKNOWN);
        });
        YamlNode request = n.field("request").orElse(null);
        YamlNode module = n.field("module").orElse(null);
        checkFields(request, "request", REQUEST_FIELDS);
        checkFields(module, "module", MODULE_FIELDS);
        String team = string(request, "team", "test");
        Map<String, String> labels = new TreeMap<>();
        mapping(request, "labels").forEach((k, v) -> labels.put(k, v instanceof StringValue s ? s.value() : String.valueOf(v)));
        Map<String, String> expect = new LinkedHashMap<>();
        n.field("expect").ifPresentOrElse(e -> {
            if (!e.isMapping()) {
                diags.error("Invalid value for \"expect\"", "expect maps policy names to outcomes, e.g. s3-encrypted: fail.", e.range());
                return;
            }
            e.fields().forEach((policy, o) -> {
                String outcome = o.scalar() instanceof StringValue s ? s.value() : "";
                if (!PolicyTestCase.OUTCOMES.contains(outcome))
                    diags.error("Invalid expected outcome \"" + outcome + "\"", "an expected outcome is one of "
                            + String.join(", ", PolicyTestCase.OUTCOMES) + "." + Suggestions.didYouMean(outcome, PolicyTestCase.OUTCOMES), o.range());
                else expect.put(policy, outcome);
            });
        }, () -> diags.error("Missing field \"expect\" in policy test case", "a case says what each policy should conclude, e.g. expect: {s3-encrypted: fail}.",
                n.range()));
        Map<String, Value> expectAttributes = mapping(n, "expect_attributes");
        if (diags.errors().size() > errors || name == null || type == null) return Optional.empty();
        PolicySubject subject = new PolicySubject(type, new ObjectValue(attributes), action, string(request, "name", "test"), team,
                string(request, "stack", team), labels, string(module, "name", "test"), string(module, "version", "0.0.0"),
                "true".equals(string(n, "allow_destroy", "false")));
        return Optional.of(new PolicyTestCase(name, subject, expect, expectAttributes, n.range()));
    }

    private void checkFields(YamlNode n, String what, List<String> allowed) {
        if (n == null) return;
        if (!n.isMapping()) {
            diags.error("Invalid value for \"" + what + "\"", "expected a mapping of " + String.join(", ", allowed) + ".", n.range());
            return;
        }
        for (Map.Entry<String, YamlNode> f : n.fields().entrySet())
            if (!allowed.contains(f.getKey()))
                diags.error("Unknown field \"" + f.getKey() + "\" in " + what, what + " takes: " + String.join(", ", allowed) + "."
                        + Suggestions.didYouMean(f.getKey(), allowed), f.getValue().keyRange());
    }

    /** A string field; {@code dflt} when absent (null means required). */
    private String string(YamlNode n, String field, String dflt) {
        Optional<YamlNode> f = n == null || !n.isMapping() ? Optional.empty() : n.field(field);
        if (f.isEmpty()) {
            if (dflt == null) diags.error("Missing field \"" + field + "\" in policy test case", "every case has a " + field + ".",
                    n == null ? null : n.range());
            return dflt;
        }
        if (f.get().scalar() instanceof StringValue s) return s.value();
        if (f.get().kind() == YamlNode.Kind.SCALAR && !f.get().scalar().isNull()) return String.valueOf(f.get().scalar());
        diags.error("Invalid value for \"" + field + "\"", "expected a string, got " + f.get().describe() + ".", f.get().range());
        return dflt;
    }

    private Map<String, Value> mapping(YamlNode n, String field) {
        Optional<YamlNode> f = n == null || !n.isMapping() ? Optional.empty() : n.field(field);
        if (f.isEmpty()) return Map.of();
        if (f.get().toValue() instanceof ObjectValue o) return o.attributes();
        diags.error("Invalid value for \"" + field + "\"", "expected a mapping, got " + f.get().describe() + ".", f.get().range());
        return Map.of();
    }

    private List<String> strings(YamlNode n, String field) {
        List<String> out = new ArrayList<>();
        if (n.kind() == YamlNode.Kind.SEQUENCE && n.items().stream().allMatch(i -> i.scalar() instanceof StringValue)) {
            for (YamlNode i : n.items()) out.add(((StringValue) i.scalar()).value());
            return out;
        }
        diags.error("Invalid value for \"" + field + "\"", "expected a list of attribute names.", n.range());
        return out;
    }
}
