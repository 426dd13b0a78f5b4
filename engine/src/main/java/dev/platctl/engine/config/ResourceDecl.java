package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Expression;
import dev.platctl.engine.hcl.Traversal;

import java.util.List;
import java.util.Optional;

/**
 * A {@code resource "<type>" "<name>"} block of a module: its attribute expressions (everything the module
 * writes is enforced; requests only reach it through inputs), nested blocks, explicit {@code depends_on}
 * references, the {@code count} or {@code for_each} expression that repeats it, and its lifecycle.
 */
public record ResourceDecl(String type, String name, List<Attribute> attributes, List<Block> nestedBlocks,
                           List<Traversal> dependsOn, Optional<Expression> count, Optional<Expression> forEach,
                           Lifecycle lifecycle, SourceRange typeRange, SourceRange range) {
    public ResourceDecl {
        attributes = List.copyOf(attributes);
        nestedBlocks = List.copyOf(nestedBlocks);
        dependsOn = List.copyOf(dependsOn);
    }

    /** {@code <type>.<name>} */
    public String local() {
        return type + "." + name;
    }

    /** True when the block has count or for_each, so its instances have keys. */
    public boolean repeated() {
        return count.isPresent() || forEach.isPresent();
    }
}
