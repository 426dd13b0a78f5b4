package dev.platctl.engine.plan;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One planned change; immutable, checks its own invariants. {@code before} is the refreshed prior
 * state (null value when creating), {@code after} the planned state (null value when deleting), with
 * unknown and sensitive marks. {@code dependencies} are the resources it must wait for.
 */
public record ResourceChange(String stack, ResourceAddress address, String module, Action action, Value before,
                             Value after, Set<AttributePath> replacePaths, ChangeReason reason,
                             List<ResourceAddress> dependencies) {
    public ResourceChange {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(address, "address");
        module = module == null ? "" : module;
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        replacePaths = new TreeSet<>(replacePaths);
        Objects.requireNonNull(reason, "reason");
        dependencies = List.copyOf(dependencies);
        if (action == Action.CREATE && !before.isNull())
            throw new IllegalArgumentException("a CREATE has no prior value, got " + before);
        if (action == Action.DELETE && !after.isNull())
            throw new IllegalArgumentException("a DELETE has no planned value, got " + after);
    }

    @Override
    public Set<AttributePath> replacePaths() {
        return java.util.Collections.unmodifiableSet(replacePaths);
    }
}
