package dev.platctl.engine.importing;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.DiagnosticsException;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.retry.RetryPolicy;
import dev.platctl.engine.state.HistoryEntry;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StackLock;
import dev.platctl.engine.state.StateLockedException;
import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Engine.importResource}: an object made outside platctl recorded at a declared address, and every way that is refused. */
class ImportTest {
    static final String MODULE = """
            module {
              name    = "things"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "label" {
              type      = string
              default   = "blue"
              sensitive = true
            }
            resource "fake_thing" "base" {
              name   = "${request.name}-base"
              value  = input.label
              secret = "s3cret"
            }
            resource "fake_thing" "env" {
              for_each = ["dev", "prod"]
              name     = "${request.name}-${each.key}"
              value    = fake_thing.base.id
            }
            """;

    @TempDir
    Path dir;
    EngineHarness h;
    final List<Duration> slept = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir, new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4), slept::add, () -> 0));
        h.ws.file("modules/things/module.hcl", MODULE).request("payments", "pay", "things@1.0.0");
    }

    /** An object someone made by hand: in the fake's store under {@code id}, without platctl's key. */
    void madeOutside(String id, String name, Value value) {
        h.fake.objects.put(id, new ObjectValue(Map.of("id", Value.of(id), "name", Value.of(name), "value", value,
                "secret", Value.of("s3cret"), "key", Value.of("by-hand"))));
    }

    ImportResult importResource(String address, String id) {
        return h.engine.importResource(h.config(), address, id, EngineHarness.who(), Duration.ZERO);
    }

    List<String> problems(String address, String id) {
        DiagnosticsException e = assertThrows(DiagnosticsException.class, () -> importResource(address, id));
        return e.diagnostics().errors().stream().map(d -> d.summary() + ": " + d.detail()).toList();
    }

    @Test
    void importRecordsTheObjectWithHistoryAndTheNextPlanLeavesItAlone() {
        madeOutside("ext-1", "pay-base", Value.of("blue"));
        ImportResult r = importResource("pay.fake_thing.base", "ext-1");

        assertEquals("payments", r.stack());
        ResourceState stored = h.store.read("payments").resources().get(ResourceAddress.parse("pay.fake_thing.base"));
        assertEquals(r.state(), stored);
        assertEquals(ResourceStatus.CREATED, stored.status());
        assertEquals("things@1.0.0", stored.module());
        assertEquals(new StringValue("ext-1"), stored.attributes().getOrNull("id"));
        assertFalse(stored.attributes().attributes().containsKey("key"), "only what the provider reports");
        assertInstanceOf(SensitiveValue.class, stored.attributes().getOrNull("secret"), "sensitive in the type's schema");
        assertInstanceOf(SensitiveValue.class, stored.attributes().getOrNull("value"), "set from a sensitive input in the configuration");
        assertEquals(h.store.read("payments").serial(), r.serial());

        List<HistoryEntry> history = h.store.history("payments");
        assertEquals(1, history.size());
        HistoryEntry entry = history.get(0);
        assertEquals("import", entry.operation());
        assertEquals("tester", entry.who());
        assertEquals(List.of(new HistoryEntry.Change("pay.fake_thing.base", "import", "ok", "")), entry.changes());

        assertEquals(Map.of("pay.fake_thing.base", Action.NO_OP, "pay.fake_thing.env[\"dev\"]", Action.CREATE,
                "pay.fake_thing.env[\"prod\"]", Action.CREATE), EngineHarness.actions(h.plan()));
        assertEquals(List.of(), h.fake.calls, "nothing was created or changed");
    }

    @Test
    void anImportedObjectThatDiffersFromTheConfigurationIsUpdatedByTheNextPlan() {
        madeOutside("ext-1", "pay-base", Value.of("green"));
        importResource("pay.fake_thing.base", "ext-1");
        h.apply(h.plan());
        assertTrue(h.fake.calls.contains("update \"pay-base\""), h.fake.calls::toString);
        assertEquals(Value.of("blue"), h.fake.objects.get("ext-1").getOrNull("value"));
        assertEquals(3, h.fake.objects.size(), "the imported object and the two new ones");
    }

    @Test
    void anIdThatIsTheValueOfASensitiveAttributeIsMarkedSecret() {
        madeOutside("ext-1", "pay-base", Value.of("blue"));
        assertFalse(importResource("pay.fake_thing.base", "ext-1").idSensitive());
        madeOutside("s3cret", "pay-prod", Value.of("blue"));
        assertTrue(importResource("pay.fake_thing.env[\"prod\"]", "s3cret").idSensitive(), "the id is the value of \"secret\"");
    }

    @Test
    void anInstanceOfAForEachResourceIsImportedByItsKey() {
        madeOutside("ext-7", "pay-prod", Value.of("anything"));
        importResource("pay.fake_thing.env[\"prod\"]", "ext-7");
        assertEquals(List.of("pay.fake_thing.env[\"prod\"]"), h.addresses("payments"));
    }

    @Test
    void everyProblemWithTheAddressAndTheIdIsReportedAtOnce() {
        try (StackLock l = h.store.lock("payments", EngineHarness.who(), Duration.ZERO)) {
            l.put(new ResourceState(ResourceAddress.parse("pay.fake_thing.bse"), ResourceStatus.CREATED, ObjectValue.EMPTY, List.of(),
                    "pay.fake_thing.bse", "things@1.0.0"));
        }
        assertEquals(List.of(
                "Resource not in the configuration: no resource pay.fake_thing.bse in the configuration. Did you mean pay.fake_thing.base?"
                        + " Import needs a resource block for the object to belong to: declare it in a request's module first.",
                "Resource already managed: pay.fake_thing.bse is already in the state of stack 'payments'. Importing would track a second"
                        + " object at the same address; run `platctl state rm pay.fake_thing.bse` first to forget the one recorded there"
                        + " (the object itself is left alone).",
                "Empty import id: the import id must name the object, e.g. a bucket name or a queue URL (the provider's section of"
                        + " the README lists the id each type takes)."), problems("pay.fake_thing.bse", " "));
    }

    @Test
    void aResourceWithInstancesNamedWithoutItsKeyListsThem() {
        assertEquals(List.of("Resource not in the configuration: no resource pay.fake_thing.env in the configuration. It has 2 instances:"
                        + " pay.fake_thing.env[\"dev\"], pay.fake_thing.env[\"prod\"]. Import needs a resource block for the object to"
                        + " belong to: declare it in a request's module first."),
                problems("pay.fake_thing.env", "ext-1"));
    }

    @Test
    void aMalformedAddressSaysWhatOneLooksLike() {
        assertEquals(List.of("Invalid resource address: invalid resource address 'fake_thing.base': expected <request>.<type>.<name>,"
                + " e.g. payments-db.aws_db_instance.this. Addresses are printed by 'platctl plan' and 'platctl state list'."),
                problems("fake_thing.base", "ext-1"));
    }

    @Test
    void anAddressAlreadyManagedIsRefusedUntilItIsRemovedFromState() {
        madeOutside("ext-1", "pay-base", Value.of("blue"));
        importResource("pay.fake_thing.base", "ext-1");
        List<String> again = problems("pay.fake_thing.base", "ext-1");
        assertEquals(1, again.size());
        assertTrue(again.get(0).startsWith("Resource already managed: pay.fake_thing.base is already in the state of stack 'payments'."),
                again::toString);
        assertEquals(1, h.store.history("payments").size(), "the refused import wrote nothing");
    }

    @Test
    void anIdThatNamesNoObjectIsAnErrorAndWritesNothing() {
        PlatctlException e = assertThrows(PlatctlException.class, () -> importResource("pay.fake_thing.base", "ext-404"));
        assertEquals("cannot import fake_thing pay.fake_thing.base: no object with id \"ext-404\" exists"
                + " (the README's section on its provider says which id fake_thing takes)", e.getMessage());
        assertEquals(List.of(), h.addresses("payments"));
        assertEquals(List.of(), h.store.history("payments"));
    }

    @Test
    void aTypeThatCannotBeImportedKeepsTheProvidersReason() {
        h.fake.refuseImport.add("ext-1");
        PlatctlException e = assertThrows(PlatctlException.class, () -> importResource("pay.fake_thing.base", "ext-1"));
        assertEquals("cannot import fake_thing pay.fake_thing.base: cannot import fake_thing 'ext-1': it exists only in state, so there"
                + " is nothing to import", e.getMessage(), "the provider's message does not name the address, so the address comes first");
        assertEquals(List.of(), h.addresses("payments"));
    }

    @Test
    void aFailedReadIsToldOnceWithTheAddressTheIdAndTheApisWords() {
        madeOutside("ext-1", "pay-base", Value.of("blue"));
        h.fake.refuseRead.add("pay-base");
        PlatctlException e = assertThrows(PlatctlException.class, () -> importResource("pay.fake_thing.base", "ext-1"));
        assertEquals("cannot import fake_thing pay.fake_thing.base (ext-1): FakeError: no read for you (status 403)", e.getMessage());
        assertEquals(List.of(), h.addresses("payments"));
    }

    /** A provider that gives a message alone that does not say what failed has it put after the address. */
    @Test
    void aPlainMessageIsPutAfterTheAddress() {
        madeOutside("ext-1", "pay-base", Value.of("blue"));
        h.fake.throttle.put("pay-base", 5);
        PlatctlException e = assertThrows(PlatctlException.class, () -> importResource("pay.fake_thing.base", "ext-1"));
        assertEquals("cannot import fake_thing pay.fake_thing.base: Throttling: Rate exceeded (status 400) (gave up after 3 attempts)",
                e.getMessage());
    }

    @Test
    void aStructuredFailureTheRetriesGaveUpOnIsToldOnceToo() {
        madeOutside("ext-1", "pay-base", Value.of("blue"));
        h.fake.structuredThrottling = true;
        h.fake.throttle.put("pay-base", 5);
        PlatctlException e = assertThrows(PlatctlException.class, () -> importResource("pay.fake_thing.base", "ext-1"));
        assertEquals("cannot import fake_thing pay.fake_thing.base (ext-1): Throttling: Rate exceeded (status 400)"
                + " (gave up after 3 attempts)", e.getMessage());
    }

    @Test
    void theStackLockIsHonoured() {
        madeOutside("ext-1", "pay-base", Value.of("blue"));
        LockInfo ci = new LockInfo("lock-ci", "apply", "ci", "runner-7", 42, Instant.EPOCH);
        try (StackLock held = h.store.lock("payments", ci, Duration.ZERO)) {
            StateLockedException e = assertThrows(StateLockedException.class, () -> importResource("pay.fake_thing.base", "ext-1"));
            assertEquals(ci, e.heldBy());
        }
        assertEquals(List.of(), h.addresses("payments"), "nothing was written while another run held the stack");
        importResource("pay.fake_thing.base", "ext-1");
        assertEquals(List.of("pay.fake_thing.base"), h.addresses("payments"));
    }

    @Test
    void aThrottledReadIsRetried() {
        madeOutside("ext-1", "pay-base", Value.of("blue"));
        h.fake.throttle.put("pay-base", 2);
        importResource("pay.fake_thing.base", "ext-1");
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), slept);
        assertEquals(List.of("pay.fake_thing.base"), h.addresses("payments"));
    }
}
