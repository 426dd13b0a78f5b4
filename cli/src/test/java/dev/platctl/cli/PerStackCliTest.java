package dev.platctl.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plan --stack} and {@code apply --stack} on the quickstart's two stacks, payments and search. */
class PerStackCliTest {
    @TempDir
    Path ws;

    @BeforeEach
    void quickstart() throws Exception {
        ExampleCopy.into("quickstart", ws);
    }

    @Test
    void planOfOneStackShowsOnlyItsRequests() {
        CliRun plan = CliRun.run(ws, "plan", "--stack", "payments");

        assertEquals(0, plan.exit(), plan::toString);
        assertTrue(plan.out().contains("payments-api."), plan::toString);
        assertFalse(plan.out().contains("search-"), plan::toString);
    }

    @Test
    void applyOfOneStackLeavesTheOtherUntouched() {
        CliRun apply = CliRun.run(ws, "apply", "--auto-approve", "--stack", "payments");
        assertEquals(0, apply.exit(), apply::toString);

        CliRun list = CliRun.run(ws, "state", "list");
        assertTrue(list.out().contains("payments-api."), list::toString);
        assertFalse(list.out().contains("search-"), list::toString);
        assertEquals(0, CliRun.run(ws, "plan", "--stack", "payments", "--detailed-exitcode").exit(), "payments has converged");
        CliRun all = CliRun.run(ws, "plan", "--detailed-exitcode");
        assertEquals(2, all.exit(), all::toString);
        assertTrue(all.out().contains("search-indexer."), all::toString);
    }

    @Test
    void aStackReadingAnotherStacksOutputsWaitsUntilThatStackIsApplied() {
        CliRun early = CliRun.run(ws, "plan", "--stack", "search");
        assertEquals(1, early.exit(), early::toString);
        assertTrue(early.err().contains("Reference to a stack that is not applied yet"), early::toString);

        assertEquals(0, CliRun.run(ws, "apply", "--auto-approve", "--stack", "payments").exit());
        CliRun search = CliRun.run(ws, "apply", "--auto-approve", "--stack", "search");
        assertEquals(0, search.exit(), search::toString);
        assertEquals(0, CliRun.run(ws, "plan", "--detailed-exitcode").exit(), "both stacks have converged");
    }

    @Test
    void anUnknownStackIsAnErrorListingTheStacks() {
        CliRun plan = CliRun.run(ws, "plan", "--stack", "serch");

        assertEquals(1, plan.exit(), plan::toString);
        assertTrue(plan.err().contains("unknown stack 'serch' in --stack: the stacks are payments, search"), plan::toString);
    }

    @Test
    void aSavedPlanIsAppliedOnlyForTheStacksItWasMadeFor() {
        assertEquals(0, CliRun.run(ws, "plan", "--stack", "payments", "-out", ws.resolve("payments.plan").toString()).exit());

        CliRun other = CliRun.run(ws, "apply", ws.resolve("payments.plan").toString(), "--stack", "search");
        assertEquals(1, other.exit(), other::toString);
        assertTrue(other.err().contains("cannot apply the plan: it covers stacks payments, not search (--stack)"), other::toString);
        CliRun apply = CliRun.run(ws, "apply", ws.resolve("payments.plan").toString(), "--stack", "payments");
        assertEquals(0, apply.exit(), apply::toString);
    }
}
