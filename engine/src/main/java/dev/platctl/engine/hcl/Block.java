package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.SourceRange;

import java.util.List;

/**
 * {@code type "label" "label" { body }}. {@code typeRange} covers the type keyword, {@code labelRanges}
 * each label, {@code range} the whole block.
 */
public record Block(String type, List<String> labels, Body body, SourceRange typeRange,
                    List<SourceRange> labelRanges, SourceRange range) {
    public Block {
        labels = List.copyOf(labels);
        labelRanges = List.copyOf(labelRanges);
    }
}
