package dev.platctl.cli.view;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.Plan;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.policy.Enforcement;
import dev.platctl.engine.policy.PolicyResult;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The policy results a person is shown, one sentence each: warnings, rules not decided until apply, and
 * the values policies set on resources that change. {@code dryrun} results are only in the JSON plan.
 */
final class PolicyLines {
    private PolicyLines() {
    }

    static List<PolicyResult> shown(Plan plan) {
        Set<ResourceAddress> changing = new HashSet<>();
        for (ResourceChange c : plan.changes()) if (c.action() != Action.NO_OP) changing.add(c.address());
        return plan.policyResults().stream()
                .filter(r -> r.enforcement() != Enforcement.DRYRUN)
                .filter(r -> r.outcome() == PolicyResult.Outcome.VIOLATED || r.outcome() == PolicyResult.Outcome.NOT_DECIDED
                        || changing.contains(r.address()))
                .toList();
    }

    /** A one-character mark: {@code !} broken rule, {@code ?} not decided, {@code ~} a value the policy set. */
    static char mark(PolicyResult r) {
        return switch (r.outcome()) {
            case VIOLATED -> '!';
            case NOT_DECIDED -> '?';
            case DEFAULTED, ENFORCED -> '~';
        };
    }

    static String sentence(PolicyResult r) {
        String policy = "policy \"" + r.policy() + "\"";
        return switch (r.outcome()) {
            case VIOLATED -> r.address() + ": " + policy + " (" + r.enforcement().text() + "): " + r.message();
            case NOT_DECIDED -> r.address() + ": " + policy + " (" + r.enforcement().text() + ") is not decided until apply: " + r.message();
            case ENFORCED -> r.address() + ": \"" + r.attribute() + "\" is enforced by " + policy;
            case DEFAULTED -> r.address() + ": \"" + r.attribute() + "\" is defaulted by " + policy;
        };
    }
}
