package dev.platctl.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.policy.Enforcement;
import dev.platctl.engine.policy.PolicyResult;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.Value;
import dev.platctl.engine.value.ValueJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Saves and loads plans ({@code plan -out FILE}). Sensitive values are never written: they are stored
 * as null with their sensitive mark, which is enough for apply, which re-evaluates the configuration.
 */
public final class PlanFile {
    static final String FORMAT = "platctl-plan";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanFile() {
    }

    public static void write(Plan plan, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, JSON.writeValueAsString(toJson(plan)) + "\n");
        } catch (IOException e) {
            throw new PlatctlException("cannot write plan file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A SHA-256 of the plan's saved form: the same plan always has the same hash (recorded in the apply history). */
    public static String hash(Plan plan) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(JSON.writeValueAsString(toJson(plan)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot hash a plan", e);
        }
    }

    public static Plan read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new PlatctlException("cannot read plan file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != VERSION)
            throw new PlatctlException("cannot read plan file " + file + ": not a platctl plan (format " + FORMAT + " version " + VERSION + ")");
        return fromJson(root);
    }

    static ObjectNode toJson(Plan plan) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("mode", plan.mode().name());
        o.put("config_hash", plan.configHash());
        ArrayNode stacks = o.putArray("stacks");
        for (StackSnapshot s : plan.stacks())
            stacks.addObject().put("stack", s.stack()).put("lineage", s.lineage()).put("serial", s.serial());
        ArrayNode changes = o.putArray("changes");
        for (ResourceChange c : plan.changes()) {
            ObjectNode n = changes.addObject();
            n.put("stack", c.stack());
            n.put("address", c.address().toString());
            n.put("module", c.module());
            n.put("action", c.action().name());
            n.set("before", marked(c.before()));
            n.set("after", marked(c.after()));
            ArrayNode rp = n.putArray("replace_paths");
            for (AttributePath p : c.replacePaths()) rp.add(p.toString());
            n.put("reason", c.reason().name());
            ArrayNode deps = n.putArray("dependencies");
            for (ResourceAddress d : c.dependencies()) deps.add(d.toString());
        }
        ArrayNode drift = o.putArray("drift");
        for (Drift d : plan.drift()) {
            ObjectNode n = drift.addObject();
            n.put("stack", d.stack());
            n.put("address", d.address().toString());
            n.set("before", marked(d.before()));
            n.set("after", marked(d.after()));
        }
        ObjectNode outputs = o.putObject("outputs");
        plan.outputs().forEach((req, outs) -> {
            ObjectNode r = outputs.putObject(req);
            outs.forEach((k, v) -> r.set(k, marked(v)));
        });
        ArrayNode warnings = o.putArray("warnings");
        for (Diagnostic w : plan.warnings()) warnings.addObject().put("summary", w.summary()).put("detail", w.detail());
        ArrayNode policies = o.putArray("policy_results");
        for (PolicyResult r : plan.policyResults())
            policies.addObject().put("policy", r.policy()).put("enforcement", r.enforcement().text()).put("address", r.address().toString())
                    .put("outcome", r.outcomeText()).put("attribute", r.attribute()).put("message", r.message());
        return o;
    }

    static Plan fromJson(JsonNode o) {
        List<StackSnapshot> stacks = new ArrayList<>();
        for (JsonNode s : o.path("stacks"))
            stacks.add(new StackSnapshot(s.path("stack").asText(), s.path("lineage").asText(), s.path("serial").asLong()));
        List<ResourceChange> changes = new ArrayList<>();
        for (JsonNode n : o.path("changes")) {
            Set<AttributePath> rp = new TreeSet<>();
            for (JsonNode p : n.path("replace_paths")) rp.add(AttributePath.parse(p.asText()));
            List<ResourceAddress> deps = new ArrayList<>();
            for (JsonNode d : n.path("dependencies")) deps.add(ResourceAddress.parse(d.asText()));
            changes.add(new ResourceChange(n.path("stack").asText(), ResourceAddress.parse(n.path("address").asText()),
                    n.path("module").asText(), Action.valueOf(n.path("action").asText()), unmarked(n.path("before")),
                    unmarked(n.path("after")), rp, ChangeReason.valueOf(n.path("reason").asText()), deps));
        }
        List<Drift> drift = new ArrayList<>();
        for (JsonNode n : o.path("drift"))
            drift.add(new Drift(n.path("stack").asText(), ResourceAddress.parse(n.path("address").asText()),
                    unmarked(n.path("before")), unmarked(n.path("after"))));
        Map<String, Map<String, Value>> outputs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("outputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, Value> r = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it2 = e.getValue().fields(); it2.hasNext(); ) {
                Map.Entry<String, JsonNode> x = it2.next();
                r.put(x.getKey(), unmarked(x.getValue()));
            }
            outputs.put(e.getKey(), r);
        }
        List<Diagnostic> warnings = new ArrayList<>();
        for (JsonNode w : o.path("warnings"))
            warnings.add(Diagnostic.warning(w.path("summary").asText(), w.path("detail").asText(), null));
        List<PolicyResult> policyResults = new ArrayList<>();
        for (JsonNode r : o.path("policy_results"))
            policyResults.add(new PolicyResult(r.path("policy").asText(), Enforcement.valueOf(r.path("enforcement").asText().toUpperCase()),
                    ResourceAddress.parse(r.path("address").asText()), PolicyResult.Outcome.valueOf(r.path("outcome").asText().toUpperCase()),
                    r.path("attribute").asText(), r.path("message").asText()));
        return new Plan(Plan.Mode.valueOf(o.path("mode").asText()), o.path("config_hash").asText(), stacks, changes, drift,
                outputs, warnings, policyResults);
    }

    private static ObjectNode marked(Value v) {
        Value redacted = redact(v);
        ObjectNode n = JSON.createObjectNode();
        n.set("value", ValueJson.toJson(redacted));
        n.set("unknown", ValueJson.unknownTree(redacted));
        n.set("sensitive", ValueJson.sensitiveTree(redacted));
        return n;
    }

    private static Value unmarked(JsonNode n) {
        return ValueJson.fromJson(n.get("value"), n.get("unknown"), n.get("sensitive"));
    }

    /** Replaces every sensitive value by a sensitive null. */
    static Value redact(Value v) {
        if (v instanceof SensitiveValue) return Value.NULL.sensitive();
        if (!v.containsSensitive()) return v;
        if (v instanceof ListValue l) {
            List<Value> out = new ArrayList<>();
            for (Value x : l.items()) out.add(redact(x));
            return new ListValue(out);
        }
        Map<String, Value> out = new TreeMap<>();
        ((ObjectValue) v).attributes().forEach((k, x) -> out.put(k, redact(x)));
        return new ObjectValue(out);
    }
}
