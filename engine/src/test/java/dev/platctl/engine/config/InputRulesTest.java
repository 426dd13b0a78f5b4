package dev.platctl.engine.config;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.testing.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input rules as the requester reads them: every violation at once, each with the line of the parameter and what is allowed. */
class InputRulesTest {
    static final String MODULE = """
            module {
              name    = "postgresql"
              version = "1.2.0"
              kind    = "Thing"
            }
            input "storage_gb" {
              type    = number
              minimum = 20
              maximum = 1000
              default = 20
            }
            input "name" {
              type       = string
              pattern    = "^[a-z][a-z0-9-]*$"
              min_length = 3
              max_length = 20
              default    = "main"
            }
            input "tier" {
              type    = string
              enum    = ["small", "large"]
              default = "small"
            }
            input "replicas" {
              type    = number
              default = 1
              validation {
                condition = input.replicas % 2 == 1
                message   = "replicas must be odd so that a quorum exists."
              }
            }
            input "password" {
              type       = string
              sensitive  = true
              min_length = 8
              default    = "correct-horse"
            }
            resource "fake_thing" "db" {
              name  = input.name
              value = input.storage_gb
            }
            """;
    static final String REQUEST_FILE = "requests/payments/pay.yaml";

    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(dir).file("modules/postgresql/module.hcl", MODULE);
    }

    List<Diagnostic> errors() {
        Diagnostics d = new Diagnostics();
        ConfigLoader.load(dir, d);
        return d.errors();
    }

    static List<String> details(List<Diagnostic> ds) {
        return ds.stream().map(Diagnostic::detail).toList();
    }

    @Test
    void everyViolationIsReportedAtOnceAtTheLineOfItsParameter() {
        ws.request("payments", "pay", "postgresql@1.2.0", "storage_gb: 5", "name: Bad_Name", "tier: huge", "replicas: 2");
        List<Diagnostic> errors = errors();
        assertEquals(List.of(
                "module postgresql@1.2.0 requires storage_gb >= 20 (maximum 1000); got 5.",
                "module postgresql@1.2.0 requires name to match /^[a-z][a-z0-9-]*$/; got \"Bad_Name\".",
                "module postgresql@1.2.0 requires tier to be one of \"small\", \"large\"; got \"huge\".",
                "module postgresql@1.2.0: replicas must be odd so that a quorum exists; got 2."), details(errors));
        assertEquals(List.of(9, 10, 11, 12), errors.stream().map(e -> e.subject().orElseThrow().start().line()).toList());
        assertTrue(errors.stream().allMatch(e -> e.summary().startsWith("Invalid value for input \"")));
        assertTrue(errors.stream().allMatch(e -> e.subject().orElseThrow().file().equals(REQUEST_FILE)));
    }

    @Test
    void aValueAboveTheMaximumNamesTheMinimumToo() {
        ws.request("payments", "pay", "postgresql@1.2.0", "storage_gb: 5000");
        assertEquals(List.of("module postgresql@1.2.0 requires storage_gb <= 1000 (minimum 20); got 5000."), details(errors()));
    }

    @Test
    void lengthRulesCountCharacters() {
        ws.request("payments", "pay", "postgresql@1.2.0", "name: ab");
        assertEquals(List.of("module postgresql@1.2.0 requires name to have at least 3 characters (at most 20); got \"ab\"."), details(errors()));
    }

    @Test
    void aSensitiveValueIsNeverShown() {
        ws.request("payments", "pay", "postgresql@1.2.0", "password: hunter2");
        assertEquals(List.of("module postgresql@1.2.0 requires password to have at least 8 characters; got (sensitive value)."), details(errors()));
    }

    @Test
    void aParameterOfTheWrongTypeGetsTheTypeErrorOnly() {
        ws.request("payments", "pay", "postgresql@1.2.0", "storage_gb: lots");
        List<Diagnostic> errors = errors();
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("module postgresql@1.2.0 expects storage_gb to be number, got string \"lots\".", errors.get(0).detail());
    }

    @Test
    void aDefaultThatBreaksARuleIsReportedAtTheModule() {
        ws.file("modules/postgresql/module.hcl", MODULE.replace("default = 20", "default = 10"));
        ws.request("payments", "pay", "postgresql@1.2.0");
        List<Diagnostic> errors = errors();
        assertEquals(List.of("module postgresql@1.2.0 requires storage_gb >= 20 (maximum 1000); got 10."), details(errors));
        assertEquals("modules/postgresql/module.hcl", errors.get(0).subject().orElseThrow().file());
        assertEquals(10, errors.get(0).subject().orElseThrow().start().line());
    }

    @Test
    void aValidationConditionMaySeeOtherInputs() {
        ws.file("modules/postgresql/module.hcl", MODULE.replace("input.replicas % 2 == 1", "input.replicas % 2 == 1 && (input.tier == \"large\" || input.replicas < 3)"));
        ws.request("payments", "pay", "postgresql@1.2.0", "replicas: 5");
        assertEquals(List.of("module postgresql@1.2.0: replicas must be odd so that a quorum exists; got 5."), details(errors()));
        ws.request("payments", "pay", "postgresql@1.2.0", "replicas: 5", "tier: large");
        assertEquals(List.of(), errors());
    }

    @Test
    void aRequestWithinTheRulesLoads() {
        ws.request("payments", "pay", "postgresql@1.2.0", "storage_gb: 100", "name: orders-db", "tier: large", "replicas: 3", "password: long-enough");
        assertEquals(List.of(), errors());
    }
}
