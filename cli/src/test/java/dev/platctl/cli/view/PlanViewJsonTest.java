package dev.platctl.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.address.InstanceKey;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.Drift;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.plan.StackSnapshot;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.platctl.cli.view.Plans.address;
import static dev.platctl.cli.view.Plans.change;
import static dev.platctl.cli.view.Plans.obj;
import static dev.platctl.cli.view.Plans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanViewJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(Plan plan) throws Exception {
        return MAPPER.readTree(PlanView.json(plan));
    }

    private static JsonNode only(Plan plan) throws Exception {
        JsonNode changes = json(plan).get("resource_changes");
        assertEquals(1, changes.size());
        return changes.get(0);
    }

    @Test
    void topLevelCarriesFormatVersionConfigHashAndStacks() throws Exception {
        JsonNode root = json(plan(Plans.create()));
        assertEquals("1.2", root.get("format_version").asText());
        assertEquals("sha256:abc123", root.get("config_hash").asText());
        assertEquals("normal", root.get("plan_mode").asText());
        assertTrue(root.get("has_changes").asBoolean());
        JsonNode stack = root.get("stacks").get(0);
        assertEquals("payments", stack.get("stack").asText());
        assertEquals("lin-1", stack.get("lineage").asText());
        assertEquals(7, stack.get("serial").asLong());
        assertEquals(0, root.get("resource_drift").size());
        assertEquals(0, root.get("diagnostics").size());
    }

    @Test
    void createIsATerraformResourceChange() throws Exception {
        JsonNode rc = only(plan(Plans.create()));
        assertEquals("payments-db.local_file.config", rc.get("address").asText());
        assertEquals("managed", rc.get("mode").asText());
        assertEquals("local_file", rc.get("type").asText());
        assertEquals("config", rc.get("name").asText());
        assertFalse(rc.has("index"));
        assertEquals("payments-db", rc.get("request").asText());
        assertEquals("payments", rc.get("stack").asText());
        assertEquals("postgresql@1.2.0", rc.get("module").asText());
        JsonNode change = rc.get("change");
        assertEquals(List.of("create"), strings(change.get("actions")));
        assertTrue(change.get("before").isNull());
        assertEquals("hello", change.get("after").get("content").asText());
        assertEquals("out/x.conf", change.get("after").get("path").asText());
        assertFalse(change.get("after").has("id"), "unknown attributes are left out of after, as Terraform does");
        assertTrue(change.get("after_unknown").get("id").asBoolean());
        assertEquals(false, change.get("before_sensitive").asBoolean(true));
        assertTrue(change.get("after_sensitive").isObject() && change.get("after_sensitive").isEmpty());
        assertFalse(change.has("replace_paths"));
        assertFalse(rc.has("action_reason"), "no Terraform reason for a plain create");
    }

    @Test
    void replaceCarriesBothActionsReplacePathsAndReason() throws Exception {
        var c = change("payments-db.aws_db_instance.this", Action.DELETE_THEN_CREATE, obj("tags", obj("env", "a")),
                obj("tags", obj("env", "b")), ChangeReason.REPLACE_FORCED, AttributePath.of("tags", "env"),
                new AttributePath(List.of(new AttributePath.Key("rules"), new AttributePath.Index(0))));
        JsonNode rc = only(plan(c));
        assertEquals(List.of("delete", "create"), strings(rc.get("change").get("actions")));
        JsonNode paths = rc.get("change").get("replace_paths");
        assertEquals("[[\"rules\",0],[\"tags\",\"env\"]]", paths.toString());
        assertEquals("replace_because_cannot_update", rc.get("action_reason").asText());
        assertEquals("an attribute that forces replacement changed", rc.get("reason").asText());
    }

    @Test
    void deleteHasNullAfterAndTerraformReason() throws Exception {
        JsonNode rc = only(plan(Plans.delete()));
        assertEquals(List.of("delete"), strings(rc.get("change").get("actions")));
        assertEquals("f-9", rc.get("change").get("before").get("id").asText());
        assertTrue(rc.get("change").get("after").isNull());
        assertEquals("delete_because_no_resource_config", rc.get("action_reason").asText());
    }

    @Test
    void keyedInstancesHaveAnIndex() throws Exception {
        var byKey = new ResourceChange("payments", new ResourceAddress("payments-db", "local_file", "f",
                new InstanceKey.StringKey("a")), "", Action.CREATE, Value.NULL, obj("p", 1), Set.of(),
                ChangeReason.NONE, List.of());
        var byCount = new ResourceChange("payments", new ResourceAddress("payments-db", "local_file", "g",
                new InstanceKey.IntKey(2)), "", Action.CREATE, Value.NULL, obj("p", 1), Set.of(),
                ChangeReason.NONE, List.of(address("payments-db.local_file.h")));
        JsonNode changes = json(plan(byKey, byCount)).get("resource_changes");
        assertEquals("payments-db.local_file.f[\"a\"]", changes.get(0).get("address").asText());
        assertEquals("a", changes.get(0).get("index").asText());
        assertFalse(changes.get(0).has("module"));
        assertEquals(2, changes.get(1).get("index").asInt());
        assertTrue(changes.get(1).get("index").isInt());
        assertEquals(List.of("payments-db.local_file.h"), strings(changes.get(1).get("depends_on")));
    }

    @Test
    void sensitiveValuesAreNullInBeforeAndAfterAndMarkedInTheSensitiveTrees() throws Exception {
        var c = change("payments-db.random_password.db", Action.UPDATE,
                obj("length", 20, "result", Value.of(Plans.SECRET).sensitive()),
                obj("length", 24, "result", Value.UNKNOWN.sensitive()), ChangeReason.CONFIG_CHANGED);
        JsonNode change = only(plan(c)).get("change");
        assertTrue(change.get("before").get("result").isNull());
        assertEquals(20, change.get("before").get("length").asInt());
        assertTrue(change.get("before_sensitive").get("result").asBoolean());
        assertTrue(change.get("after_sensitive").get("result").asBoolean());
        assertFalse(change.get("before_sensitive").has("length"));
        assertFalse(PlanView.json(plan(c)).contains(Plans.SECRET));
    }

    @Test
    void numbersAreWrittenPlainWithoutExponent() throws Exception {
        var c = change("payments-db.local_file.n", Action.CREATE, Value.NULL,
                obj("big", Value.of(new BigDecimal("1E+3")), "small", Value.of(new BigDecimal("1E-7"))),
                ChangeReason.NONE);
        String text = PlanView.json(plan(c));
        assertTrue(text.contains("\"big\": 1000"), text);
        assertTrue(text.contains("\"small\": 0.0000001"), text);
    }

    @Test
    void driftIsReportedAsResourceDrift() throws Exception {
        Plan p = plan(Plan.Mode.REFRESH_ONLY, List.of(), List.of(
                new Drift("payments", address("payments-db.local_file.gone"), obj("path", "a"), Value.NULL),
                new Drift("payments", address("payments-db.local_file.edited"), obj("path", "a"), obj("path", "b"))),
                List.of());
        JsonNode root = json(p);
        assertEquals("refresh-only", root.get("plan_mode").asText());
        JsonNode drift = root.get("resource_drift");
        assertEquals("payments-db.local_file.edited", drift.get(0).get("address").asText());
        assertEquals(List.of("update"), strings(drift.get(0).get("change").get("actions")));
        assertEquals("b", drift.get(0).get("change").get("after").get("path").asText());
        assertEquals(List.of("delete"), strings(drift.get(1).get("change").get("actions")));
        assertTrue(drift.get(1).get("change").get("after").isNull());
    }

    @Test
    void outputsArePlannedValuesWithoutUnknownOrSensitiveValues() throws Exception {
        Plan p = new Plan(Plan.Mode.NORMAL, "h", List.of(), List.of(), List.of(), Map.of("payments-db", Map.of(
                "host", Value.of("db.internal"), "password", Value.of(Plans.SECRET).sensitive(), "arn", Value.UNKNOWN)),
                List.of());
        JsonNode outputs = json(p).get("planned_values").get("outputs");
        assertEquals("db.internal", outputs.get("payments-db.host").get("value").asText());
        assertFalse(outputs.get("payments-db.host").get("sensitive").asBoolean());
        assertTrue(outputs.get("payments-db.password").get("sensitive").asBoolean());
        assertFalse(outputs.get("payments-db.password").has("value"));
        assertFalse(outputs.get("payments-db.arn").has("value"));
    }

    @Test
    void warningsAreDiagnosticsWithRanges() throws Exception {
        var warn = Diagnostic.warning("deprecated", "use x",
                new SourceRange("a.yaml", new SourcePos(3, 2, 20), new SourcePos(3, 6, 24)));
        JsonNode d = json(plan(Plan.Mode.NORMAL, List.of(), List.of(), List.of(warn))).get("diagnostics").get(0);
        assertEquals("warning", d.get("severity").asText());
        assertEquals("deprecated", d.get("summary").asText());
        assertEquals("use x", d.get("detail").asText());
        assertEquals("a.yaml", d.get("range").get("filename").asText());
        assertEquals(3, d.get("range").get("start").get("line").asInt());
        assertEquals(2, d.get("range").get("start").get("column").asInt());
        assertEquals(20, d.get("range").get("start").get("byte").asInt());
        assertEquals(6, d.get("range").get("end").get("column").asInt());
    }

    @Test
    void jsonPlanIsByteIdenticalForEqualPlans() {
        Plan a = new Plan(Plan.Mode.NORMAL, "h", List.of(new StackSnapshot("b", "l2", 1), new StackSnapshot("a", "l1", 2)),
                List.of(Plans.create(), Plans.update(), Plans.replace(), Plans.delete()), List.of(),
                Map.of("r", Map.of("y", Value.of(1), "x", Value.of(2))), List.of());
        Plan b = new Plan(Plan.Mode.NORMAL, "h", List.of(new StackSnapshot("a", "l1", 2), new StackSnapshot("b", "l2", 1)),
                List.of(Plans.delete(), Plans.replace(), Plans.update(), Plans.create()), List.of(),
                Map.of("r", Map.of("x", Value.of(2), "y", Value.of(1))), List.of());
        assertEquals(PlanView.json(a), PlanView.json(b));
    }

    @Test
    void jsonIsIndentedWithTwoSpacesAndEndsWithANewline() {
        String text = PlanView.json(plan(Plans.create()));
        assertTrue(text.startsWith("{\n  \"format_version\": \"1.2\",\n"), text);
        assertTrue(text.contains("\"resource_drift\": [],"), text);
        assertTrue(text.endsWith("}\n"));
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
