package dev.platctl.engine.policy;

import dev.platctl.engine.address.ResourceAddress;

import java.util.Comparator;
import java.util.Objects;

/**
 * What one policy did to or found about one resource in a plan: filled in ({@code DEFAULTED}) or imposed
 * ({@code ENFORCED}) an attribute, found a rule broken ({@code VIOLATED}), or could not decide a rule
 * before apply ({@code NOT_DECIDED}). {@code attribute} is empty for rule results; messages never hold values.
 */
public record PolicyResult(String policy, Enforcement enforcement, ResourceAddress address, Outcome outcome,
                           String attribute, String message) {
    /** The kinds of result. */
    public enum Outcome { DEFAULTED, ENFORCED, VIOLATED, NOT_DECIDED }

    /** Plan order: by address, then policy, outcome, attribute and message. */
    public static final Comparator<PolicyResult> ORDER = Comparator.comparing(PolicyResult::address)
            .thenComparing(PolicyResult::policy).thenComparing(PolicyResult::outcome)
            .thenComparing(PolicyResult::attribute).thenComparing(PolicyResult::message);

    public PolicyResult {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(enforcement, "enforcement");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(outcome, "outcome");
        attribute = attribute == null ? "" : attribute;
        message = message == null ? "" : message;
    }

    /** The outcome's name as JSON and plan files write it: defaulted, enforced, violated, not_decided. */
    public String outcomeText() {
        return outcome.name().toLowerCase();
    }
}
