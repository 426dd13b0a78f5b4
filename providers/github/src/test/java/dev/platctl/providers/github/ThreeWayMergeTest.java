package dev.platctl.providers.github;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three-way merge of one skeleton file: base = what platctl last delivered, ours = the team's, theirs = the new template's. */
class ThreeWayMergeTest {
    static final String BASE = "# svc\n\nIntro.\n\n## Run\n\nmake run\n\n## Alerts\n\nHighErrorRate: check the logs.\n";

    private static ThreeWayMerge.Outcome merge(String base, String ours, String theirs) {
        return ThreeWayMerge.merge(base, ours, theirs, "main", "service-1.1.0");
    }

    @Test
    void editsInDifferentPlacesMergeCleanly() {
        String ours = BASE.replace("Intro.", "Intro, in the team's words.");
        String theirs = BASE + "\n## Pods not ready\n\nCheck /readyz.\n";
        ThreeWayMerge.Outcome o = merge(BASE, ours, theirs);
        assertEquals(new ThreeWayMerge.Merged(ours + "\n## Pods not ready\n\nCheck /readyz.\n"), o);
    }

    @Test
    void overlappingEditsAreAConflictWithTheOverlapMarkedAndTheTeamsLineNumbers() {
        String ours = BASE + "\n## Our own section\n";
        String theirs = BASE + "\n## Pods not ready\n";
        ThreeWayMerge.Conflict c = assertInstanceOf(ThreeWayMerge.Conflict.class, merge(BASE, ours, theirs));
        assertEquals("overlapping edits", c.reason());
        assertEquals("""
                @@ main line 13 @@
                <<<<<<< main
                ## Our own section
                =======
                ## Pods not ready
                >>>>>>> service-1.1.0
                """, c.hint());
    }

    @Test
    void aLongOverlapIsCutInTheHint() {
        String ours = BASE + "x\n".repeat(20);
        String theirs = BASE + "y\n";
        ThreeWayMerge.Conflict c = assertInstanceOf(ThreeWayMerge.Conflict.class, merge(BASE, ours, theirs));
        assertTrue(c.hint().contains("x\n".repeat(ThreeWayMerge.HINT_LINES) + "… 12 more line(s)\n"), c.hint());
    }

    @Test
    void anUntouchedFileTakesTheTemplatesVersionAndAnUnchangedTemplateKeepsTheTeams() {
        assertEquals(new ThreeWayMerge.Merged("new\n"), merge("old\n", "old\n", "new\n"));
        assertEquals(new ThreeWayMerge.Merged("team\n"), merge("old\n", "team\n", "old\n"));
        assertEquals(new ThreeWayMerge.Merged("same\n"), merge("old\n", "same\n", "same\n"), "the team made the template's change already");
    }

    @Test
    void aFileTheTeamDeletedIsAConflictWhenTheTemplateChangesIt() {
        ThreeWayMerge.Conflict c = assertInstanceOf(ThreeWayMerge.Conflict.class, merge(BASE, null, BASE + "more\n"));
        assertEquals("deleted on main, changed by service-1.1.0", c.reason());
        assertEquals(new ThreeWayMerge.Merged(null), merge(BASE, null, null), "removed on both sides");
    }

    @Test
    void aFileTheTemplateRemovesIsDeletedUnlessTheTeamChangedIt() {
        assertEquals(new ThreeWayMerge.Merged(null), merge(BASE, BASE, null));
        ThreeWayMerge.Conflict c = assertInstanceOf(ThreeWayMerge.Conflict.class, merge(BASE, BASE + "ours\n", null));
        assertEquals("changed on main, removed by service-1.1.0", c.reason());
    }

    @Test
    void aFileTheTemplateAddsIsAddedAndIsAConflictWhenTheTeamAddedADifferentOneAtThatPath() {
        assertEquals(new ThreeWayMerge.Merged("new\n"), merge(null, null, "new\n"));
        ThreeWayMerge.Conflict c = assertInstanceOf(ThreeWayMerge.Conflict.class, merge(null, "theirs first\n", "new\n"));
        assertEquals("added on main and by service-1.1.0", c.reason());
    }

    @Test
    void aFileTheTeamTurnedIntoCrlfMergesLineByLineAndKeepsCrlf() {
        String ours = BASE.replace("Intro.", "Our intro.").replace("\n", "\r\n");
        String theirs = BASE.replace("make run", "make run-dev");
        assertEquals(new ThreeWayMerge.Merged(BASE.replace("Intro.", "Our intro.").replace("make run", "make run-dev").replace("\n", "\r\n")),
                merge(BASE, ours, theirs));
    }

    @Test
    void aBinaryFileOnTheTeamsSideIsAConflict() {
        ThreeWayMerge.Conflict c = assertInstanceOf(ThreeWayMerge.Conflict.class, merge(BASE, "PNG\0\1\2", BASE + "x\n"));
        assertEquals("binary on main", c.reason());
    }

    @Test
    void aMissingNewlineAtTheEndSurvivesAMerge() {
        String base = "a\nb\nc";
        assertEquals(new ThreeWayMerge.Merged("A\nb\nC"), merge(base, "A\nb\nc", "a\nb\nC"));
    }
}
