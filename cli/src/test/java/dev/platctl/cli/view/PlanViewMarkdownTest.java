package dev.platctl.cli.view;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.Drift;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.platctl.cli.view.Plans.address;
import static dev.platctl.cli.view.Plans.change;
import static dev.platctl.cli.view.Plans.obj;
import static dev.platctl.cli.view.Plans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanViewMarkdownTest {

    @Test
    void summaryTableAndCollapsedDiffs() {
        assertEquals("""
                ### Plan: 1 to add, 0 to change, 1 to destroy

                #### Changes

                | | Resource | Action | Reason |
                |:-:|---|---|---|
                | 🔴 | `payments-cache.local_file.old` | destroy | no longer in the configuration |
                | 🟢 | `payments-db.local_file.config` | create |  |

                <details><summary>🔴 <code>payments-cache.local_file.old</code> will be destroyed</summary>

                ```diff
                -   resource "local_file" "old" {
                -       id   = "f-9" -> null
                -       path = "out/old" -> null
                    }
                ```

                </details>

                <details><summary>🟢 <code>payments-db.local_file.config</code> will be created</summary>

                ```diff
                +   resource "local_file" "config" {
                +       content = "hello"
                +       id      = (known after apply)
                +       path    = "out/x.conf"
                    }
                ```

                </details>
                """, PlanView.markdown(plan(Plans.create(), Plans.delete())));
    }

    @Test
    void changedLinesAreMarkedForDiffHighlighting() {
        String md = PlanView.markdown(plan(Plans.replace(), Plans.update()));
        assertTrue(md.contains("""
                ```diff
                -/+ resource "aws_db_instance" "this" {
                !       engine_version = "14" -> "15" # forces replacement
                !       id             = "db-1" -> (known after apply)
                        # (1 unchanged attribute hidden)
                    }
                ```
                """), md);
        assertTrue(md.contains("| 🔁 | `payments-db.aws_db_instance.this` | replace (destroy, then create) | "
                + "an attribute that forces replacement changed |"), md);
        assertTrue(md.contains("| 🟡 | `payments-db.local_file.motd` | update in place |  |"), md);
    }

    @Test
    void noChangesIsAShortHeading() {
        assertEquals("### No changes\n\nYour infrastructure matches the configuration.\n",
                PlanView.markdown(plan()));
    }

    @Test
    void driftAndWarningsHaveTheirOwnSections() {
        var warn = Diagnostic.warning("deprecated input <size>", "use storageGB | not size",
                SourceRange.at("db.yaml", 4, 3));
        Plan p = plan(Plan.Mode.REFRESH_ONLY, List.of(),
                List.of(new Drift("payments", address("payments-db.local_file.gone"), obj("p", "a"), Value.NULL)),
                List.of(warn));
        String md = PlanView.markdown(p);
        assertTrue(md.startsWith("### Drift: 1 changed outside of platctl\n\n#### Objects changed outside of platctl\n"), md);
        assertTrue(md.contains("| 🔴 | `payments-db.local_file.gone` | deleted |"), md);
        assertTrue(md.contains("<summary>🔴 <code>payments-db.local_file.gone</code> has been deleted</summary>"), md);
        assertTrue(md.endsWith("""
                #### Warnings

                - ⚠️ **deprecated input &lt;size&gt;** (`db.yaml:4`): use storageGB | not size
                """), md);
    }

    @Test
    void backticksInValuesCannotCloseTheCodeFence() {
        var c = change("payments-db.local_file.md", Action.CREATE, Value.NULL, obj("content", "```\n````\n"),
                ChangeReason.NONE);
        String md = PlanView.markdown(plan(c));
        assertTrue(md.contains("`````diff\n"), md);
        assertTrue(md.contains("\n`````\n"), md);
    }

    @Test
    void markdownHasNoColourCodes() {
        assertFalse(PlanView.markdown(plan(Plans.create(), Plans.update(), Plans.replace(), Plans.delete()))
                .contains("\u001b"));
    }
}
