package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.SourceRange;

import java.util.List;
import java.util.Optional;

/** The contents of an HCL file or block: attributes and nested blocks, in source order. */
public record Body(List<Attribute> attributes, List<Block> blocks, SourceRange range) {
    public Body {
        attributes = List.copyOf(attributes);
        blocks = List.copyOf(blocks);
    }

    public Optional<Attribute> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public List<Block> blocks(String type) {
        return blocks.stream().filter(b -> b.type().equals(type)).toList();
    }
}
