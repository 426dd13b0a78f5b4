package dev.platctl.engine.plan;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.config.ReplaceTrigger;

import java.util.Map;
import java.util.Optional;

/**
 * Decides {@code lifecycle.replace_triggered_by}: a resource is replaced when a resource it names is replaced
 * (or recreated after it disappeared), or when the planned value of an attribute it names changes.
 */
final class ReplaceTriggers {
    private ReplaceTriggers() {
    }

    /** The first entry of {@code d}'s list that fires, given the changes planned so far (its triggers come first in the graph). */
    static Optional<ReplaceTrigger> fired(DesiredResource d, Map<ResourceAddress, ResourceChange> planned) {
        for (ReplaceTrigger t : d.decl().lifecycle().replaceTriggeredBy()) {
            for (ResourceChange c : planned.values()) {
                ResourceAddress a = c.address();
                boolean named = a.request().equals(d.address().request()) && a.type().equals(t.type())
                        && a.name().equals(t.name()) && t.key().map(k -> k.equals(a.key())).orElse(true);
                if (named && fires(t, c)) return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static boolean fires(ReplaceTrigger t, ResourceChange c) {
        if (t.attribute().isEmpty())
            return c.action().isReplace() || c.action() == Action.CREATE && c.reason() == ChangeReason.GONE;
        if (c.action() == Action.NO_OP) return false;
        return !IgnoreChanges.at(c.before(), t.attribute().get()).unmarked()
                .equals(IgnoreChanges.at(c.after(), t.attribute().get()).unmarked());
    }
}
