package dev.platctl.engine.config;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.hcl.Attribute;
import dev.platctl.engine.hcl.Block;
import dev.platctl.engine.hcl.Traversal;

import java.util.List;

/**
 * A {@code resource "<type>" "<name>"} block of a module: its attribute expressions (everything the module
 * writes is enforced; requests only reach it through inputs), nested blocks, and explicit
 * {@code depends_on} references.
 */
public record ResourceDecl(String type, String name, List<Attribute> attributes, List<Block> nestedBlocks,
                           List<Traversal> dependsOn, SourceRange typeRange, SourceRange range) {
    public ResourceDecl {
        attributes = List.copyOf(attributes);
        nestedBlocks = List.copyOf(nestedBlocks);
        dependsOn = List.copyOf(dependsOn);
    }

    /** {@code <type>.<name>} */
    public String local() {
        return type + "." + name;
    }
}
