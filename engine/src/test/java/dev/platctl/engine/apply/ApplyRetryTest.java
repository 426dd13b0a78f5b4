package dev.platctl.engine.apply;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.graph.Cancellation;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.retry.RetryPolicy;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.StringValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provider calls that fail with a retryable error (throttling) are made again with backoff, without doing anything twice. */
class ApplyRetryTest {
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
            resource "fake_thing" "child" {
              name  = "${request.name}-child"
              value = "from-${fake_thing.base.id}"
            }
            """;

    @TempDir
    Path dir;
    EngineHarness h;
    final List<Duration> slept = new CopyOnWriteArrayList<>();
    final List<String> heard = new CopyOnWriteArrayList<>();
    /** Four attempts, 1 s doubling to at most 4 s, jitter always 0.5; sleeping only records the wait. */
    RetryPolicy retry;

    @BeforeEach
    void setUp() {
        retry = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(4), slept::add, () -> 0.5);
        h = new EngineHarness(dir, retry);
        h.ws.file("modules/things/module.hcl", MODULE).request("payments", "pay", "things@1.0.0");
    }

    ApplyResult apply(Plan plan) {
        ApplyListener listener = new ApplyListener() {
            @Override
            public void retrying(ResourceChange c, String verb, int attempt, int maxAttempts, Duration delay, String message) {
                heard.add(c.address() + ": retrying " + verb + " in " + delay.toMillis() + "ms (attempt " + attempt + "/" + maxAttempts + "): " + message);
            }

            @Override
            public void skipped(ResourceChange c, String becauseOf) {
                heard.add(c.address() + ": skipped because of " + becauseOf);
            }

            @Override
            public void note(String message) {
                heard.add(message);
            }
        };
        try (StackLocks locks = h.engine.lock(new TreeSet<>(List.of("payments")), EngineHarness.who(), Duration.ZERO)) {
            return h.engine.apply(h.config(), plan, locks,
                    new ApplyOptions(4, 4, "tester", "apply", new Cancellation()).withRetry(retry), listener, "hash");
        }
    }

    @Test
    void throttledCreateIsRetriedWithBackoffAndTheObjectIsRecordedOnce() {
        h.fake.throttle.put("pay-base", 2);
        ApplyResult r = apply(h.plan());
        assertTrue(r.succeeded(), r.diagnostics()::toString);
        assertEquals(List.of("create pay-base", "create pay-base", "create pay-base", "create pay-child"), h.fake.calls);
        assertEquals(List.of(Duration.ofMillis(750), Duration.ofMillis(1500)), slept, "1 s then 2 s, each half fixed and half jittered");
        assertEquals(List.of(
                "pay.fake_thing.base: retrying create in 750ms (attempt 2/4): Throttling: Rate exceeded (status 400)",
                "pay.fake_thing.base: retrying create in 1500ms (attempt 3/4): Throttling: Rate exceeded (status 400)"), heard);
        assertEquals(List.of("pay.fake_thing.base", "pay.fake_thing.base"), h.fake.lookups,
                "each retry first looks for an object the failed create may have made");
        assertEquals(2, h.fake.objects.size());
        assertEquals(List.of("pay.fake_thing.base", "pay.fake_thing.child"), h.addresses("payments"));
        assertEquals(new StringValue("from-" + ((StringValue) h.stored("payments", "pay.fake_thing.base", "id")).value()),
                h.stored("payments", "pay.fake_thing.child", "value"));
        assertTrue(h.plan().changes().stream().allMatch(c -> c.action() == dev.platctl.engine.plan.Action.NO_OP));
    }

    /** A provider that says the object and the reason apart is heard with the reason alone: the line already names the address. */
    @Test
    void aRetryOfAStructuredFailureIsToldWithTheReasonOnly() {
        h.fake.structuredThrottling = true;
        h.fake.throttle.put("pay-base", 1);
        ApplyResult r = apply(h.plan());
        assertTrue(r.succeeded(), r.diagnostics()::toString);
        assertEquals(List.of("pay.fake_thing.base: retrying create in 750ms (attempt 2/4): Throttling: Rate exceeded (status 400)"), heard);
    }

    /** A retry is told as it happens, on the terminal: what the API quoted back of a sensitive value is not in it. */
    @Test
    void aRetryIsToldWithoutTheSecretsTheApiQuotedBack() {
        h.ws.file("modules/vault/module.hcl", """
                module {
                  name    = "vault"
                  version = "1.0.0"
                  kind    = "Thing"
                }
                input "password" {
                  type      = string
                  sensitive = true
                }
                resource "fake_thing" "entry" {
                  name   = "${request.name}-entry"
                  secret = input.password
                }
                """).request("payments", "keys", "vault@1.0.0", "password: tr0ub4dor-and-3");
        h.fake.refuseSayingRetryable = true;
        h.fake.refuseSaying.put("keys-entry", p -> "secret '" + ((StringValue) p.getOrNull("secret").unmarked()).value() + "' is busy");
        ApplyResult r = apply(h.plan());
        assertFalse(r.succeeded());
        List<String> retries = heard.stream().filter(x -> x.startsWith("keys.fake_thing.entry: retrying")).toList();
        assertEquals(3, retries.size(), heard::toString);
        assertTrue(retries.stream().allMatch(x -> x.endsWith("FakeError: secret '(sensitive value)' is busy (status 400)")), retries::toString);
        assertFalse(heard.toString().contains("tr0ub4dor") || r.diagnostics().toString().contains("tr0ub4dor"));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsAdoptedNotMadeAgain() {
        h.fake.throttle.put("pay-base", 1);
        h.fake.createdBeforeThrottle.add("pay-base");
        ApplyResult r = apply(h.plan());
        assertTrue(r.succeeded(), r.diagnostics()::toString);
        assertEquals(List.of("create pay-base", "create pay-child"), h.fake.calls, "the retry found the object and did not create it again");
        assertEquals(2, h.fake.objects.size(), "one base object, one child");
        assertTrue(heard.contains("pay.fake_thing.base: the failed create made the object after all; adopting it instead of creating it again"),
                heard::toString);
        String id = ((StringValue) h.stored("payments", "pay.fake_thing.base", "id")).value();
        assertTrue(h.fake.objects.containsKey(id), "state records the object that exists: " + id);
    }

    @Test
    void aRetriedCreateBeforeDestroyDoesNotMistakeTheObjectItReplacesForItsOwn() {
        h.ws.file("modules/things/module.hcl", MODULE.replace("""
                  value = input.size
                }""", """
                  value = input.size
                  lifecycle {
                    create_before_destroy = true
                  }
                }""").replace("${request.name}-base", "${request.name}-base-${input.size}"));
        apply(h.plan());
        String oldId = ((StringValue) h.stored("payments", "pay.fake_thing.base", "id")).value();
        h.ws.request("payments", "pay", "things@1.0.0", "size: 2");
        Plan replace = h.plan();
        assertEquals(dev.platctl.engine.plan.Action.CREATE_THEN_DELETE,
                EngineHarness.change(replace, "pay.fake_thing.base").action());
        h.fake.calls.clear();
        h.fake.throttle.put("pay-base-2", 1);
        ApplyResult r = apply(replace);
        assertTrue(r.succeeded(), r.diagnostics()::toString);
        assertEquals(List.of("create pay-base-2", "create pay-base-2", "delete \"pay-base-1\"", "update \"pay-child\""), h.fake.calls,
                "the lookup found the old object by the shared key, and the create was made again");
        String newId = ((StringValue) h.stored("payments", "pay.fake_thing.base", "id")).value();
        assertFalse(newId.equals(oldId) || h.fake.objects.containsKey(oldId), "state holds the new object; the old one is gone");
        assertTrue(h.fake.objects.containsKey(newId));
    }

    @Test
    void aNonRetryableFailureIsNotRetried() {
        h.fake.failOn.add("pay-base");
        ApplyResult r = apply(h.plan());
        assertFalse(r.succeeded());
        assertEquals(List.of("create pay-base"), h.fake.calls);
        assertTrue(slept.isEmpty() && h.fake.lookups.size() == 1, "only the failure's own lookup, no retry: " + h.fake.lookups);
        assertEquals(Map.of(ResourceAddress.parse("pay.fake_thing.base"), "failed", ResourceAddress.parse("pay.fake_thing.child"), "skipped"),
                r.outcomes());
    }

    @Test
    void exhaustedAttemptsFailTheNodeAndSkipItsDependents() {
        h.fake.throttle.put("pay-base", 10);
        ApplyResult r = apply(h.plan());
        assertFalse(r.succeeded());
        assertEquals(4, h.fake.calls.stream().filter("create pay-base"::equals).count());
        assertEquals(List.of(Duration.ofMillis(750), Duration.ofMillis(1500), Duration.ofMillis(3000)), slept);
        assertEquals("failed", r.outcomes().get(ResourceAddress.parse("pay.fake_thing.base")));
        assertEquals("skipped", r.outcomes().get(ResourceAddress.parse("pay.fake_thing.child")));
        assertEquals("cannot create fake_thing pay.fake_thing.base: Throttling: Rate exceeded (status 400) (gave up after 4 attempts)",
                r.diagnostics().errors().get(0).detail());
        assertTrue(heard.contains("pay.fake_thing.child: skipped because of pay.fake_thing.base"), heard::toString);
        assertEquals(List.of(), h.addresses("payments"), "no intent is left behind: the object was never made");
        assertTrue(h.fake.objects.isEmpty());
    }

    @Test
    void throttledUpdateAndDeleteAreRetried() {
        apply(h.plan());
        h.ws.request("payments", "pay", "things@1.0.0", "size: 2");
        Plan change = h.plan();
        h.fake.calls.clear();
        h.fake.throttle.put("pay-base", 1);
        ApplyResult update = apply(change);
        assertTrue(update.succeeded(), update.diagnostics()::toString);
        assertEquals(List.of("update \"pay-base\"", "update \"pay-base\""), h.fake.calls);
        assertEquals(new dev.platctl.engine.value.NumberValue(java.math.BigDecimal.valueOf(2)), h.stored("payments", "pay.fake_thing.base", "value"));

        h.ws.delete("requests/payments/pay.yaml");
        Plan removal = h.plan();
        h.fake.calls.clear();
        h.fake.throttle.put("pay-child", 1);
        ApplyResult delete = apply(removal);
        assertTrue(delete.succeeded(), delete.diagnostics()::toString);
        assertEquals(List.of("delete \"pay-child\"", "delete \"pay-child\"", "delete \"pay-base\""), h.fake.calls);
        assertTrue(h.fake.objects.isEmpty());
        assertEquals(List.of(), h.addresses("payments"));
    }

    @Test
    void aCancelledApplyStopsRetrying() {
        h.fake.throttle.put("pay-base", 10);
        Cancellation cancel = new Cancellation();
        RetryPolicy cancelling = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(4), d -> cancel.cancel(), () -> 0.5);
        List<String> outcomes = new ArrayList<>();
        Plan plan = h.plan();
        try (StackLocks locks = h.engine.lock(new TreeSet<>(List.of("payments")), EngineHarness.who(), Duration.ZERO)) {
            ApplyResult r = h.engine.apply(h.config(), plan, locks,
                    new ApplyOptions(4, 4, "tester", "apply", cancel).withRetry(cancelling), ApplyListener.NONE, "hash");
            outcomes.add(r.outcomes().get(ResourceAddress.parse("pay.fake_thing.base")));
            assertTrue(r.cancelled());
        }
        assertEquals(List.of("failed"), outcomes);
        assertEquals(2, h.fake.calls.size(), "the attempt after the wait, then no more: " + h.fake.calls);
        assertEquals(Optional.empty(), h.fake.objects.values().stream().findAny());
    }
}
