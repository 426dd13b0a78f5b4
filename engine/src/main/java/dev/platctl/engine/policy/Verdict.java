package dev.platctl.engine.policy;

/**
 * The outcome of one condition for one resource: it holds, it is violated, it cannot be decided until
 * apply (it reads a value only known then), or it failed to evaluate ({@code detail} says why).
 */
public record Verdict(Kind kind, String detail) {
    /** The possible outcomes. */
    public enum Kind { HOLDS, VIOLATED, NOT_DECIDED, ERROR }

    public static final Verdict HOLDS = new Verdict(Kind.HOLDS, "");
    public static final Verdict VIOLATED = new Verdict(Kind.VIOLATED, "");
    public static final Verdict NOT_DECIDED = new Verdict(Kind.NOT_DECIDED, "");

    public static Verdict error(String detail) {
        return new Verdict(Kind.ERROR, detail);
    }

    /** True when the rule must be reported as broken: violated, or not evaluable (a guardrail fails closed). */
    public boolean broken() {
        return kind == Kind.VIOLATED || kind == Kind.ERROR;
    }
}
