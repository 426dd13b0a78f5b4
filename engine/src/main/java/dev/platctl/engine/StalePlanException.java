package dev.platctl.engine;

import dev.platctl.engine.plan.StackSnapshot;

/** A saved plan no longer matches the state or configuration it was made from. */
public final class StalePlanException extends PlatctlException {
    public StalePlanException(String stack, StackSnapshot planned, String lineage, long serial) {
        super("cannot apply a stale plan: stack '" + stack + "' was at serial " + planned.serial() + " when planned and is now at "
                + serial + (planned.lineage().equals(lineage) || planned.lineage().isEmpty() ? "" : " (and has another lineage)")
                + ". Someone applied in between; run plan again.");
    }

    public StalePlanException(String reason) {
        super("cannot apply a stale plan: " + reason + ". Run plan again.");
    }
}
