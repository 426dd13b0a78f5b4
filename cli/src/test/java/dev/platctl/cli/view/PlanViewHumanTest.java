package dev.platctl.cli.view;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.Drift;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.platctl.cli.view.Plans.address;
import static dev.platctl.cli.view.Plans.change;
import static dev.platctl.cli.view.Plans.list;
import static dev.platctl.cli.view.Plans.obj;
import static dev.platctl.cli.view.Plans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanViewHumanTest {

    @Nested
    class Actions {
        @Test
        void createShowsEveryKnownAttributeAndHidesNulls() {
            assertEquals("""
                    platctl will perform the following actions:

                      # payments-db.local_file.config will be created
                      + resource "local_file" "config" {
                          + content = "hello"
                          + id      = (known after apply)
                          + path    = "out/x.conf"
                        }

                    Plan: 1 to add, 0 to change, 0 to destroy.
                    """, PlanView.human(plan(Plans.create()), false));
        }

        @Test
        void updateShowsChangedAttributesAndCountsTheRest() {
            assertEquals("""
                    platctl will perform the following actions:

                      # payments-db.local_file.motd will be updated in place
                      ~ resource "local_file" "motd" {
                          ~ content = "a" -> "b"
                            # (3 unchanged attributes hidden)
                        }

                    Plan: 0 to add, 1 to change, 0 to destroy.
                    """, PlanView.human(plan(Plans.update()), false));
        }

        @Test
        void replaceShowsForcesReplacementMarker() {
            assertEquals("""
                    platctl will perform the following actions:

                      # payments-db.aws_db_instance.this must be replaced
                      # (because an attribute that forces replacement changed)
                    -/+ resource "aws_db_instance" "this" {
                          ~ engine_version = "14" -> "15" # forces replacement
                          ~ id             = "db-1" -> (known after apply)
                            # (1 unchanged attribute hidden)
                        }

                    Plan: 1 to add, 0 to change, 1 to destroy.
                    """, PlanView.human(plan(Plans.replace()), false));
        }

        @Test
        void deleteShowsEveryAttributeGoingToNullAndWhy() {
            assertEquals("""
                    platctl will perform the following actions:

                      # payments-cache.local_file.old will be destroyed
                      # (no longer in the configuration)
                      - resource "local_file" "old" {
                          - id   = "f-9" -> null
                          - path = "out/old" -> null
                        }

                    Plan: 0 to add, 0 to change, 1 to destroy.
                    """, PlanView.human(plan(Plans.delete()), false));
        }

        @Test
        void createBeforeDestroyReplacementUsesPlusSlashMinus() {
            var c = change("payments-db.local_file.cfg", Action.CREATE_THEN_DELETE, obj("path", "a"), obj("path", "b"),
                    ChangeReason.REPLACE_FORCED, AttributePath.of("path"));
            assertTrue(PlanView.human(plan(c), false).contains("""
                      # payments-db.local_file.cfg must be replaced
                      # (because an attribute that forces replacement changed)
                    +/- resource "local_file" "cfg" {
                          ~ path = "a" -> "b" # forces replacement
                        }
                    """));
        }

        @Test
        void readIsShownButNotCounted() {
            var c = change("payments-db.local_file.cfg", Action.READ, Value.NULL, obj("id", Value.UNKNOWN),
                    ChangeReason.NONE);
            String out = PlanView.human(plan(c), false);
            assertTrue(out.contains("""
                      # payments-db.local_file.cfg will be read during apply
                     <= resource "local_file" "cfg" {
                          + id = (known after apply)
                        }
                    """), out);
            assertTrue(out.endsWith("Plan: 0 to add, 0 to change, 0 to destroy.\n"), out);
        }

        @Test
        void changesAreSortedByAddressAndNoOpsLeftOut() {
            var noop = change("payments-aaa.local_file.same", Action.NO_OP, obj("p", "x"), obj("p", "x"),
                    ChangeReason.NONE);
            String out = PlanView.human(plan(Plans.update(), noop, Plans.delete(), Plans.create()), false);
            assertFalse(out.contains("payments-aaa"), out);
            int delete = out.indexOf("payments-cache.local_file.old"), create = out.indexOf("local_file.config"),
                    update = out.indexOf("local_file.motd");
            assertTrue(delete < create && create < update, out);
        }

        @Test
        void summaryCountsAReplacementAsOneAddAndOneDestroy() {
            String out = PlanView.human(plan(Plans.create(), Plans.update(), Plans.replace(), Plans.delete()), false);
            assertTrue(out.endsWith("Plan: 2 to add, 1 to change, 2 to destroy.\n"), out);
        }

        @Test
        void noChangesSaysSo() {
            var noop = change("payments-db.local_file.same", Action.NO_OP, obj("p", "x"), obj("p", "x"),
                    ChangeReason.NONE);
            assertEquals("No changes. Your infrastructure matches the configuration.\n",
                    PlanView.human(plan(noop), false));
        }

        @Test
        void destroyPlanWithNothingToDestroySaysSo() {
            assertEquals("No changes. No objects need to be destroyed.\n",
                    PlanView.human(plan(Plan.Mode.DESTROY, List.of(), List.of(), List.of()), false));
        }
    }

    @Nested
    class Attributes {
        private String body(Value before, Value after, AttributePath... replacePaths) {
            Action action = before.isNull() ? Action.CREATE : after.isNull() ? Action.DELETE : Action.UPDATE;
            String out = PlanView.human(plan(change("payments-db.local_file.x", action, before, after,
                    ChangeReason.NONE, replacePaths)), false);
            int open = out.indexOf("{\n") + 2;
            return out.substring(open, out.indexOf("\n    }\n", open) + 1);
        }

        @Test
        void nestedMapsShowAddedRemovedAndChangedKeys() {
            assertEquals("""
                          ~ tags = {
                              - "cost center" = "42" -> null
                              ~ env           = "prod" -> "staging" # forces replacement
                              + owner         = "ana"
                                # (1 unchanged element hidden)
                            }
                    """, body(obj("tags", obj("team", "payments", "env", "prod", "cost center", "42")),
                    obj("tags", obj("team", "payments", "env", "staging", "owner", "ana")),
                    AttributePath.of("tags", "env")));
        }

        @Test
        void listsShowInsertedAndRemovedElementsWithUnchangedOnesHidden() {
            assertEquals("""
                          ~ ports = [
                                # (1 unchanged element hidden)
                              - 443,
                                # (1 unchanged element hidden)
                              + 9090,
                            ]
                    """, body(obj("ports", list(80, 443, 8080)), obj("ports", list(80, 8080, 9090))));
        }

        @Test
        void listElementsOfEqualLengthListsAreDiffedInPlace() {
            assertEquals("""
                          ~ rules = [
                              ~ {
                                  ~ cidr = "10.0.0.0/8" -> "10.1.0.0/16"
                                    # (1 unchanged element hidden)
                                },
                            ]
                    """, body(obj("rules", list(obj("port", 22, "cidr", "10.0.0.0/8"))),
                    obj("rules", list(obj("port", 22, "cidr", "10.1.0.0/16")))));
        }

        @Test
        void createdContainersAreRenderedMultiLine() {
            assertEquals("""
                          + list = [
                              + "x",
                              + {
                                  + k = 1
                                },
                            ]
                          + none = []
                          + tags = {
                              + a = true
                            }
                    """, body(Value.NULL, obj("list", list("x", obj("k", 1)), "none", list(), "tags", obj("a", true))));
        }

        @Test
        void multiLineStringsAreHeredocsDiffedLineByLine() {
            assertEquals("""
                          ~ script = <<-EOT
                                #!/bin/sh
                              - echo hi
                              + echo hello

                                exit 0
                            EOT
                    """, body(obj("script", "#!/bin/sh\necho hi\n\nexit 0\n"),
                    obj("script", "#!/bin/sh\necho hello\n\nexit 0\n")));
        }

        @Test
        void createdMultiLineStringIsAHeredoc() {
            assertEquals("""
                          + content = <<-EOT
                                line 1
                                line "2"
                            EOT
                    """, body(Value.NULL, obj("content", "line 1\nline \"2\"\n")));
        }

        @Test
        void stringsAreQuotedWithEscapes() {
            assertEquals("""
                          + s = "say \\"hi\\"\\ttab \\\\ back"
                    """, body(Value.NULL, obj("s", "say \"hi\"\ttab \\ back")));
        }

        @Test
        void unknownAfterIsKnownAfterApplyEvenForContainers() {
            assertEquals("""
                          ~ tags = {
                              - a = "b"
                            } -> (known after apply)
                    """, body(obj("tags", obj("a", "b")), obj("tags", Value.UNKNOWN)));
        }

        @Test
        void sensitiveChangesShowNeitherSide() {
            assertEquals("""
                          ~ password = (sensitive value)
                          + token    = (sensitive value)
                    """, body(obj("password", Value.of("old").sensitive()),
                    obj("password", Value.of("new").sensitive(), "token", Value.of("t").sensitive())));
        }

        @Test
        void valueBecomingSensitiveHidesTheOldValueToo() {
            assertEquals("""
                          ~ password = (sensitive value)
                    """, body(obj("password", "same"), obj("password", Value.of("same").sensitive())));
        }

        @Test
        void identicalSensitiveValuesAreUnchanged() {
            assertEquals("""
                          ~ a = 1 -> 2
                            # (1 unchanged attribute hidden)
                    """, body(obj("a", 1, "password", Value.of("p").sensitive()),
                    obj("a", 2, "password", Value.of("p").sensitive())));
        }

        @Test
        void nonIdentifierKeysAreQuoted() {
            assertEquals("""
                          + "app.kubernetes.io/name" = "web"
                          + plain                    = 1
                    """, body(Value.NULL, obj("app.kubernetes.io/name", "web", "plain", 1)));
        }
    }

    @Nested
    class DriftAndWarnings {
        private final List<Drift> drift = List.of(
                new Drift("payments", address("payments-db.local_file.gone"), obj("path", "a"), Value.NULL),
                new Drift("payments", address("payments-db.local_file.edited"), obj("path", "a", "x", 1),
                        obj("path", "b", "x", 1)));

        @Test
        void driftComesBeforeTheChanges() {
            assertEquals("""
                    Note: Objects have changed outside of platctl

                    platctl detected the following changes made outside of platctl since the last apply:

                      # payments-db.local_file.edited has changed
                      ~ resource "local_file" "edited" {
                          ~ path = "a" -> "b"
                            # (1 unchanged attribute hidden)
                        }

                      # payments-db.local_file.gone has been deleted
                      - resource "local_file" "gone" {
                          - path = "a" -> null
                        }

                    Unless you have made equivalent changes to your configuration, the following plan may include \
                    actions to undo or respond to these changes.

                    platctl will perform the following actions:

                      # payments-db.local_file.motd will be updated in place
                      ~ resource "local_file" "motd" {
                          ~ content = "a" -> "b"
                            # (3 unchanged attributes hidden)
                        }

                    Plan: 0 to add, 1 to change, 0 to destroy.
                    """, PlanView.human(plan(Plan.Mode.NORMAL, List.of(Plans.update()), drift, List.of()), false));
        }

        @Test
        void refreshOnlyPlanShowsOnlyDrift() {
            String out = PlanView.human(plan(Plan.Mode.REFRESH_ONLY, List.of(Plans.update()), drift, List.of()), false);
            assertTrue(out.contains("# payments-db.local_file.gone has been deleted"), out);
            assertFalse(out.contains("motd"), out);
            assertFalse(out.contains("Plan:"), out);
            assertTrue(out.endsWith("Drift found: 2 objects differ from the platctl state. Nothing was changed; run "
                    + "platctl apply to bring them back to the configuration.\n"), out);
        }

        @Test
        void refreshOnlyPlanWithoutDriftSaysNoDrift() {
            assertEquals("No drift: every object still matches the platctl state.\n",
                    PlanView.human(plan(Plan.Mode.REFRESH_ONLY, List.of(), List.of(), List.of()), false));
        }

        @Test
        void warningsFollowTheSummaryWithTheirSourceLine() {
            var warn = Diagnostic.warning("deprecated input \"size\"", "Use storageGB instead.",
                    new SourceRange("db.yaml", new SourcePos(2, 5, 10), new SourcePos(2, 9, 14)));
            String out = PlanView.human(plan(Plan.Mode.NORMAL, List.of(Plans.update()), List.of(), List.of(warn)),
                    false, SourceLookup.of(Map.of("db.yaml", "spec:\n    size: 5\n")));
            assertTrue(out.endsWith("""
                    Plan: 0 to add, 1 to change, 0 to destroy.

                    Warning: deprecated input "size"

                      on db.yaml line 2:
                       2 |     size: 5
                         |     ^^^^

                    Use storageGB instead.
                    """), out);
        }
    }

    @Nested
    class Colour {
        @Test
        void colourOffProducesNoEscapeCodes() {
            var warn = Diagnostic.warning("w", "d", SourceRange.at("f", 1, 1));
            String out = PlanView.human(plan(Plan.Mode.NORMAL,
                    List.of(Plans.create(), Plans.update(), Plans.replace(), Plans.delete()),
                    List.of(new Drift("payments", address("payments-db.local_file.gone"), obj("p", "a"), Value.NULL)),
                    List.of(warn)), false);
            assertFalse(out.contains("\u001b"), out);
        }

        @Test
        void colourOnMarksCreateGreenDeleteRedUpdateYellow() {
            String out = PlanView.human(plan(Plans.create(), Plans.update(), Plans.replace(), Plans.delete()), true);
            assertTrue(out.contains("  \u001b[32m+\u001b[0m resource \"local_file\" \"config\" {"), out);
            assertTrue(out.contains("  \u001b[33m~\u001b[0m resource \"local_file\" \"motd\" {"), out);
            assertTrue(out.contains("  \u001b[31m-\u001b[0m resource \"local_file\" \"old\" {"), out);
            assertTrue(out.contains("\u001b[31m-\u001b[0m/\u001b[32m+\u001b[0m resource \"aws_db_instance\""), out);
            assertTrue(out.contains("\u001b[31m # forces replacement\u001b[0m"), out);
            assertTrue(out.contains("\u001b[1mPlan:\u001b[0m 2 to add"), out);
        }
    }
}
