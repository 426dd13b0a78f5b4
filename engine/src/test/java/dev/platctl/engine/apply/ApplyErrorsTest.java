package dev.platctl.engine.apply;

import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an apply error says: what platctl was doing, to which address, then the provider's own words. */
class ApplyErrorsTest {
    static final String MODULE = """
            module {
              name    = "things"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "size" {
              type    = number
              default = 1
            }
            resource "fake_thing" "base" {
              name  = "${request.name}-base"
              value = input.size
            }
            """;

    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir);
        h.ws.file("modules/things/module.hcl", MODULE).request("payments", "pay", "things@1.0.0");
        h.converge();
        h.fake.refuseChange.add("pay-base");
    }

    @Test
    void aFailedUpdateIsToldOnceWithTheAddressTheProvidersIdAndTheApisWords() {
        h.ws.request("payments", "pay", "things@1.0.0", "size: 2");
        ApplyResult r = h.tryApply(h.plan());
        assertFalse(r.succeeded());
        assertEquals("cannot update fake_thing pay.fake_thing.base (id-1): FakeError: refused (status 400)",
                r.diagnostics().errors().get(0).detail());
    }

    @Test
    void aFailedDeleteIsToldWithTheEnginesVerbTheAddressAndTheProvidersId() {
        h.ws.delete("requests/payments/pay.yaml");
        ApplyResult r = h.tryApply(h.plan());
        assertFalse(r.succeeded());
        assertEquals("cannot destroy fake_thing pay.fake_thing.base (id-1): FakeError: refused (status 400)",
                r.diagnostics().errors().get(0).detail());
    }

    /** A module passing its input {@code secret} to a fake_thing's {@code attribute}; the input sensitive or not. */
    private static String vault(boolean sensitiveInput, String attribute, String value) {
        return """
                module {
                  name    = "vault"
                  version = "1.0.0"
                  kind    = "Thing"
                }
                input "secret" {
                  type      = string
                  sensitive = %s
                }
                resource "fake_thing" "entry" {
                  name = "${request.name}-entry"
                  %s = %s
                }
                """.formatted(sensitiveInput, attribute, value);
    }

    private static String text(ObjectValue planned, String attribute) {
        return ((StringValue) planned.getOrNull(attribute).unmarked()).value();
    }

    /**
     * An API that quotes back a sensitive value it was sent (a password it refuses) does not get it shown, logged or
     * kept in the state's history: the engine takes every secret of the resource out of the error. Here the input is
     * sensitive and the attribute it is passed to is not.
     */
    @Test
    void aSensitiveInputTheApiQuotesBackIsTakenOutOfTheErrorAndTheHistory() {
        h.ws.file("modules/vault/module.hcl", vault(true, "value", "input.secret"))
                .request("payments", "keys", "vault@1.0.0", "secret: tr0ub4dor-and-3");
        h.fake.refuseSaying.put("keys-entry", p -> "value '" + text(p, "value") + "' is too weak");
        ApplyResult r = h.tryApply(h.plan());
        assertFalse(r.succeeded());
        assertEquals("cannot create fake_thing keys.fake_thing.entry (keys-entry): FakeError: value '(sensitive value)' is too weak"
                + " (status 400)", r.diagnostics().errors().get(0).detail());
        String history = h.store.history("payments").toString();
        assertFalse(history.contains("tr0ub4dor"), history);
        assertTrue(history.contains("value '(sensitive value)' is too weak"), history);
    }

    /** The secret is taken out of errors whichever way the resource got it: here the provider's schema marks it. */
    @Test
    void aSecretTheSchemaMarksIsTakenOutOfAFailedUpdate() {
        h.ws.file("modules/vault/module.hcl", vault(false, "secret", "input.secret"))
                .request("payments", "cfg", "vault@1.0.0", "secret: first-value-1234");
        h.apply(h.plan());
        h.ws.request("payments", "cfg", "vault@1.0.0", "secret: second-value-5678");
        h.fake.refuseSaying.put("cfg-entry", p -> "secret '" + text(p, "secret") + "' is too weak");
        ApplyResult r = h.tryApply(h.plan());
        assertFalse(r.succeeded());
        String detail = r.diagnostics().errors().get(0).detail();
        assertFalse(detail.contains("second-value-5678"), detail);
        assertTrue(detail.endsWith("FakeError: secret '(sensitive value)' is too weak (status 400)"), detail);
    }

    /**
     * A value built from a sensitive input is sensitive as a whole, but an API may quote only the input's part of it
     * (the password of a connection URL): that part is found because the request's sensitive inputs are secrets too.
     */
    @Test
    void thePartOfAValueThatASensitiveInputMadeIsTakenOutWhenTheApiQuotesOnlyThatPart() {
        h.ws.file("modules/vault/module.hcl", vault(true, "value", "\"postgres://app:${input.secret}@db.internal/orders\""))
                .request("payments", "keys", "vault@1.0.0", "secret: tr0ub4dor-and-3");
        h.fake.refuseSaying.put("keys-entry", p -> {
            String url = text(p, "value");
            return "password '" + url.substring(url.indexOf(":", 11) + 1, url.indexOf('@')) + "' of user app is too weak";
        });
        ApplyResult r = h.tryApply(h.plan());
        assertFalse(r.succeeded());
        assertEquals("cannot create fake_thing keys.fake_thing.entry (keys-entry): FakeError: password '(sensitive value)' of user app"
                + " is too weak (status 400)", r.diagnostics().errors().get(0).detail());
    }

    /** The same for a value built from another resource's sensitive attribute (a generated password in a URL). */
    @Test
    void thePartOfAValueThatAnotherResourcesSecretMadeIsTakenOutWhenTheApiQuotesOnlyThatPart() {
        h.ws.file("modules/db/module.hcl", """
                module {
                  name    = "db"
                  version = "1.0.0"
                  kind    = "Thing"
                }
                resource "fake_thing" "password" {
                  name   = "${request.name}-password"
                  secret = "generated-0xC0FFEE"
                }
                resource "fake_thing" "entry" {
                  name  = "${request.name}-entry"
                  value = "postgres://app:${fake_thing.password.secret}@db.internal/orders"
                }
                """).request("payments", "orders", "db@1.0.0");
        h.fake.refuseSaying.put("orders-entry", p -> {
            String url = text(p, "value");
            return "password '" + url.substring(url.indexOf(":", 11) + 1, url.indexOf('@')) + "' of user app is too weak";
        });
        ApplyResult r = h.tryApply(h.plan());
        assertFalse(r.succeeded());
        assertEquals("cannot create fake_thing orders.fake_thing.entry (orders-entry): FakeError: password '(sensitive value)' of user"
                + " app is too weak (status 400)", r.diagnostics().errors().get(0).detail());
    }

    /** A provider that gives a message alone (no object and reason apart) keeps the old form: the address, then its words. */
    @Test
    void aProvidersPlainMessageIsPutAfterTheAddress() {
        h.fake.refuseChange.clear();
        h.fake.refuseChangePlainly.add("pay-base");
        h.ws.request("payments", "pay", "things@1.0.0", "size: 2");
        ApplyResult r = h.tryApply(h.plan());
        assertFalse(r.succeeded());
        assertEquals("cannot update fake_thing pay.fake_thing.base: cannot update fake_thing id-1: FakeError: refused (status 400)",
                r.diagnostics().errors().get(0).detail());
    }

    /**
     * A create that failed in a step about no one object (a listing, a discovery of the API) says that step: the engine's
     * verb alone would hide what was being done.
     */
    @Test
    void aFailedStepOfACreateIsSaidAfterTheAddress() {
        h.ws.request("payments", "card", "things@1.0.0");
        h.fake.refuseCreateStep.add("card-base");
        ApplyResult r = h.tryApply(h.plan());
        assertFalse(r.succeeded());
        assertEquals("cannot create fake_thing card.fake_thing.base: listing zones of region r1: Forbidden: no listing for you (status 403)",
                r.diagnostics().errors().get(0).detail());
    }

    /** The history records the same words the user saw. */
    @Test
    void theHistoryKeepsTheFailureAsTold() {
        h.ws.request("payments", "pay", "things@1.0.0", "size: 2");
        h.tryApply(h.plan());
        var last = h.store.history("payments").get(h.store.history("payments").size() - 1);
        assertEquals("cannot update fake_thing pay.fake_thing.base (id-1): FakeError: refused (status 400)", last.changes().get(0).error());
    }
}
