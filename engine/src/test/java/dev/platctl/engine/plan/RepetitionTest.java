package dev.platctl.engine.plan;

import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.platctl.engine.testing.EngineHarness.actions;
import static dev.platctl.engine.testing.EngineHarness.change;
import static dev.platctl.engine.testing.EngineHarness.changes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Resources repeated by count and for_each: instance addresses, count/each in scope, references, and changing the instances. */
class RepetitionTest {
    static final String MODULE = """
            module {
              name    = "things"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "replicas" {
              type    = number
              default = 2
            }
            input "zones" {
              type    = map(string)
              default = { a = "eu-1a", b = "eu-1b" }
            }
            resource "fake_thing" "node" {
              count = input.replicas
              name  = "${request.name}-node-${count.index}"
              value = count.index
            }
            resource "fake_thing" "zone" {
              for_each = input.zones
              name     = "${request.name}-${each.key}"
              value    = each.value
            }
            resource "fake_thing" "summary" {
              name  = "${request.name}-summary"
              value = {
                first = fake_thing.node[0].id
                all   = join(",", fake_thing.node[*].name)
                zones = [for z in fake_thing.zone : z.value]
                b     = fake_thing.zone["b"].name
              }
            }
            output "node_names" {
              value = fake_thing.node[*].name
            }
            """;

    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir);
        h.ws.file("modules/things/module.hcl", MODULE);
    }

    @Test
    void countAndForEachCreateOneInstancePerIndexAndKey() {
        h.ws.request("payments", "pay", "things@1.0.0");
        Plan p = h.plan();
        assertEquals(List.of("pay.fake_thing.node[0]", "pay.fake_thing.node[1]", "pay.fake_thing.summary",
                "pay.fake_thing.zone[\"a\"]", "pay.fake_thing.zone[\"b\"]"), List.copyOf(actions(p).keySet()));
        ObjectValue node1 = (ObjectValue) change(p, "pay.fake_thing.node[1]").after();
        assertEquals(new StringValue("pay-node-1"), node1.getOrNull("name"));
        assertEquals(Value.of(1), node1.getOrNull("value"));
        ObjectValue zoneB = (ObjectValue) change(p, "pay.fake_thing.zone[\"b\"]").after();
        assertEquals(new StringValue("pay-b"), zoneB.getOrNull("name"));
        assertEquals(new StringValue("eu-1b"), zoneB.getOrNull("value"));
    }

    @Test
    void referencesReachOneInstanceOrTheWholeCollection() {
        h.ws.request("payments", "pay", "things@1.0.0");
        h.converge();
        ObjectValue summary = (ObjectValue) h.stored("payments", "pay.fake_thing.summary", "value");
        assertEquals(h.stored("payments", "pay.fake_thing.node[0]", "id"), summary.getOrNull("first"));
        assertEquals(new StringValue("pay-node-0,pay-node-1"), summary.getOrNull("all"));
        assertEquals(new ListValue(List.of(new StringValue("eu-1a"), new StringValue("eu-1b"))), summary.getOrNull("zones"));
        assertEquals(new StringValue("pay-b"), summary.getOrNull("b"));
        assertFalse(h.plan().hasChanges(), () -> actions(h.plan()).toString());
    }

    @Test
    void outputsSeeTheCollectionOfInstances() {
        h.ws.request("payments", "pay", "things@1.0.0", "replicas: 3");
        Plan p = h.plan();
        assertEquals(new ListValue(List.of(new StringValue("pay-node-0"), new StringValue("pay-node-1"), new StringValue("pay-node-2"))),
                p.outputs().get("pay").get("node_names"));
    }

    @Test
    void countDecreaseDeletesTheHighestInstances() {
        h.ws.request("payments", "pay", "things@1.0.0", "replicas: 3");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "replicas: 1");
        Plan p = h.plan();
        assertEquals(Map.of("pay.fake_thing.node[1]", Action.DELETE, "pay.fake_thing.node[2]", Action.DELETE,
                "pay.fake_thing.summary", Action.UPDATE), changes(p));
        h.apply(p);
        assertEquals(List.of("pay.fake_thing.node[0]", "pay.fake_thing.summary", "pay.fake_thing.zone[\"a\"]", "pay.fake_thing.zone[\"b\"]"),
                h.addresses("payments"));
        assertFalse(h.plan().hasChanges());
    }

    @Test
    void countIncreaseCreatesOnlyTheNewInstances() {
        h.ws.request("payments", "pay", "things@1.0.0", "replicas: 1");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "replicas: 3");
        Plan p = h.plan();
        assertEquals(Map.of("pay.fake_thing.node[1]", Action.CREATE, "pay.fake_thing.node[2]", Action.CREATE,
                "pay.fake_thing.summary", Action.UPDATE), changes(p));
    }

    @Test
    void countIndexesSortNumerically() {
        h.ws.request("payments", "pay", "things@1.0.0", "replicas: 11");
        Plan p = h.plan();
        List<String> inPlanOrder = p.changes().stream().map(c -> c.address().toString()).filter(a -> a.contains("node")).toList();
        assertEquals(11, inPlanOrder.size());
        assertEquals("pay.fake_thing.node[2]", inPlanOrder.get(2));
        assertEquals("pay.fake_thing.node[10]", inPlanOrder.get(10));
    }

    @Test
    void forEachKeyRemovedDeletesOnlyThatInstance() {
        h.ws.request("payments", "pay", "things@1.0.0", "zones: {a: eu-1a, b: eu-1b, c: eu-1c}");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "zones: {a: eu-1a, b: eu-1b}");
        Plan p = h.plan();
        assertEquals(Map.of("pay.fake_thing.zone[\"c\"]", Action.DELETE, "pay.fake_thing.summary", Action.UPDATE), changes(p));
        h.fake.calls.clear();
        h.apply(p);
        assertEquals(List.of("delete \"pay-c\"", "update \"pay-summary\""), h.fake.calls.stream().sorted().toList());
    }

    @Test
    void forEachValueChangeUpdatesOnlyThatInstance() {
        h.ws.request("payments", "pay", "things@1.0.0");
        h.converge();
        h.ws.request("payments", "pay", "things@1.0.0", "zones: {a: eu-1a, b: eu-2b}");
        assertEquals(Map.of("pay.fake_thing.zone[\"b\"]", Action.UPDATE, "pay.fake_thing.summary", Action.UPDATE), changes(h.plan()));
    }

    @Test
    void forEachOverAListOfStringsUsesEachStringAsKeyAndValue() {
        h.ws.file("modules/things/module.hcl", """
                module {
                  name    = "things"
                  version = "1.0.0"
                  kind    = "Thing"
                }
                input "envs" {
                  type    = list(string)
                  default = ["dev", "prod"]
                }
                resource "fake_thing" "env" {
                  for_each = input.envs
                  name     = "${request.name}-${each.key}"
                  value    = each.value
                }
                """);
        h.ws.request("payments", "pay", "things@1.0.0");
        Plan p = h.plan();
        assertEquals(new StringValue("prod"), ((ObjectValue) change(p, "pay.fake_thing.env[\"prod\"]").after()).getOrNull("value"));
        assertEquals(2, p.count(Action.CREATE));
    }

    @Test
    void addingCountMovesTheSingleInstanceByDeleteAndCreate() {
        String single = """
                module {
                  name    = "things"
                  version = "1.0.0"
                  kind    = "Thing"
                }
                resource "fake_thing" "x" {
                  name = "${request.name}-x"
                }
                """;
        h.ws.file("modules/things/module.hcl", single);
        h.ws.request("payments", "pay", "things@1.0.0");
        h.converge();
        h.ws.file("modules/things/module.hcl", single.replace("name = \"${request.name}-x\"", "count = 1\n  name = \"${request.name}-x\""));
        Plan p = h.plan();
        assertEquals(Map.of("pay.fake_thing.x", Action.DELETE, "pay.fake_thing.x[0]", Action.CREATE), changes(p));
        h.apply(p);
        assertEquals(List.of("pay.fake_thing.x[0]"), h.addresses("payments"));
        assertEquals(1, h.fake.objects.size());
    }

    @Test
    void countZeroCreatesNothingAndLeavesAnEmptyCollection() {
        h.ws.file("modules/things/module.hcl", MODULE.replace("first = fake_thing.node[0].id", "count = length(fake_thing.node)"));
        h.ws.request("payments", "pay", "things@1.0.0", "replicas: 0");
        Plan p = h.plan();
        assertFalse(actions(p).keySet().stream().anyMatch(a -> a.contains("node")));
        ObjectValue summary = (ObjectValue) ((ObjectValue) change(p, "pay.fake_thing.summary").after()).getOrNull("value");
        assertEquals(Value.of(0), summary.getOrNull("count"));
        assertEquals(new StringValue(""), summary.getOrNull("all"));
    }
}
