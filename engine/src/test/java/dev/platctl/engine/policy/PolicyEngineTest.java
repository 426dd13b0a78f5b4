package dev.platctl.engine.policy;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.testing.EngineHarness;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.SensitiveValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static dev.platctl.engine.testing.EngineHarness.change;
import static dev.platctl.engine.testing.EngineHarness.changes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policies in a plan: defaults and enforced values before the provider plans, then CEL rules on the planned changes. */
class PolicyEngineTest {
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
            input "flavour" {
              type    = string
              default = "plain"
            }
            resource "fake_thing" "base" {
              name  = "${request.name}-base-${input.flavour}"
              value = input.size
            }
            resource "fake_thing" "child" {
              name  = "${request.name}-child"
              value = "from-${fake_thing.base.id}"
            }
            """;
    static final String POLICY_FILE = "policies/things.hcl";

    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir);
        h.ws.file("modules/things/module.hcl", MODULE);
    }

    /** A policy on the base thing with one rule. */
    void rule(String enforcement, String condition, String message) {
        h.ws.file(POLICY_FILE, "policy \"small\" {\n  enforcement = \"" + enforcement + "\"\n  match {\n    types = [\"fake_thing\"]\n  }\n"
                + "  rule {\n    condition = \"" + condition + "\"\n    message   = \"" + message + "\"\n  }\n}\n");
    }

    List<Diagnostic> planErrors() {
        Diagnostics d = new Diagnostics();
        Optional<Plan> p = h.tryPlan(d);
        assertTrue(p.isEmpty(), "the plan should have failed");
        return d.errors();
    }

    static List<PolicyResult> results(Plan p, PolicyResult.Outcome outcome) {
        return p.policyResults().stream().filter(r -> r.outcome() == outcome).toList();
    }

    @Nested
    class Enforcement {
        @Test
        void aBrokenDenyRuleFailsThePlanNamingPolicyResourceAndMessageAtTheConditionsLine() {
            rule("deny", "type != 'fake_thing' || object.name.endsWith('-child') || object.value < 10", "things are smaller than 10.");
            h.ws.request("payments", "pay", "things@1.0.0", "size: 50");
            List<Diagnostic> errors = planErrors();
            assertEquals(1, errors.size(), errors::toString);
            Diagnostic d = errors.get(0);
            assertEquals("Policy \"small\" denies pay.fake_thing.base", d.summary());
            assertEquals("things are smaller than 10. (create of pay.fake_thing.base)", d.detail());
            assertEquals(POLICY_FILE, d.subject().orElseThrow().file());
            assertEquals(7, d.subject().orElseThrow().start().line());
            assertTrue(h.fake.calls.isEmpty(), "nothing is applied");
        }

        @Test
        void aBrokenWarnRuleIsRecordedAndThePlanGoesOn() {
            rule("warn", "object.name.endsWith('-child') || object.value < 10", "things are smaller than 10.");
            h.ws.request("payments", "pay", "things@1.0.0", "size: 50");
            Plan p = h.plan();
            assertEquals(List.of(new PolicyResult("small", dev.platctl.engine.policy.Enforcement.WARN, change(p, "pay.fake_thing.base").address(),
                    PolicyResult.Outcome.VIOLATED, "", "things are smaller than 10.")), p.policyResults());
            h.apply(p);
            assertEquals(Value.of(50), h.stored("payments", "pay.fake_thing.base", "value"));
        }

        @Test
        void aBrokenDryrunRuleIsOnlyRecorded() {
            rule("dryrun", "object.name.endsWith('-child') || object.value < 10", "things are smaller than 10.");
            h.ws.request("payments", "pay", "things@1.0.0", "size: 50");
            Plan p = h.plan();
            assertEquals(1, p.policyResults().size());
            assertEquals(dev.platctl.engine.policy.Enforcement.DRYRUN, p.policyResults().get(0).enforcement());
        }

        @Test
        void aRuleThatHoldsLeavesNoResult() {
            rule("deny", "object.name.endsWith('-child') || object.value < 10", "things are smaller than 10.");
            h.ws.request("payments", "pay", "things@1.0.0", "size: 5");
            assertEquals(List.of(), h.plan().policyResults());
        }

        @Test
        void aConditionThatCannotBeEvaluatedFailsClosedAndSaysWhy() {
            rule("deny", "object.colour == 'red'", "things are red.");
            h.ws.request("payments", "pay", "things@1.0.0");
            Diagnostic d = planErrors().get(0);
            assertEquals("things are red. (the condition could not be evaluated: key 'colour' is not present in map) (create of pay.fake_thing.base)",
                    d.detail());
        }

        @Test
        void aSensitiveValueIsCheckedButNeverShown() {
            h.ws.file("modules/things/module.hcl", MODULE.replace("value = input.size", "value = input.size\n  secret = \"hunter2\""));
            rule("deny", "!has(object.secret) || object.secret == null || size(object.secret) >= 12", "secrets have 12 characters or more.");
            h.ws.request("payments", "pay", "things@1.0.0");
            List<Diagnostic> errors = planErrors();
            assertEquals(1, errors.size(), errors::toString);
            assertFalse(errors.toString().contains("hunter2"), errors::toString);
        }
    }

    @Nested
    class Mutations {
        @Test
        void defaultsFillOnlyUnsetAttributes() {
            h.ws.file(POLICY_FILE, "policy \"fill\" {\n  enforcement = \"warn\"\n  defaults {\n    value  = 99\n    secret = \"s3cret\"\n  }\n}\n");
            h.ws.request("payments", "pay", "things@1.0.0", "size: 3");
            Plan p = h.plan();
            ObjectValue base = (ObjectValue) change(p, "pay.fake_thing.base").after();
            assertEquals(Value.of(3), base.getOrNull("value"), "the module set value; a default does not override it");
            assertEquals(Value.of("s3cret"), base.getOrNull("secret").unmarked());
            assertEquals(List.of("pay.fake_thing.base secret", "pay.fake_thing.child secret"),
                    results(p, PolicyResult.Outcome.DEFAULTED).stream().map(r -> r.address() + " " + r.attribute()).toList());
        }

        @Test
        void enforcedValuesReplaceTheModulesAreReportedAndApplyAgreesWithThePlan() {
            h.ws.file(POLICY_FILE, "policy \"seven\" {\n  match {\n    types = [\"fake_thing\"]\n  }\n  enforce {\n    value = 7\n  }\n}\n");
            h.ws.request("payments", "pay", "things@1.0.0", "size: 3");
            Plan p = h.plan();
            assertEquals(Value.of(7), ((ObjectValue) change(p, "pay.fake_thing.base").after()).getOrNull("value"));
            List<PolicyResult> enforced = results(p, PolicyResult.Outcome.ENFORCED);
            assertEquals(2, enforced.size(), enforced::toString);
            assertEquals("\"value\" is set by the policy, replacing the module's value", enforced.get(0).message());
            h.apply(p);
            assertEquals(Value.of(7), h.stored("payments", "pay.fake_thing.base", "value"));
            assertEquals(Value.of(7), h.stored("payments", "pay.fake_thing.child", "value"));
            assertEquals(Map.of(), changes(h.plan()), "a re-plan has nothing to do");
        }

        @Test
        void anEnforcedValueKeepsTheSensitiveMarkOfWhatItReplaces() {
            h.ws.file("modules/things/module.hcl", MODULE.replace("value = input.size", "value = input.size\n  secret = \"x\""));
            h.ws.file(POLICY_FILE, "policy \"pw\" {\n  enforce {\n    secret = \"forced-secret\"\n  }\n}\n");
            h.ws.request("payments", "pay", "things@1.0.0");
            ObjectValue base = (ObjectValue) change(h.plan(), "pay.fake_thing.base").after();
            assertInstanceOf(SensitiveValue.class, base.getOrNull("secret"));
        }
    }

    @Nested
    class Matching {
        static Stream<Arguments> filters() {
            return Stream.of(
                    Arguments.of("no criteria match everything", "", true),
                    Arguments.of("a listed type", "types = [\"fake_thing\"]", true),
                    Arguments.of("another type", "types = [\"aws_s3_bucket\"]", false),
                    Arguments.of("the module's name", "modules = [\"things\"]", true),
                    Arguments.of("another module", "modules = [\"postgresql\"]", false),
                    Arguments.of("the request's team", "teams = [\"payments\", \"search\"]", true),
                    Arguments.of("another team", "teams = [\"search\"]", false),
                    Arguments.of("a label the request has", "labels = { tier = \"prod\" }", true),
                    Arguments.of("a label with another value", "labels = { tier = \"dev\" }", false),
                    Arguments.of("every criterion must hold", "types = [\"fake_thing\"]\n    teams = [\"search\"]", false));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("filters")
        void aPolicyAppliesOnlyToWhatItMatches(String reason, String match, boolean applies) {
            h.ws.file(POLICY_FILE, "policy \"seven\" {\n  match {\n    " + match + "\n  }\n  enforce {\n    value = 7\n  }\n}\n");
            h.ws.file("requests/payments/pay.yaml", "apiVersion: platctl.dev/v1\nkind: Thing\nmetadata:\n  name: pay\n  team: payments\n"
                    + "  labels: {tier: prod}\nspec:\n  module: things@1.0.0\n  parameters: {size: 3}\n");
            Value v = ((ObjectValue) change(h.plan(), "pay.fake_thing.base").after()).getOrNull("value");
            assertEquals(applies ? Value.of(7) : Value.of(3), v, reason);
        }
    }

    @Nested
    class UnknownValues {
        @Test
        void aRuleThatReadsAValueKnownOnlyAfterApplyIsNotDecided() {
            rule("deny", "object.value != 'from-nothing'", "children come from something.");
            h.ws.request("payments", "pay", "things@1.0.0");
            Plan p = h.plan();
            List<PolicyResult> open = results(p, PolicyResult.Outcome.NOT_DECIDED);
            assertEquals(1, open.size(), p.policyResults()::toString);
            assertEquals("pay.fake_thing.child", open.get(0).address().toString());
        }

        @Test
        void aDenyRuleNotDecidedAtPlanTimeIsDecidedDuringApplyBeforeTheProviderIsCalled() {
            rule("deny", "!object.name.endsWith('-child') || object.value != 'from-id-1'", "children do not come from the first thing.");
            h.ws.request("payments", "pay", "things@1.0.0");
            Plan p = h.plan();
            assertEquals(1, results(p, PolicyResult.Outcome.NOT_DECIDED).size(), p.policyResults()::toString);
            var result = h.tryApply(p);
            assertEquals("cannot apply pay.fake_thing.child: policy \"small\" denies it: children do not come from the first thing.",
                    result.diagnostics().errors().get(0).detail());
            assertEquals(List.of("create pay-base-plain"), h.fake.calls, "the child was never created");
        }

        @Test
        void aRuleDecidedByKnownValuesAloneIsDecidedEvenWhenOthersAreUnknown() {
            rule("deny", "object.name != 'pay-child' || object.value == 'x'", "no children.");
            h.ws.request("payments", "pay", "things@1.0.0");
            assertTrue(results(h.plan(), PolicyResult.Outcome.NOT_DECIDED).size() == 1, "the child's value decides it");
            rule("warn", "object.name == 'pay-base-plain' || (object.name != 'pay-child' && object.value == 'x')", "no children.");
            List<PolicyResult> rs = h.plan().policyResults();
            assertEquals(List.of("pay.fake_thing.child VIOLATED"), rs.stream().map(r -> r.address() + " " + r.outcome()).toList(),
                    "false && unknown is false: decided at plan time");
        }
    }

    @Nested
    class Actions {
        static final String NEVER_DESTROY = "policy \"keep\" {\n  match {\n    types = [\"fake_thing\"]\n  }\n  rule {\n"
                + "    condition = \"!(action in ['delete', 'replace'])\"\n    message   = \"things are never deleted or replaced.\"\n  }\n}\n";

        @Test
        void aReplacementIsDenied() {
            h.ws.request("payments", "pay", "things@1.0.0");
            h.converge();
            h.ws.file(POLICY_FILE, NEVER_DESTROY);
            h.ws.request("payments", "pay", "things@1.0.0", "flavour: spicy");
            Diagnostic d = planErrors().get(0);
            assertEquals("Policy \"keep\" denies pay.fake_thing.base", d.summary());
            assertEquals("things are never deleted or replaced. (replace of pay.fake_thing.base)", d.detail());
        }

        @Test
        void aDeleteIsDeniedEvenWhenTheRequestIsGone() {
            h.ws.request("payments", "pay", "things@1.0.0");
            h.ws.request("payments", "other", "things@1.0.0");
            h.converge();
            h.ws.file(POLICY_FILE, NEVER_DESTROY);
            h.ws.delete("requests/payments/pay.yaml");
            List<Diagnostic> errors = planErrors();
            assertEquals(List.of("Policy \"keep\" denies pay.fake_thing.base", "Policy \"keep\" denies pay.fake_thing.child"),
                    errors.stream().map(Diagnostic::summary).sorted().toList());
            assertEquals(4, h.fake.objects.size(), "nothing was deleted");
        }

        @Test
        void aDestroyPlanMadeWithTheConfigurationIsDenied() {
            h.ws.request("payments", "pay", "things@1.0.0");
            h.converge();
            h.ws.file(POLICY_FILE, NEVER_DESTROY);
            Diagnostics d = new Diagnostics();
            assertTrue(h.tryPlan(d, new PlanOptions(Plan.Mode.DESTROY, true, Set.of(), false)).isEmpty());
            assertEquals(List.of("things are never deleted or replaced. (delete of pay.fake_thing.base)",
                            "things are never deleted or replaced. (delete of pay.fake_thing.child)"),
                    d.errors().stream().map(Diagnostic::detail).sorted().toList());
        }

        @Test
        void allowDestroyLetsARuleThatReadsItPassADestroy() {
            h.ws.request("payments", "pay", "things@1.0.0");
            h.converge();
            h.ws.file(POLICY_FILE, NEVER_DESTROY.replace("condition = \"!(", "condition = \"allow_destroy || !("));
            Diagnostics denied = new Diagnostics();
            assertTrue(h.tryPlan(denied, new PlanOptions(Plan.Mode.DESTROY, true, Set.of(), false)).isEmpty(),
                    "without --allow-destroy the rule still holds");
            Diagnostics d = new Diagnostics();
            Plan p = h.tryPlan(d, new PlanOptions(Plan.Mode.DESTROY, true, Set.of(), true)).orElseThrow(() -> new AssertionError(d));
            assertEquals(Map.of("pay.fake_thing.base", Action.DELETE, "pay.fake_thing.child", Action.DELETE), changes(p));
            h.apply(p);
            assertEquals(0, h.fake.objects.size());
        }

        @Test
        void allowDestroyLetsAGuardedReplacementThrough() {
            h.ws.request("payments", "pay", "things@1.0.0");
            h.converge();
            h.ws.file(POLICY_FILE, NEVER_DESTROY.replace("condition = \"!(", "condition = \"allow_destroy || !("));
            h.ws.request("payments", "pay", "things@1.0.0", "flavour: spicy");
            assertEquals("Policy \"keep\" denies pay.fake_thing.base", planErrors().get(0).summary());
            Diagnostics d = new Diagnostics();
            Plan p = h.tryPlan(d, new PlanOptions(Plan.Mode.NORMAL, true, Set.of(), true)).orElseThrow(() -> new AssertionError(d));
            assertEquals(Action.DELETE_THEN_CREATE, change(p, "pay.fake_thing.base").action());
        }

        @Test
        void updatesAndCreatesPassTheSamePolicy() {
            h.ws.file(POLICY_FILE, NEVER_DESTROY);
            h.ws.request("payments", "pay", "things@1.0.0");
            h.converge();
            h.ws.request("payments", "pay", "things@1.0.0", "size: 4");
            assertEquals(Map.of("pay.fake_thing.base", Action.UPDATE), changes(h.plan()));
        }
    }
}
