package dev.platctl.cli.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.Drift;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.policy.PolicyResult;
import dev.platctl.engine.plan.StackSnapshot;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.Value;
import dev.platctl.engine.value.ValueJson;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plan in the shape of Terraform's JSON plan ({@code resource_changes[].change.actions/before/after/
 * after_unknown/before_sensitive/after_sensitive/replace_paths}), except that sensitive values are written
 * as null: their place is marked in the sensitive trees, their content never leaves the process.
 */
final class PlanJson {
    static final String FORMAT_VERSION = "1.2";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build()
            .writer(prettyPrinter());

    private PlanJson() {
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    static String render(Plan plan) {
        ObjectNode root = F.objectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("plan_mode", plan.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        root.put("config_hash", plan.configHash());
        root.put("has_changes", plan.hasChanges());
        ArrayNode stacks = root.putArray("stacks");
        for (StackSnapshot s : plan.stacks())
            stacks.addObject().put("stack", s.stack()).put("lineage", s.lineage()).put("serial", s.serial());
        ArrayNode drift = root.putArray("resource_drift");
        for (Drift d : plan.drift()) drift.add(drift(d));
        ArrayNode changes = root.putArray("resource_changes");
        for (ResourceChange c : plan.changes()) changes.add(change(c));
        root.set("planned_values", plannedValues(plan.outputs()));
        ArrayNode policies = root.putArray("policy_results");
        for (PolicyResult r : plan.policyResults())
            policies.addObject().put("policy", r.policy()).put("enforcement", r.enforcement().text())
                    .put("address", r.address().toString()).put("outcome", r.outcomeText())
                    .put("attribute", r.attribute()).put("message", r.message());
        ArrayNode diagnostics = root.putArray("diagnostics");
        for (Diagnostic d : plan.warnings()) diagnostics.add(diagnostic(d));
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write plan as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode change(ResourceChange c) {
        ObjectNode n = resource(c.address(), c.stack(), c.module());
        n.set("change", changeBody(c.action(), c.before(), c.after(), c.replacePaths()));
        actionReason(c.reason()).ifPresent(r -> n.put("action_reason", r));
        if (c.reason() != ChangeReason.NONE) n.put("reason", c.reason().text());
        ArrayNode deps = n.putArray("depends_on");
        for (ResourceAddress a : c.dependencies()) deps.add(a.toString());
        return n;
    }

    private static ObjectNode drift(Drift d) {
        ObjectNode n = resource(d.address(), d.stack(), "");
        n.set("change", changeBody(d.gone() ? Action.DELETE : Action.UPDATE, d.before(), d.after(), Set.of()));
        return n;
    }

    private static ObjectNode resource(ResourceAddress a, String stack, String module) {
        ObjectNode n = F.objectNode();
        n.put("address", a.toString());
        n.put("mode", "managed");
        n.put("type", a.type());
        n.put("name", a.name());
        if (a.key() instanceof InstanceKey.IntKey k) n.put("index", k.index());
        else if (a.key() instanceof InstanceKey.StringKey k) n.put("index", k.key());
        n.put("request", a.request());
        n.put("stack", stack);
        if (!module.isEmpty()) n.put("module", module);
        return n;
    }

    private static ObjectNode changeBody(Action action, Value unmarkedBefore, Value unmarkedAfter,
                                         Set<AttributePath> replacePaths) {
        Value before = SensitiveMarks.alike(unmarkedBefore, unmarkedAfter);
        Value after = SensitiveMarks.alike(unmarkedAfter, unmarkedBefore);
        ObjectNode n = F.objectNode();
        ArrayNode actions = n.putArray("actions");
        action.terraformActions().forEach(actions::add);
        n.set("before", redacted(before));
        n.set("after", redacted(after));
        n.set("after_unknown", topLevel(after, ValueJson.unknownTree(after)));
        n.set("before_sensitive", topLevel(before, ValueJson.sensitiveTree(before)));
        n.set("after_sensitive", topLevel(after, ValueJson.sensitiveTree(after)));
        if (!replacePaths.isEmpty()) {
            ArrayNode paths = n.putArray("replace_paths");
            for (AttributePath p : replacePaths) {
                ArrayNode steps = paths.addArray();
                for (AttributePath.Step s : p.steps()) {
                    if (s instanceof AttributePath.Key k) steps.add(k.name());
                    else if (s instanceof AttributePath.Index i) steps.add(i.index());
                }
            }
        }
        return n;
    }

    /** Like Terraform, a resource's mark tree is an object ({@code {}} when nothing is marked). */
    private static JsonNode topLevel(Value v, JsonNode tree) {
        return v instanceof ObjectValue && tree.isBoolean() ? F.objectNode() : tree;
    }

    /**
     * Plain JSON without secrets: sensitive values become null; unknown object attributes are left out and
     * unknown list elements become null, as Terraform writes them.
     */
    static JsonNode redacted(Value v) {
        if (v instanceof SensitiveValue || v instanceof UnknownValue) return F.nullNode();
        if (v instanceof ListValue l) {
            ArrayNode a = F.arrayNode();
            for (Value item : l.items()) a.add(redacted(item));
            return a;
        }
        if (v instanceof ObjectValue o) {
            ObjectNode n = F.objectNode();
            o.attributes().forEach((k, x) -> {
                if (!(x instanceof UnknownValue)) n.set(k, redacted(x));
            });
            return n;
        }
        return ValueJson.toJson(v);
    }

    /** Terraform's {@code action_reason} where one of its reasons means the same. */
    private static Optional<String> actionReason(ChangeReason r) {
        return Optional.ofNullable(switch (r) {
            case REPLACE_FORCED -> "replace_because_cannot_update";
            case TAINTED -> "replace_because_tainted";
            case NO_LONGER_DESIRED -> "delete_because_no_resource_config";
            default -> null;
        });
    }

    /** Outputs keyed {@code <request>.<name>}; {@code value} is left out when unknown or sensitive. */
    private static ObjectNode plannedValues(Map<String, Map<String, Value>> outputs) {
        ObjectNode n = F.objectNode();
        ObjectNode out = n.putObject("outputs");
        outputs.forEach((request, values) -> values.forEach((name, v) -> {
            ObjectNode o = out.putObject(request + "." + name);
            o.put("sensitive", v.containsSensitive());
            if (v.isWhollyKnown() && !v.containsSensitive()) o.set("value", ValueJson.toJson(v));
        }));
        return n;
    }

    /** The shape of {@code terraform validate -json} diagnostics. */
    private static ObjectNode diagnostic(Diagnostic d) {
        ObjectNode n = F.objectNode();
        n.put("severity", d.isError() ? "error" : "warning");
        n.put("summary", d.summary());
        n.put("detail", d.detail());
        d.subject().ifPresent(r -> {
            ObjectNode range = n.putObject("range");
            range.put("filename", r.file());
            range.set("start", pos(r.start()));
            range.set("end", pos(r.end()));
        });
        return n;
    }

    private static ObjectNode pos(SourcePos p) {
        return F.objectNode().put("line", p.line()).put("column", p.column()).put("byte", p.offset());
    }
}
