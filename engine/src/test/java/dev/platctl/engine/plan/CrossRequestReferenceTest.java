package dev.platctl.engine.plan;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.UnknownValue;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.platctl.engine.testing.EngineHarness.change;
import static dev.platctl.engine.testing.EngineHarness.changes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossRequestReferenceTest {
    static final String NETWORK = """
            module {
              name    = "network"
              version = "1.0.0"
              kind    = "Thing"
            }
            resource "fake_thing" "vpc" {
              name = "${request.name}-vpc"
            }
            resource "fake_thing" "unrelated" {
              name = "${request.name}-other"
            }
            output "vpc_id" {
              value = fake_thing.vpc.id
            }
            output "label" {
              value = "net-${request.name}"
            }
            """;
    static final String APP = """
            module {
              name    = "app"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "network" {
              type = string
            }
            resource "fake_thing" "server" {
              name  = "${request.name}-server"
              value = "in ${request.shared-net.outputs.vpc_id} (${request.shared-net.outputs.label})"
            }
            """;

    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir);
        h.ws.file("modules/network/module.hcl", NETWORK).file("modules/app/module.hcl", APP)
                .request("platform", "shared-net", "network@1.0.0")
                .request("payments", "pay", "app@1.0.0", "network: shared-net");
    }

    @Test
    void anOutputOfAnUnappliedRequestIsKnownAfterApplyAndOrdersTheGraph() {
        Plan p = h.plan();
        ObjectValue server = (ObjectValue) change(p, "pay.fake_thing.server").after();
        assertInstanceOf(UnknownValue.class, server.getOrNull("value"));
        assertTrue(change(p, "pay.fake_thing.server").dependencies().stream().map(Object::toString).toList()
                .contains("shared-net.fake_thing.vpc"));
        assertTrue(change(p, "pay.fake_thing.server").dependencies().stream().map(Object::toString)
                .noneMatch(a -> a.equals("shared-net.fake_thing.unrelated")), "only what the output is computed from");
        h.apply(p);
        String vpcId = ((StringValue) h.stored("platform", "shared-net.fake_thing.vpc", "id")).value();
        assertEquals(new StringValue("in " + vpcId + " (net-shared-net)"), h.stored("payments", "pay.fake_thing.server", "value"));
        assertEquals(java.util.Map.of(), changes(h.plan()));
    }

    @Test
    void anAppliedOutputIsKnownAtPlan() {
        h.converge();
        h.ws.file("modules/app/module.hcl", APP.replace("in ${", "inside ${"));
        ObjectValue server = (ObjectValue) change(h.plan(), "pay.fake_thing.server").after();
        assertTrue(((StringValue) server.getOrNull("value")).value().startsWith("inside "), server::toString);
    }

    @Test
    void anUnknownRequestIsADiagnosticWithItsLine() {
        h.ws.file("modules/app/module.hcl", APP.replace("request.shared-net.outputs.vpc_id", "request.shared-nt.outputs.vpc_id"));
        Diagnostic d = onlyError();
        assertEquals("Reference to unknown request \"shared-nt\"", d.summary());
        assertTrue(d.detail().contains("Did you mean \"shared-net\"?"), d.detail());
        assertEquals("modules/app/module.hcl:11:17", d.subject().orElseThrow().toString());
    }

    @Test
    void anUnknownOutputIsADiagnosticListingTheOutputs() {
        h.ws.file("modules/app/module.hcl", APP.replace("outputs.label", "outputs.lable"));
        Diagnostic d = onlyError();
        assertEquals("Request \"shared-net\" has no output \"lable\"", d.summary());
        assertTrue(d.detail().contains("the outputs: vpc_id, label."), d.detail());
        assertEquals(11, d.subject().orElseThrow().start().line());
    }

    @Test
    void aReferenceWithoutOutputsIsExplained() {
        h.ws.file("modules/app/module.hcl", APP.replace("request.shared-net.outputs.label", "request.shared-net.label"));
        assertEquals("Invalid reference to request \"shared-net\"", onlyError().summary());
    }

    @Test
    void requestsReadingEachOthersOutputsAreACycle() {
        h.ws.file("modules/network/module.hcl", NETWORK.replace("name = \"${request.name}-vpc\"",
                "name = \"${request.name}-vpc\"\n  value = request.pay.outputs.server_name"));
        h.ws.file("modules/app/module.hcl", APP + "output \"server_name\" {\n  value = fake_thing.server.id\n}\n");
        Diagnostic d = onlyError();
        assertEquals("Dependency cycle between requests", d.summary());
        assertTrue(d.detail().contains("pay.fake_thing.server") && d.detail().contains("shared-net.fake_thing.vpc"), d.detail());
    }

    private Diagnostic onlyError() {
        Diagnostics d = new Diagnostics();
        h.tryPlan(d);
        List<Diagnostic> errors = d.errors();
        assertEquals(1, errors.size(), d::toString);
        return errors.get(0);
    }
}
